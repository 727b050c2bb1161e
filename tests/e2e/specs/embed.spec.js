// Embed mode (?view=…&embed=1#s=…): the chosen view of a fixed scenario, no
// editor, a link back to the full planner with the same scenario, and a height
// message to the parent frame (and nothing else); messages from the parent are
// ignored.
import { chartCanvas, expect, expectHeadline, expected, openApp, projection, test, token } from '../helpers.js';

test('the embed shows the chart without the editor and links back with the same fragment', async ({
  page,
  baseURL,
}) => {
  const link = token('fintech');
  await page.goto(`/?view=cost&embed=1#s=${link}`);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expectHeadline(page, projection('token fintech'));
  await expect(chartCanvas(page, 'cost')).toHaveAttribute('data-drawn', 'true');

  // No editor, no toolbar, no other chart.
  await expect(page.locator('input, select, textarea')).toHaveCount(0);
  await expect(page.getByTestId('preset')).toHaveCount(0);
  await expect(page.getByTestId('open-share')).toHaveCount(0);
  await expect(page.getByTestId('chart-utilisation')).toHaveCount(0);
  await expect(page.getByTestId('chart-per-customer')).toHaveCount(0);

  const open = page.getByTestId('embed-open');
  await expect(open).toBeVisible();
  const href = await open.getAttribute('href');
  const target = new URL(href);
  expect(target.origin + target.pathname).toBe(`${baseURL}/`);
  expect(target.hash).toBe(`#s=${link}`);
  expect(target.searchParams.get('embed'), 'the link opens the full planner').toBeNull();
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', /noopener/);

  // The embed leaves the address as it was.
  expect(await page.evaluate(() => location.search + location.hash)).toBe(`?view=cost&embed=1#s=${link}`);
});

test('the other embed views show their own content', async ({ page }) => {
  const link = token('fintech');
  const fintech = projection('token fintech');
  await page.goto(`/?view=per-customer&embed=1#s=${link}`);
  await expect(chartCanvas(page, 'per-customer')).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('chart-cost')).toHaveCount(0);

  await page.goto(`/?view=timeline&embed=1#s=${link}`);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('events').locator('tbody tr')).toHaveCount(fintech.events.length);
  await expect(page.locator('canvas')).toHaveCount(0);
});

test('the embed posts its height to the parent page, and nothing else', async ({ page, baseURL }) => {
  const src = `${baseURL}/?view=cost&embed=1#s=${token('fintech')}`;
  // A host page on the same origin (served by the test, not by dist/).
  await page.route(`${baseURL}/host.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
        <script>
          window.received = [];
          addEventListener('message', (e) => window.received.push({ data: e.data, fromFrame: e.source === document.querySelector('iframe').contentWindow }));
        </script>
        <iframe src="${src}" title="Headroom" style="width:600px;height:200px;border:0"></iframe>
      </body></html>`,
    }),
  );
  await page.goto('/host.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('embed')).toBeVisible();
  await expect(frame.locator('canvas')).toHaveAttribute('data-drawn', 'true');

  await expect.poll(() => page.evaluate(() => window.received.length)).toBeGreaterThan(0);
  const frameHeight = await frame.locator('html').evaluate((html) => html.scrollHeight);
  // The latest message reports the frame's content height (rounded up to a
  // whole pixel, so the frame never clips; scrollHeight rounds to the nearest).
  await expect
    .poll(async () => {
      const reported = await page.evaluate(() => window.received[window.received.length - 1].data.height);
      return reported - frameHeight;
    })
    .toBeGreaterThanOrEqual(0);
  const last = await page.evaluate(() => window.received[window.received.length - 1].data.height);
  expect(last - frameHeight).toBeLessThanOrEqual(1);

  const received = await page.evaluate(() => window.received);
  for (const message of received) {
    expect(message.fromFrame).toBe(true);
    expect(Object.keys(message.data).sort()).toEqual(['height', 'type']);
    expect(message.data.type).toBe('headroom:height');
    expect(typeof message.data.height).toBe('number');
    expect(message.data.height).toBeGreaterThan(0);
  }

  // The embed wrote nothing to the reader's storage.
  expect(await frame.locator('html').evaluate(() => Object.keys(localStorage))).toEqual([]);
});

test('the embed snippet of the full page carries the scenario and the chosen view', async ({ page, baseURL }) => {
  await openApp(page, `/#s=${token('fintech')}`);
  await page.getByTestId('open-embed').click();
  const snippet = page.getByTestId('embed-snippet');
  await expect(snippet).toHaveValue(new RegExp(`src="${baseURL}/\\?view=cost&embed=1#s=${token('fintech')}"`));
  await page.getByTestId('embed-view').selectOption('stages');
  await expect(snippet).toHaveValue(/\?view=stages&embed=1#s=2\./);
  await expect(snippet).toHaveValue(/headroom:height/);
});

/** The embed's content height inside its frame (the body's margin box). */
const contentHeight = (frame) =>
  frame.locator('body').evaluate((body) => {
    const cs = getComputedStyle(body);
    return Math.ceil(body.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom));
  });

/** The iframe's height in the host page (CSS pixels). */
const frameHeight = (page) => page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().height));

