// Compare mode: B beside A by stage and at the horizon; the comparison travels
// in the link (`#s=<A>&b=<B>`). Differences are the CLI's `compare` figures.
import { canvasPicture, chartCanvas, cli, expect, openApp, test, token, usd } from '../helpers.js';

/** "+$1,234" / "−$56" as the table writes a difference. */
const signed = (v) => (v < 0 ? `−${usd(-v)}` : `+${usd(v)}`);

test('a compare link shows B beside A with the CLI\'s differences, in a fresh browser too', async ({
  page,
  browser,
  baseURL,
}) => {
  const [a, b] = [token('fintech'), token('marketplace months=60')];
  await openApp(page, `/#s=${a}&b=${b}`);
  await expect(page.getByTestId('compare')).toBeVisible();
  const c = JSON.parse(cli(['compare', a, b, '--format', 'json']));
  await expect(page.getByTestId('compare-a')).toHaveText(c.a);
  await expect(page.getByTestId('compare-b')).toHaveText(c.b);
  const rows = page.getByTestId('compare-table').locator('tbody tr');
  await expect(rows).toHaveCount(c.stages.length + 1);
  const horizon = rows.last();
  await expect(horizon.locator('td').nth(8)).toHaveText(signed(c.horizon.total_usd));
  await expect(horizon.locator('td').nth(9)).toHaveText(signed(c.horizon.cost_per_customer_usd));

  // The address keeps both; a fresh browser opening it sees the same comparison.
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('&b=2.');
  const url = await page.evaluate(() => location.href);
  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByTestId('compare-b')).toHaveText(c.b);
  await fresh.close();

  // Stop comparing: the section goes, the charts lose B's lines, and B leaves
  // the address.
  const drawsBefore = Number(await chartCanvas(page, 'cost').getAttribute('data-draws'));
  const withB = await canvasPicture(page, 'cost');
  await page.getByTestId('compare-stop').click();
  await expect(page.getByTestId('compare')).toBeHidden();
  await expect
    .poll(async () => Number(await chartCanvas(page, 'cost').getAttribute('data-draws')))
    .toBeGreaterThan(drawsBefore);
  expect((await canvasPicture(page, 'cost')).hash).not.toBe(withB.hash);
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('&b=');
});

test('a pasted link or a saved scenario becomes B from the Compare panel', async ({ page }) => {
  await openApp(page);
  // Save the default under a name, then switch A to another preset.
  await page.getByTestId('open-saved').click();
  await page.getByTestId('save-name').fill('Baseline');
  await page.getByTestId('save').click();
  await page.getByTestId('preset').selectOption('consumer-app');

  await page.getByTestId('open-compare').click();
  await page.locator('[data-testid="compare-saved"][data-name="Baseline"]').click();
  await expect(page.getByTestId('compare-b')).toHaveText('B2B SaaS');
  await expect(page.getByTestId('compare-a')).toHaveText('Consumer app');

  await page.getByTestId('compare-link').fill(`http://example.invalid/#s=${token('fintech')}`);
  await page.getByTestId('compare-go').click();
  await expect(page.getByTestId('compare-b')).toHaveText('Fintech');

  await page.getByTestId('compare-link').fill('#s=1.broken');
  await page.getByTestId('compare-go').click();
  await expect(page.getByTestId('compare-status')).toContainText('could not be opened');
  await expect(page.getByTestId('compare-b')).toHaveText('Fintech');
});
