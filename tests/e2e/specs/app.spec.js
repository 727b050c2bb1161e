// What the app shows on load: the default scenario's projection at its horizon,
// its warnings and its architecture changes, with no request leaving the origin,
// no console error, no horizontal overflow on a phone, and a dark theme.
//
// Expected figures are never written here: they come from the CLI's JSON for the
// same scenario (the file global-setup.js points HEADROOM_E2E_EXPECTED at), so
// the page must show what the model computes.
import { cli, count, expect, expected, openApp, readoutValue, test, usd, usdPerMonth, words } from '../helpers.js';

const horizon = expected.months[expected.months.length - 1];

// --- helpers --------------------------------------------------------------------

/** WCAG relative luminance (0 black to 1 white) of a CSS colour, from the page. */
/** The relative luminance (WCAG) of a CSS colour, parsed by the browser: it
 * paints one pixel with it. */
async function luminanceOfColour(page, css) {
  return page.evaluate((css) => {
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    if (a < 255) throw new Error(`not opaque: ${css}`);
    const linear = (c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  }, css);
}

async function luminanceOf(page, selector, property) {
  const css = await page.evaluate(
    ([selector, property]) => getComputedStyle(document.querySelector(selector))[property],
    [selector, property],
  );
  return { css, luminance: await luminanceOfColour(page, css) };
}

/** The first opaque background behind an element (its own, or an ancestor's). */
async function backgroundBehind(page, selector) {
  return page.evaluate((selector) => {
    const clear = (c) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
    let el = document.querySelector(selector);
    while (el && clear(getComputedStyle(el).backgroundColor)) el = el.parentElement;
    return getComputedStyle(el || document.body).backgroundColor;
  }, selector);
}

const contrast = (l1, l2) => (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);

// --- tests ----------------------------------------------------------------------

test('loads the default scenario with the figures the CLI computes', async ({ page }) => {
  await openApp(page);
  await expect(page).toHaveTitle(/Headroom/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Headroom');

  expect(expected.scenario.name).toBe('B2B SaaS');
  await expect(page.getByTestId('scenario-name')).toHaveText('B2B SaaS');

  await expect(page.getByTestId('horizon-month')).toHaveText(String(horizon.month));
  await expect(page.getByTestId('horizon-mau')).toHaveText(count(horizon.mau));
  await expect(page.getByTestId('horizon-customers')).toHaveText(count(horizon.customers));
  // Infrastructure first; payment fees on their own.
  await expect(page.getByTestId('horizon-cost')).toHaveText(usdPerMonth(horizon.infrastructure_usd));
  await expect(page.getByTestId('horizon-cost-per-customer')).toHaveText(usd(horizon.infrastructure_per_customer_usd));
  await expect(page.getByTestId('horizon-payment-fees')).toHaveText(usdPerMonth(horizon.payment_fees_usd));

  const stage = (await page.getByTestId('horizon-stage').textContent()).trim();
  expect(words(stage), `stage shown "${stage}", CLI says "${horizon.stage}"`).toBe(words(horizon.stage));
});

test('infrastructure comes first; one switch puts the payment fees into the figures and the cost chart', async ({
  page,
}) => {
  await openApp(page);
  const fees = page.getByTestId('include-payment-fees');
  await expect(fees).not.toBeChecked();
  expect(horizon.payment_fees_usd).toBeGreaterThan(horizon.infrastructure_usd); // B2B SaaS: the fees dwarf it
  const readout = page.getByTestId('chart-cost-readout');
  const canvas = page.getByTestId('chart-cost').locator('canvas');
  const lastOf = async () => {
    await canvas.focus();
    await page.keyboard.press('End');
    await expect(readout).toHaveAttribute('data-month', String(horizon.month));
  };
  await lastOf();
  await expect(readoutValue(readout, 'Infrastructure')).toHaveText(usdPerMonth(horizon.infrastructure_usd));
  await expect(readout).not.toContainText('Payment fees');

  const draws = Number(await canvas.getAttribute('data-draws'));
  await fees.check();
  await expect(page.getByTestId('horizon-cost')).toHaveText(usdPerMonth(horizon.total_usd));
  await expect(page.getByTestId('horizon-cost-per-customer')).toHaveText(usd(horizon.cost_per_customer_usd));
  await expect.poll(async () => Number(await canvas.getAttribute('data-draws'))).toBeGreaterThan(draws);
  await lastOf();
  await expect(readoutValue(readout, 'Monthly cost')).toHaveText(usdPerMonth(horizon.total_usd));
  await expect(readoutValue(readout, 'Payment fees')).toHaveText(usdPerMonth(horizon.payment_fees_usd));

  await fees.uncheck();
  await expect(page.getByTestId('horizon-cost')).toHaveText(usdPerMonth(horizon.infrastructure_usd));
});

test('a one-year commitment buys the baseline at reserved prices: the headline says what it saves', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('horizon-commitment-savings')).toHaveCount(0);
  const want = JSON.parse(
    cli(['project', '--preset', 'b2b-saas', '--set', 'stack.commitment=one_year', '--format', 'json']),
  );
  const last = want.months[want.months.length - 1];
  expect(last.commitment.savings_usd).toBeGreaterThan(0);
  expect(last.infrastructure_usd).toBeLessThan(horizon.infrastructure_usd);
  await page.getByTestId('group-stack').locator('summary.hr-group__title').click();
  const field = page.getByTestId('input-stack.commitment');
  await field.selectOption('one_year');
  await expect(page.getByTestId('horizon-commitment-savings')).toHaveText(usdPerMonth(last.commitment.savings_usd));
  await expect(page.getByTestId('horizon-cost')).toHaveText(usdPerMonth(last.infrastructure_usd));
});

