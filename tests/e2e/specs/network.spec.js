// No request leaves the page's origin, across the main flows: load, edits, a
// preset, every panel, the exports, a share link in a new tab, and the embed in a
// frame. Every request of the browser context is recorded (frames and new tabs
// included), as are WebSockets, service workers and beacons.
import {
  CHARTS,
  chartCanvas,
  expect,
  expectHeadline,
  openApp,
  projection,
  setInput,
  test,
  token,
} from '../helpers.js';

test('no request leaves the origin during the main flows', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (p) => p.on('websocket', (ws) => requests.push(ws.url())));
  page.on('websocket', (ws) => requests.push(ws.url()));
  const failed = [];
  context.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));

  // Load, edit, switch preset.
  await openApp(page);
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));
  await page.getByTestId('preset').selectOption('consumer-app');
  await expectHeadline(page, projection('consumer-app'));

  // Every panel, the exports and a chart readout.
  await page.getByTestId('open-share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('open-saved').click();
  await page.getByTestId('save-name').fill('Network check');
  await page.getByTestId('save').click();
  await expect(page.locator('[data-testid="saved-item"][data-name="Network check"]')).toBeVisible();
  await page.getByTestId('open-export').click();
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-cost-png').click()]);
  await page.getByTestId('open-embed').click();
  await expect(page.getByTestId('embed-snippet')).not.toBeEmpty();
  await chartCanvas(page, 'cost').scrollIntoViewIfNeeded();
  const box = await chartCanvas(page, 'cost').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('chart-cost-readout')).toHaveAttribute('data-month', /\d/);
  await page.getByTestId('monthly-toggle').click();
  await expect(page.getByTestId('monthly-table')).toBeVisible();
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });

  // The share link in another tab; the embed in a frame of a host page.
  const tab = await context.newPage();
  await openApp(tab, link);
  await expectHeadline(tab, projection('consumer-app'));
  await page.route(`${baseURL}/host.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><link rel="icon" href="data:,"><iframe src="/?view=utilisation&embed=1#s=${token('fintech')}"></iframe>`,
    }),
  );
  await page.goto('/host.html');
  await expect(page.frameLocator('iframe').locator('canvas')).toHaveAttribute('data-drawn', 'true');
  // Back to the app: the working scenario from storage.
  await openApp(page, '/');
  for (const id of CHARTS) await expect(chartCanvas(page, id)).toHaveAttribute('data-drawn', 'true');

  // Not vacuous: the page, its script and its wasm were fetched and recorded.
  expect(requests).toContain(`${origin}/`);
  expect(requests.some((url) => url.endsWith('.js')), requests.join('\n')).toBe(true);
  expect(requests.some((url) => url.endsWith('.wasm')), requests.join('\n')).toBe(true);
  expect(requests).toContain(`${origin}/host.html`);

  // data: and blob: URLs never leave the machine (the favicon is "data:,", downloads are blobs).
  const outside = requests.filter(
    (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
  );
  expect(outside, `requests outside ${origin}`).toEqual([]);
  expect(failed).toEqual([]);
  // Nothing registered a service worker that could fetch later.
  expect(await page.evaluate(async () => (await navigator.serviceWorker?.getRegistrations())?.length ?? 0)).toBe(0);
});