// BUG (reported): the embed reports document.documentElement.scrollHeight, which
// is never less than the frame's own height. The frame grows to fit, but once it
// is taller than its content (the page got wider, so the content got shorter) it
// never shrinks back: the design asks for "a height that fits its iframe".
test('with the snippet the app gives, the frame fits the embed\'s height, growing and shrinking', async ({
  page,
  baseURL,
}) => {
  // The snippet, as a writer copies it from the Embed panel.
  await openApp(page, `/#s=${token('fintech')}`);
  await page.getByTestId('open-embed').click();
  await page.getByTestId('embed-view').selectOption('stages');
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toContain('<iframe');

  await page.route(`${baseURL}/post.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><h1>A post</h1>${snippet}<p>After.</p></body></html>`,
    }),
  );
  await page.goto('/post.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('stage-table')).toBeVisible();

  // From the snippet's 520 px to the content's height.
  await expect
    .poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame))), { timeout: 5000 })
    .toBeLessThanOrEqual(1);
  const wide = await frameHeight(page);

  // A narrower page makes the content taller (the stage table wraps): the frame follows.
  await page.setViewportSize({ width: 700, height: 720 });
  await expect
    .poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame))), { timeout: 5000 })
    .toBeLessThanOrEqual(1);
  expect(await frameHeight(page)).not.toBe(wide);

  // Back to wide: the content is shorter again, and the frame must shrink to it.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect
    .poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame))), { timeout: 5000 })
    .toBeLessThanOrEqual(1);
});

test('an embed without a link shows the default scenario, not the reader\'s own working scenario', async ({
  page,
}) => {
  // The reader worked on the fintech preset in the full planner: it is their working copy.
  await openApp(page, `/#s=${token('fintech')}`);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('headroom.v1.working')))
    .toContain(projection('fintech').scenario.name);

  await page.goto('/?view=cost&embed=1');
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('scenario-name')).toHaveText(expected.scenario.name);
  // And the embed left the working copy alone.
  expect(await page.evaluate(() => localStorage.getItem('headroom.v1.working'))).toContain(
    projection('fintech').scenario.name,
  );
});

/** A host page around the embed at `src`, recording what the frame posts to it. */
const hostPage = (src) => `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
    <script>
      window.received = [];
      addEventListener('message', (e) => window.received.push({ data: e.data, origin: e.origin }));
    </script>
    <iframe src="${src}" title="Headroom" style="width:600px;height:400px;border:0"></iframe>
  </body></html>`;

// Two parents: one of another origin, an opaque one (a page written into
// about:blank; Chromium's local-network checks block a loopback frame in a page
// the test serves under another host name, so this is the third-party parent a
// test can make here), and one of the embed's own origin.
const PARENTS = {
  'another origin': async (page, src) => {
    await page.setContent(hostPage(src));
  },
  'the same origin': async (page, src, baseURL) => {
    await page.route(`${baseURL}/host.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: hostPage(src) }),
    );
    await page.goto('/host.html');
  },
};

for (const [parent, openHost] of Object.entries(PARENTS)) {
  test(`messages from a parent page of ${parent}, of any shape or size, change nothing in the embed`, async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(90_000); // megabytes of messages on a shared machine
    await openHost(page, `${baseURL}/?view=cost&embed=1#s=${token('fintech')}`, baseURL);
    const frame = page.frameLocator('iframe');
    await expect(frame.getByTestId('embed')).toBeVisible();
    await expectHeadline(frame, projection('token fintech'));
    const canvas = frame.locator('canvas');
    await expect(canvas).toHaveAttribute('data-drawn', 'true');
    await expect.poll(() => page.evaluate(() => window.received.length)).toBeGreaterThan(0);
    const state = async () => ({
      href: await frame.locator('html').evaluate(() => location.href),
      // Under an opaque parent the frame may not even read its storage (Chromium
      // denies it); the embed never tries, and writes nothing either way.
      storage: await frame.locator('html').evaluate(() => {
        try {
          return Object.keys(localStorage);
        } catch (e) {
          return e.name;
        }
      }),
      notices: await frame.getByTestId('notice').count(),
      draws: await canvas.getAttribute('data-draws'),
      name: await frame.getByTestId('scenario-name').textContent(),
    });
    // Settled: the same state twice, a moment apart.
    let before = await state();
    await expect
      .poll(async () => {
        const now = await state();
        const same = JSON.stringify(now) === JSON.stringify(before);
        before = now;
        return same;
      })
      .toBe(true);

    const marketplace = projection('marketplace').scenario;
    const other = token('marketplace months=60');
    await page.evaluate(
      ([scenario, link, appOrigin]) => {
        const target = document.querySelector('iframe').contentWindow;
        const messages = [
          'hello',
          `#s=${link}`,
          `s=${link}`,
          { type: 'headroom:height', height: 1 },
          { type: 'headroom:scenario', scenario },
          { type: 'headroom:link', link: `#s=${link}`, hash: `#s=${link}` },
          scenario,
          JSON.stringify(scenario),
          [1, 2, 3],
          null,
          42,
          'x'.repeat(10 * 1024 * 1024),
          { type: 'headroom:scenario', scenario: { ...scenario, name: 'z'.repeat(10 * 1024 * 1024) } },
        ];
        for (const m of messages) {
          target.postMessage(m, '*');
          target.postMessage(m, appOrigin);
        }
      },
      [marketplace, other, new URL(baseURL).origin],
    );
    // Every message delivered (queued tasks in the frame), then nothing has changed.
    await frame.locator('html').evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(await state()).toEqual(before);
    await expectHeadline(frame, projection('token fintech'));

    // The embed wrote nothing, and told its parent only its height.
    expect([[], 'SecurityError']).toContainEqual(before.storage);
    const received = await page.evaluate(() => window.received);
    expect(received.length).toBeGreaterThan(0);
    for (const message of received) {
      expect(message.origin).toBe(new URL(baseURL).origin);
      expect(Object.keys(message.data).sort()).toEqual(['height', 'type']);
      expect(message.data.type).toBe('headroom:height');
      expect(Number.isFinite(message.data.height)).toBe(true);
    }
  });
}