test('makes no request outside its origin and logs no error', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const requests = [];
  const problems = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (ws) => requests.push(ws.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );

  await openApp(page);
  await expect(page.getByTestId('events')).toBeVisible();

  // Not vacuous: the page, its script and its wasm were all fetched and recorded.
  expect(requests).toContain(`${origin}/`);
  expect(requests.some((url) => url.endsWith('.js')), requests.join('\n')).toBe(true);
  expect(requests.some((url) => url.endsWith('.wasm')), requests.join('\n')).toBe(true);

  // data: and blob: URLs never leave the machine (the favicon is "data:,").
  const outside = requests.filter(
    (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
  );
  expect(outside, `requests outside ${origin}`).toEqual([]);
  expect(problems).toEqual([]);
});

test('the UNVERIFIED warning is shown and names price keys', async ({ page }) => {
  expect(expected.unverified_prices.length, 'the CLI lists unverified prices for this scenario').toBeGreaterThan(0);
  await openApp(page);

  const warnings = page.getByTestId('warnings');
  await expect(warnings).toBeVisible();
  await expect(warnings.locator('li')).toHaveCount(expected.warnings.length);
  await expect(warnings).toContainText('UNVERIFIED');

  const text = await warnings.textContent();
  const named = expected.unverified_prices.filter((key) => text.includes(key));
  expect(named.length, `no unverified price key (${expected.unverified_prices.join(', ')}) in: ${text}`).toBeGreaterThan(0);
});

test('the events table has one row per event of the projection', async ({ page }) => {
  expect(expected.events.length, 'the CLI lists architecture changes for this scenario').toBeGreaterThan(0);
  await openApp(page);

  const table = page.getByTestId('events');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(expected.events.length);
  await expect(rows.locator('td:nth-child(1)')).toHaveText(expected.events.map((e) => String(e.month)));
  // The last column says whether the projection adopted the change ("adopted" or a dash).
  await expect(table.locator('thead th').last()).toHaveText('In the projection');
  await expect(rows.locator('td:last-child')).toHaveText(expected.events.map((e) => (e.adopted ? 'adopted' : '—')));
  await expect(rows.locator('td:nth-child(5)')).toHaveText(expected.events.map((e) => e.reason));
});

test.describe('on a 360 px wide phone', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test('nothing overflows horizontally', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('events')).toBeAttached();
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(360);
    expect(widths.document, JSON.stringify(widths)).toBeLessThanOrEqual(360);
  });
});

// Issue 12, item 12: extra regions are added only once multi-region is adopted.
test('the extra regions field says when the regions are added', async ({ page }) => {
  await openApp(page);
  const stack = page.getByTestId('group-stack');
  await stack.locator('summary.hr-group__title').click();
  await expect(stack).toContainText('once multi-region is adopted');
  await expect(stack).not.toContainText('from the start');
});

for (const scheme of ['dark', 'light']) {
  test.describe(`with a ${scheme} system colour scheme`, () => {
    test.use({ colorScheme: scheme });

    test(`the page is ${scheme} and its text readable`, async ({ page }) => {
      await openApp(page);
      const background = await luminanceOf(page, 'body', 'backgroundColor');
      const text = await luminanceOf(page, 'body', 'color');
      if (scheme === 'dark') {
        expect(background.luminance, `body background ${background.css}`).toBeLessThan(0.1);
      } else {
        expect(background.luminance, `body background ${background.css}`).toBeGreaterThan(0.6);
      }
      const ratio = contrast(background.luminance, text.luminance);
      expect(ratio, `text ${text.css} on ${background.css}`).toBeGreaterThanOrEqual(4.5);
    });

    // Issue 12, item 11: the badge was #e0b100 on white, 1.88:1.
    test(`the UNVERIFIED badge is readable in ${scheme}`, async ({ page }) => {
      await openApp(page);
      const badge = '[data-testid="unverified"] .hr-badge--unverified';
      await expect(page.locator(badge)).toBeVisible();
      const text = await luminanceOf(page, badge, 'color');
      const background = await backgroundBehind(page, badge);
      const back = await luminanceOfColour(page, background);
      const ratio = contrast(back, text.luminance);
      expect(ratio, `badge ${text.css} on ${background}`).toBeGreaterThanOrEqual(4.5);
    });
  });
}
