// Uncertainty: a range on an input runs the Monte Carlo in the page; the link
// carries the range and the seed, and the CLI given that link prints the same
// percentiles, change probabilities and CSV.
import { readFile } from 'node:fs/promises';
import { canvasPicture, cli, count, expect, openApp, test, usd, usdPerMonth } from '../helpers.js';

const RATE = 'growth.monthly_rate';

/** Turns the range of the monthly growth rate on and waits for the run to finish. */
async function rangeTheRate(page) {
  await openApp(page);
  await expect(page.getByTestId('uncertainty')).toBeHidden();
  await page.getByTestId(`range-toggle-${RATE}`).click();
  await expect(page.getByTestId(`range-toggle-${RATE}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('uncertainty')).toBeVisible();
  await expect(page.getByTestId('sim-done')).toBeVisible({ timeout: 20_000 });
}

/** The page's link once the address carries the range. */
async function rangedLink(page) {
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=2\./);
  const hash = await page.evaluate(() => location.hash);
  const scenario = JSON.parse(cli(['scenario', '--link', hash]));
  expect(scenario.uncertainty.ranges[RATE]).toBeDefined();
  return hash;
}

test('a range on an input shows the spread the CLI computes for the same link', async ({ page }) => {
  await rangeTheRate(page);
  const low = Number(await page.getByTestId(`range-low-${RATE}`).inputValue());
  const high = Number(await page.getByTestId(`range-high-${RATE}`).inputValue());
  const likely = Number(await page.getByTestId(`input-${RATE}`).inputValue());
  expect(low).toBeLessThan(likely);
  expect(high).toBeGreaterThan(likely);

  // Wait until the address holds the scenario with its range, then ask the CLI.
  await expect
    .poll(async () => {
      const hash = await page.evaluate(() => location.hash);
      return hash.startsWith('#s=2.') && cli(['scenario', '--link', hash]).includes(RATE + '"');
    })
    .toBe(true);
  const hash = await rangedLink(page);
  const sim = JSON.parse(cli(['project', '--link', hash, '--samples', '1000', '--format', 'json']));

  // Each row of the percentile table is the CLI's P10 · P50 · P90 for that month.
  const rows = page.getByTestId('sim-table').locator('tbody tr');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const month = Number(await row.locator('th').innerText());
    const m = sim.months.find((x) => x.month === month);
    const cells = row.locator('td');
    await expect(cells.nth(0)).toHaveText(`${count(m.mau.p10)} · ${count(m.mau.p50)} · ${count(m.mau.p90)}`);
    await expect(cells.nth(1)).toHaveText(
      `${usd(m.total_usd.p10)} · ${usd(m.total_usd.p50)} · ${usd(m.total_usd.p90)}`,
    );
  }
  // A real spread: the horizon's P10 is below its P90.
  const last = sim.months[sim.months.length - 1];
  expect(last.mau.p10).toBeLessThan(last.mau.p90);

  // One row per change the CLI lists, and the sensitivity ranks the one ranged input.
  await expect(page.getByTestId('sim-changes').locator('tbody tr')).toHaveCount(sim.changes.length);
  await expect(page.getByTestId('tornado-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('tornado-table').locator('tbody tr')).toHaveAttribute('data-input', RATE);
});

// The paths run in Web Workers (src/montecarlo/pool.rs) where the worker script
// loads, and on the page itself where it does not: the same numbers either way.
for (const workers of [true, false]) {
  const how = workers ? 'projected in Web Workers' : 'projected by the page, its worker blocked';
  test(`the percentiles CSV is the CLI's CSV for the same link (paths ${how})`, async ({ page }) => {
    const started = [];
    page.on('worker', (worker) => started.push(worker.url()));
    if (!workers) await page.route(/montecarlo-worker-[0-9a-f]+\.js$/, (route) => route.abort());
    await rangeTheRate(page);
    const hash = await rangedLink(page);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-percentiles').click()]);
    const text = await readFile(await file.path(), 'utf8');
    expect(text).toBe(cli(['project', '--link', hash, '--samples', '1000', '--format', 'csv']));
    if (workers) expect(started.filter((url) => /montecarlo-worker-[0-9a-f]+\.js$/.test(url)).length).toBeGreaterThan(0);
    await expect(page.getByTestId('sim-error')).toHaveCount(0);
  });
}

