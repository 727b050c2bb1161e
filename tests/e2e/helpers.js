// Shared by the specs: the expected figures (from the CLI, see global-setup.js),
// the page's number formatting mirrored in JavaScript, and small page helpers.
//
// Nothing here holds a figure: every expected value is read from the CLI's JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { expect, test as base } from '@playwright/test';

// --- what the CLI computed --------------------------------------------------------

/** The default scenario's projection (b2b-saas), as the CLI's JSON. */
export const expected = JSON.parse(readFileSync(process.env.HEADROOM_E2E_EXPECTED, 'utf8'));

const fixtures = JSON.parse(readFileSync(process.env.HEADROOM_E2E_FIXTURES, 'utf8'));

/** A projection global-setup.js wrote, by fixture name (e.g. "consumer-app users=5000"). */
export function projection(name) {
  const p = fixtures.projections[name];
  if (!p) throw new Error(`no projection fixture "${name}": add it to FIXTURES in global-setup.js`);
  return p;
}

/** A share-link token global-setup.js wrote (what follows `#s=`). */
export function token(name) {
  const t = fixtures.tokens[name];
  if (!t) throw new Error(`no token fixture "${name}": add it to FIXTURES in global-setup.js`);
  return t;
}

/** The CLI's message for an input it refuses, by fixture name ("growth.monthly_rate=9"). */
export function rejected(name) {
  const m = fixtures.rejected[name];
  if (!m) throw new Error(`no rejected-input fixture "${name}": add it to FIXTURES in global-setup.js`);
  return m;
}

/** Runs the CLI (for checks on values only known during a test, such as a link). */
export function cli(args) {
  return execFileSync(process.env.HEADROOM_E2E_CLI, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The CLI's one-line message for input it refuses (exit status 2), without
 * "headroom: " (and without "-: ", the name of standard input); `stdin` is the
 * text of a scenario file read from `-`.
 */
export function cliRefusal(args, stdin) {
  const result = spawnSync(process.env.HEADROOM_E2E_CLI, args, { encoding: 'utf8', input: stdin });
  if (result.status !== 2) {
    throw new Error(`headroom ${args.join(' ').slice(0, 200)}: expected exit status 2, got ${result.status}`);
  }
  return result.stderr.trim().replace(/^headroom: /, '').replace(/^-: /, '');
}

/** The last month of a projection (what the headline shows). */
export const horizonOf = (p) => p.months[p.months.length - 1];

// --- display formatting, mirroring components/src/format.rs --------------------------

// Rust's f64::round: halves away from zero (Math.round sends -0.5 up).
export const roundHalfAway = (x) => Math.sign(x) * Math.round(Math.abs(x));

// "-1,234,567" from a whole number; never "-0".
function grouped(whole) {
  const digits = Math.abs(whole).toFixed(0);
  const sign = whole < 0 && digits !== '0' ? '-' : '';
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** format::count */
export const count = (value) => (Number.isFinite(value) ? grouped(roundHalfAway(value)) : 'n/a');

/** format::usd */
export function usd(value) {
  if (!Number.isFinite(value)) return 'n/a';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude >= 99.995) return `${sign}$${grouped(Math.round(magnitude))}`;
  if (magnitude > 0 && magnitude < 0.005) return value < 0 ? '> -$0.01' : '< $0.01';
  const cents = Math.round(magnitude * 100);
  return cents === 0 ? '$0.00' : `${sign}$${(cents / 100).toFixed(2)}`;
}

/** format::usd_per_month */
export const usdPerMonth = (value) => (Number.isFinite(value) ? `${usd(value)}/month` : 'n/a');

/** models::format::percent of a share ("74%"); the tables show "–" when absent. */
export const percent = (share) => `${count(share * 100)}%`;

/** A stage as the JSON names it ("early_scale") and as the page shows it ("Early scale") reduce to the same words. */
export const words = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The headline figures the page must show for a projection's horizon. */
export function headlineOf(p) {
  const m = horizonOf(p);
  return {
    name: p.scenario.name,
    month: String(m.month),
    mau: count(m.mau),
    customers: count(m.customers),
    // The page shows infrastructure first (payment fees apart) until the switch is on.
    cost: usdPerMonth(m.infrastructure_usd),
    perCustomer: m.infrastructure_per_customer_usd == null ? 'no customers yet' : usd(m.infrastructure_per_customer_usd),
    cardFees: usdPerMonth(m.payment_fees_usd),
    margin: m.cost_share_of_revenue == null ? '–' : percent(1 - m.cost_share_of_revenue),
    stage: words(m.stage),
  };
}

// --- page helpers -------------------------------------------------------------------

export const CHARTS = ['cost', 'utilisation', 'per-customer'];

/** Opens the app (at `url`, default "/") and waits until the wasm has rendered and every chart drew. */
export async function openApp(page, url = '/') {
  await page.goto(url);
  await expect(page.getByTestId('scenario-name')).toBeVisible();
  await expect(page.getByTestId('horizon-mau')).toBeVisible();
  for (const id of CHARTS) {
    await expect(chartCanvas(page, id)).toHaveAttribute('data-drawn', 'true');
  }
}

/** The canvas of a chart. */
export const chartCanvas = (page, id) => page.getByTestId(`chart-${id}`).locator('canvas');

/** The value a chart's readout shows on its line `label`. */
export const readoutValue = (readout, label) =>
  readout
    .locator('.hr-chart__readout-line')
    .filter({ has: readout.page().locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd');

/** Reads the headline as the page shows it, in the shape of headlineOf(). */
export async function headlineShown(page) {
  const text = async (id) => (await page.getByTestId(id).textContent()).trim();
  return {
    name: await text('scenario-name'),
    month: await text('horizon-month'),
    mau: await text('horizon-mau'),
    customers: await text('horizon-customers'),
    cost: await text('horizon-cost'),
    perCustomer: await text('horizon-cost-per-customer'),
    cardFees: await text('horizon-payment-fees'),
    margin: await text('horizon-margin'),
    stage: words(await text('horizon-stage')),
  };
}

/** Waits until the headline shows a projection's horizon figures (and the scenario's name). */
export async function expectHeadline(page, p) {
  const want = headlineOf(p);
  await expect(page.getByTestId('scenario-name')).toHaveText(want.name);
  await expect(page.getByTestId('horizon-month')).toHaveText(want.month);
  await expect(page.getByTestId('horizon-mau')).toHaveText(want.mau);
  await expect(page.getByTestId('horizon-customers')).toHaveText(want.customers);
  await expect(page.getByTestId('horizon-cost')).toHaveText(want.cost);
  await expect(page.getByTestId('horizon-cost-per-customer')).toHaveText(want.perCustomer);
  await expect(page.getByTestId('horizon-payment-fees')).toHaveText(want.cardFees);
  await expect(page.getByTestId('horizon-margin')).toHaveText(want.margin);
  await expect.poll(async () => words(await page.getByTestId('horizon-stage').textContent())).toBe(want.stage);
}

/** Completed draws of every chart, by chart id. */
export async function drawCounts(page) {
  const out = {};
  for (const id of CHARTS) out[id] = Number(await chartCanvas(page, id).getAttribute('data-draws'));
  return out;
}

/**
 * What a chart's canvas holds: its backing size, how many distinct colours its
 * pixels have (sampled on a grid, so a blank canvas gives 1) and a hash of all
 * its pixels (to tell one picture from another).
 */
export async function canvasPicture(page, id) {
  return chartCanvas(page, id).evaluate((canvas) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const colours = new Set();
    const step = Math.max(1, Math.floor(Math.min(width, height) / 200));
    for (let y = 0; y < height; y += step) {
      for (let x = 0; x < width; x += step) {
        const i = (y * width + x) * 4;
        colours.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
      }
    }
    let hash = 2166136261; // FNV-1a over every byte
    for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i], 16777619) >>> 0;
    return { width, height, colours: colours.size, hash };
  });
}

/** Types into an input of the editor (by its dotted name), as a person would. */
export async function setInput(page, name, value) {
  const field = page.getByTestId(`input-${name}`);
  await field.fill(String(value));
  return field;
}

/** The page's share-link fragment once the address has settled on one (`#s=2.…`). */
export async function settledFragment(page) {
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=2\./);
  return page.evaluate(() => location.hash);
}

