// The charts' readouts: the pointer over a chart shows the values of the month
// under it, and the keyboard (canvas focused, arrows, Home, End) moves the month.
// The values shown are the CLI's for that month.
import { chartCanvas, count, expect, expected, openApp, readoutValue, test, usdPerMonth } from '../helpers.js';

const monthOf = (n) => {
  const m = expected.months.find((x) => x.month === n);
  if (!m) throw new Error(`month ${n} is not in the projection`);
  return m;
};

/** Moves the pointer to a fraction of the canvas's width, at mid height. */
async function hover(page, id, fraction) {
  // The mouse moves in viewport coordinates: bring the chart into view first.
  await chartCanvas(page, id).scrollIntoViewIfNeeded();
  const box = await chartCanvas(page, id).boundingBox();
  await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2, { steps: 2 });
}

test('hovering the cost chart shows the month under the pointer with its cost', async ({ page }) => {
  await openApp(page);
  const readout = page.getByTestId('chart-cost-readout');
  await expect(readout).not.toHaveAttribute('data-month', /./);

  await hover(page, 'cost', 0.5);
  await expect(readout).toHaveAttribute('data-month', /^\d+$/);
  const middle = Number(await readout.getAttribute('data-month'));
  expect(middle).toBeGreaterThan(0);
  expect(middle).toBeLessThan(expected.months.length - 1);
  await expect(readout).toContainText(`Month ${middle}`);
  await expect(readoutValue(readout, 'Infrastructure')).toHaveText(usdPerMonth(monthOf(middle).infrastructure_usd));

  // Further right is a later month, with that month's figures.
  await hover(page, 'cost', 0.8);
  await expect.poll(async () => Number(await readout.getAttribute('data-month'))).toBeGreaterThan(middle);
  const later = Number(await readout.getAttribute('data-month'));
  await expect(readoutValue(readout, 'Infrastructure')).toHaveText(usdPerMonth(monthOf(later).infrastructure_usd));

  // Leaving the chart hides the readout.
  await page.mouse.move(1, 1);
  await expect(readout).not.toHaveAttribute('data-month', /./);
});

test('hovering the cost-per-customer chart shows that month\'s users and customers', async ({ page }) => {
  await openApp(page);
  const readout = page.getByTestId('chart-per-customer-readout');
  await hover(page, 'per-customer', 0.6);
  await expect(readout).toHaveAttribute('data-month', /^\d+$/);
  const m = monthOf(Number(await readout.getAttribute('data-month')));
  await expect(readout).toContainText(`Month ${m.month}`);
  await expect(readoutValue(readout, 'Active users \\(MAU\\)')).toHaveText(count(m.mau));
  await expect(readoutValue(readout, 'Customers')).toHaveText(count(m.customers));
});

test('the keyboard moves the readout month by month', async ({ page }) => {
  await openApp(page);
  const canvas = chartCanvas(page, 'cost');
  const readout = page.getByTestId('chart-cost-readout');
  const first = expected.months[0];
  const last = expected.months[expected.months.length - 1];

  await canvas.focus();
  await expect(canvas).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveAttribute('data-month', String(first.month));
  await expect(readoutValue(readout, 'Infrastructure')).toHaveText(usdPerMonth(first.infrastructure_usd));

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const third = expected.months[2];
  await expect(readout).toHaveAttribute('data-month', String(third.month));
  await expect(readoutValue(readout, 'Infrastructure')).toHaveText(usdPerMonth(third.infrastructure_usd));

  await page.keyboard.press('ArrowLeft');
  await expect(readout).toHaveAttribute('data-month', String(expected.months[1].month));

  await page.keyboard.press('End');
  await expect(readout).toHaveAttribute('data-month', String(last.month));
  await expect(readoutValue(readout, 'Infrastructure')).toHaveText(usdPerMonth(last.infrastructure_usd));
  // Past the end it stays on the last month.
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveAttribute('data-month', String(last.month));

  await page.keyboard.press('Home');
  await expect(readout).toHaveAttribute('data-month', String(first.month));

  await page.keyboard.press('Escape');
  await expect(readout).not.toHaveAttribute('data-month', /./);

  // From a hovered month, the arrow steps on from there.
  await hover(page, 'cost', 0.5);
  await expect(readout).toHaveAttribute('data-month', /^\d+$/);
  const hovered = Number(await readout.getAttribute('data-month'));
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveAttribute('data-month', String(hovered + 1));
});
