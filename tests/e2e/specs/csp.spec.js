// The page runs under its Content-Security-Policy (index.html): no inline script,
// no eval, WebAssembly compiled under 'wasm-unsafe-eval', styles only from the
// stylesheet or CSS properties. Every violation the browser reports is recorded
// from before the first script runs; the main flows must cause none, and a
// deliberate inline script must be refused (so the policy is really in force).
import { CHARTS, chartCanvas, expect, expectHeadline, openApp, projection, setInput, test } from '../helpers.js';

/** Records every CSP violation of the page in window.__violations, from the start. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

const violations = (page) => page.evaluate(() => window.__violations);

test('the page declares a policy without inline script or eval', async ({ page }) => {
  await recordViolations(page);
  await openApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = Object.fromEntries(
    policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
  expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['style-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  // Every script is a file of the site; none is inline.
  const scripts = await page.locator('script').evaluateAll((all) =>
    all.map((s) => ({ src: s.getAttribute('src'), text: s.textContent.trim() })),
  );
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) {
    expect(s.text, `inline script: ${s.text.slice(0, 80)}`).toBe('');
    expect(s.src).toMatch(/^\/boot-[0-9a-f]{16}\.js$/);
  }
  expect(await violations(page)).toEqual([]);
});

test('the main flows cause no policy violation', async ({ page }) => {
  await recordViolations(page);
  await openApp(page);
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));
  // Chart readouts by pointer and by keyboard (positioned through CSS properties).
  for (const id of CHARTS) {
    const canvas = chartCanvas(page, id);
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    await expect(page.getByTestId(`chart-${id}-readout`)).toHaveAttribute('data-month', /\d/);
    const readout = page.getByTestId(`chart-${id}-readout`);
    // Right of the middle, the box sits left of the pointer: positioned from the right edge.
    await expect.poll(() => readout.evaluate((el) => el.style.right)).toMatch(/px$/);
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await expect.poll(() => readout.evaluate((el) => el.style.left)).toMatch(/px$/);
    await expect(page.locator(`[data-testid="chart-${id}"] .hr-chart__guide`)).toHaveCount(1);
  }
  await chartCanvas(page, 'cost').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('chart-cost-readout')).toHaveAttribute('data-month', /\d/);
  // Panels and downloads.
  for (const panel of ['open-share', 'open-saved', 'open-embed', 'open-export']) {
    await page.getByTestId(panel).click();
  }
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-cost-png').click()]);
  expect(await violations(page)).toEqual([]);
});

test('the policy is in force: an injected inline script does not run', async ({ page, problems }) => {
  await recordViolations(page);
  await openApp(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.append(s);
    const styled = document.createElement('div');
    styled.setAttribute('style', 'color: red');
    document.body.append(styled);
  });
  await expect.poll(() => violations(page)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^script-src/), expect.stringMatching(/^style-src/)]),
  );
  expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
  // The browser reports the two refusals on the console: they are this test's
  // doing, so they are taken off the list of problems (and nothing else is).
  expect(problems).toHaveLength(2);
  expect(problems.every((p) => p.includes('violates the following Content Security Policy directive'))).toBe(true);
  problems.length = 0;
  // And the app still works.
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));
});