test('a range the model refuses is named; turning the range off removes the spread', async ({ page }) => {
  await rangeTheRate(page);
  const likely = Number(await page.getByTestId(`input-${RATE}`).inputValue());
  await page.getByTestId(`range-high-${RATE}`).fill(String(likely / 2));
  await expect(page.getByTestId(`error-${RATE}`)).toContainText(`uncertainty.ranges.${RATE}.high`);

  await page.getByTestId(`range-toggle-${RATE}`).click();
  await expect(page.getByTestId(`range-toggle-${RATE}`)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('uncertainty')).toBeHidden();
  await expect
    .poll(async () => {
      const hash = await page.evaluate(() => location.hash);
      return JSON.parse(cli(['scenario', '--link', hash])).uncertainty ?? null;
    })
    .toBeNull();
});

test('typing stays possible while a run is under way, and the last edit wins', async ({ page }) => {
  await openApp(page, '/?months=120');
  await page.getByTestId(`range-toggle-${RATE}`).click();
  await expect(page.getByTestId('sim-progress')).toBeVisible();
  // Edit while it runs: the run restarts on the new scenario and finishes.
  await page.getByTestId('input-growth.start_users').fill('2000');
  await expect(page.getByTestId('sim-done')).toBeVisible({ timeout: 20_000 });
  const hash = await rangedLink(page);
  expect(JSON.parse(cli(['scenario', '--link', hash])).growth.start_users).toBe(2000);
});

test('the fan charts and the tornado draw, and a fan reads out the CLI percentiles of a month', async ({
  page,
}) => {
  await rangeTheRate(page);
  for (const id of ['fan-cost', 'fan-per-customer', 'tornado']) {
    await expect(page.getByTestId(`chart-${id}`).locator('canvas')).toHaveAttribute('data-drawn', 'true');
    const picture = await canvasPicture(page, id);
    expect(picture.colours, `${id} is not blank`).toBeGreaterThan(3);
  }
  const hash = await rangedLink(page);
  const sim = JSON.parse(cli(['project', '--link', hash, '--samples', '1000', '--format', 'json']));

  // Keyboard: focus the fan, End jumps to the horizon.
  const canvas = page.getByTestId('chart-fan-cost').locator('canvas');
  await canvas.focus();
  await page.keyboard.press('End');
  const readout = page.getByTestId('chart-fan-cost-readout');
  const last = sim.months[sim.months.length - 1];
  await expect(readout).toHaveAttribute('data-month', String(last.month));
  await expect(readout).toContainText(usdPerMonth(last.total_usd.p50));
  await expect(readout).toContainText(usdPerMonth(last.total_usd.p90));

  // The tornado reads out its rows too: the first (largest swing) input.
  await page.getByTestId('chart-tornado').locator('canvas').focus();
  await page.keyboard.press('ArrowRight');
  const tornado = page.getByTestId('chart-tornado-readout');
  await expect(tornado).toHaveAttribute('data-month', '0');
  await expect(tornado).toContainText('Monthly growth rate');
  await expect(tornado).toContainText('Swing');
});

test('the raw samples export has every path and month, and gives back the CLI median', async ({ page }) => {
  await rangeTheRate(page);
  const hash = await rangedLink(page);
  const sim = JSON.parse(cli(['project', '--link', hash, '--samples', '1000', '--format', 'json']));
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-samples').click()]);
  const lines = (await readFile(await file.path(), 'utf8')).trim().split('\n');
  expect(lines[0]).toBe('path,month,mau,total_usd,cost_per_customer_usd');
  expect(lines.length - 1).toBe(sim.paths * sim.months.length);

  // The horizon's monthly cost across the paths: its median (by the model's
  // interpolation between order statistics) is the CLI's P50, to the bit.
  const horizon = sim.months[sim.months.length - 1];
  const totals = lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((cells) => Number(cells[1]) === horizon.month)
    .map((cells) => Number(cells[3]))
    .sort((x, y) => x - y);
  expect(totals.length).toBe(sim.paths);
  const pos = 0.5 * (totals.length - 1);
  const i = Math.floor(pos);
  const median = totals[i] + (totals[Math.min(i + 1, totals.length - 1)] - totals[i]) * (pos - i);
  expect(median).toBe(horizon.total_usd.p50);
});