// --- links and storage made by hand, for the bad-input tests ---------------------------

/**
 * A share-link token (`2.<data>`) carrying `json` as it is (a string, or any
 * value, stringified): what a hand-made or damaged link holds. The codec's
 * version 2 is a zlib stream (deflate with an Adler-32 checksum), base64url
 * without padding.
 */
export function tokenOf(json) {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return `2.${deflateSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64url')}`;
}

/** The same as a version 1 token (raw deflate, no checksum), as Headroom wrote links before version 2. */
export function tokenOfV1(json) {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return `1.${deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64url')}`;
}

/** The text the app stores for a saved scenario (storage.rs, one key per name). */
export const savedEntryText = (name, scenario, savedAtMs = 1_700_000_000_000) =>
  JSON.stringify({ name, saved_at_ms: savedAtMs, scenario });

/**
 * Puts entries into the origin's localStorage before the app runs: a blank page
 * of the same origin (served by the test, not by dist/) sets them. `entries` maps
 * storage keys to their text; null removes a key. Leaves the page on that blank page.
 */
export async function seedStorage(page, entries) {
  await page.route('**/__seed.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>seed</title>' }),
  );
  await page.goto('/__seed.html');
  await page.evaluate((all) => {
    for (const [key, text] of Object.entries(all)) {
      if (text === null) localStorage.removeItem(key);
      else localStorage.setItem(key, text);
    }
  }, entries);
}

/** Every key and text of the origin's localStorage, for before/after comparisons. */
export const storageSnapshot = (page) => page.evaluate(() => ({ ...localStorage }));

/** A saved entry of the Saved scenarios panel, by its exact name (any characters). */
export const savedItem = (page, name) =>
  page.getByTestId('saved-item').filter({ has: page.getByTestId('saved-name').getByText(name, { exact: true }) });

/**
 * The page still works: an edit of the start users (to 5000) changes the headline
 * to the CLI's figures for `preset` with that edit (and the scenario named `name`,
 * when it was renamed), and the cost chart draws again.
 */
export async function expectStillWorks(page, preset, name) {
  const draws = Number(await chartCanvas(page, 'cost').getAttribute('data-draws'));
  await setInput(page, 'growth.start_users', 5000);
  const want = JSON.parse(cli(['project', '--preset', preset, '--set', 'growth.start_users=5000', '--format', 'json']));
  await expectHeadline(page, name === undefined ? want : { ...want, scenario: { ...want.scenario, name } });
  await expect
    .poll(async () => Number(await chartCanvas(page, 'cost').getAttribute('data-draws')), { message: 'cost chart redrawn' })
    .toBeGreaterThan(draws);
}

// --- the test function: every test also fails on a console error or a page error ----

export const test = base.extend({
  problems: [
    async ({ page }, use) => {
      const problems = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await use(problems);
      expect(problems, 'console or page errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
