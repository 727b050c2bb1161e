// The bad-input matrix of docs/RELIABILITY.md, end to end. Before every row the
// browser holds a working scenario (the fintech preset) and a saved one ("Kept
// plan", the marketplace preset). For every row: the message names the field or
// the problem and what is allowed; the page keeps working (an edit changes the
// headline to the CLI's figures and redraws the chart); nothing saved is lost
// (the working scenario is still fintech, "Kept plan" is listed and opens with
// its own figures).
//
// Every expected message of the model is the CLI's for the same input (the same
// model); only the app's own wording around it is written here.
import {
  chartCanvas,
  cli,
  cliRefusal,
  expect,
  expectHeadline,
  expectStillWorks,
  openApp,
  projection,
  savedEntryText,
  savedItem,
  seedStorage,
  setInput,
  settledFragment,
  storageSnapshot,
  test,
  token,
  tokenOf,
  tokenOfV1,
} from '../helpers.js';

const WORKING = projection('fintech');
const SAVED = projection('marketplace');
const SAVED_NAME = 'Kept plan';
const WORKING_KEY = 'headroom.v1.working';
const SAVED_KEY = `headroom.v1.saved.${SAVED_NAME}`;

/** A working scenario and a saved one, as the app stores them, before the app runs. */
const seedBefore = (page) =>
  seedStorage(page, {
    [WORKING_KEY]: JSON.stringify(WORKING.scenario),
    [SAVED_KEY]: savedEntryText(SAVED_NAME, SAVED.scenario),
  });

/** The working scenario kept in storage, parsed (null when there is none). */
const workingKept = async (page) => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), WORKING_KEY));

/**
 * Nothing saved was lost: the working scenario is still fintech (after the
 * address and the working copy settled), then the page still works, and the
 * saved scenario is listed and opens with its own figures.
 */
async function expectWorkingKeptAndPageWorks(page) {
  await settledFragment(page);
  expect(await workingKept(page), 'the working scenario after the bad input').toEqual(WORKING.scenario);
  await expectStillWorks(page, 'fintech');
  await page.getByTestId('open-saved').click();
  await expect(savedItem(page, SAVED_NAME)).toBeVisible();
  await savedItem(page, SAVED_NAME).getByTestId('saved-open').click();
  await expectHeadline(page, SAVED);
}

/** After an input that was accepted (and so became the working scenario): the saved one still opens. */
async function expectSavedStillOpens(page) {
  await page.getByTestId('open-saved').click();
  await savedItem(page, SAVED_NAME).getByTestId('saved-open').click();
  await expectHeadline(page, SAVED);
}

/** The problem notices at the top of the page, as text. */
const noticeTexts = (page) => page.getByTestId('notice').locator('p').allTextContents();

// --- links in the address, at start-up ------------------------------------------------

const marketplace60 = token('marketplace months=60');
const payload = marketplace60.slice(2);
// What the app says around the codec's message when a link in the address does not open.
const linkNotice = (message) =>
  `This link could not be opened (${message}). It may be cut short or changed. Showing your last scenario instead.`;
// The CLI reads the same link and refuses it with the codec's message.
const codecSays = (link) => cliRefusal(['project', '--link', link]);

const BAD_LINKS = [
  ['truncated (cut in half)', marketplace60.slice(0, Math.floor(marketplace60.length / 2))],
  ['truncated (cut where the base64 is still whole)', marketplace60.slice(0, 1000)],
  // The zlib header is at the start of the data: changing it never unpacks.
  ['corrupted (characters flipped)', `2.AAAA${payload.slice(4)}`],
  // One character in the middle: the data may still unpack, but not to what
  // was checksummed.
  [
    'one character changed (checksum)',
    `2.${payload.slice(0, 600)}${payload[600] === 'A' ? 'B' : 'A'}${payload.slice(601)}`,
  ],
  ['an address of another site', 'https://example.org/pricing'],
  ['a newer link version', `9.${payload}`],
  ['not a Headroom link', 'hello'],
  ['not base64', '2.@@not-base64@@'],
  ['scenario JSON with a wrong type', tokenOf({ growth: { monthly_rate: 'high' } })],
  ['scenario JSON with NaN', tokenOf('{"growth": {"monthly_rate": NaN}}')],
  ['scenario JSON with Infinity', tokenOf('{"growth": {"start_users": Infinity}}')],
  ['scenario JSON with a negative count', tokenOf({ growth: { start_users: -5 } })],
  ['scenario JSON with a zero horizon', tokenOf({ horizon_months: 0 })],
  ['scenario JSON with a huge value', tokenOf({ growth: { start_users: 1e300 } })],
  ['scenario JSON with an unknown field', tokenOf({ growht: { monthly_rate: 0.1 } })],
  ['scenario JSON that is a list', tokenOf([1, 2])],
];

test('link in the address: a version 1 link (made before checksums) still opens with its figures', async ({ page }) => {
  const json = cli(['scenario', '--preset', 'marketplace', '--months', '60']);
  await seedBefore(page);
  await openApp(page, `/#s=${tokenOfV1(json)}`);
  expect(await noticeTexts(page)).toEqual([]);
  await expectHeadline(page, projection('marketplace months=60'));
});

for (const [row, link] of BAD_LINKS) {
  test(`link in the address: ${row}`, async ({ page }) => {
    const message = codecSays(link);
    expect(message, 'the message names a field and what is allowed').toMatch(/^[\w. ]+ = .+: allowed is ./);
    await seedBefore(page);
    await openApp(page, `/#s=${link}`);
    expect(await noticeTexts(page)).toEqual([linkNotice(message)]);
    await expectHeadline(page, WORKING);
    await expectWorkingKeptAndPageWorks(page);
  });
}

test('link in the address: the largest fragment Chromium opens (2 MiB of address)', async ({ page, baseURL }) => {
  test.setTimeout(120_000); // megabytes through the browser on a shared 2-core machine
  // Chromium navigates to addresses of up to 2 MiB (2,097,152 characters).
  const head = `${baseURL}/#s=1.`;
  const url = head + 'A'.repeat(2 * 1024 * 1024 - head.length);
  expect(url.length).toBe(2_097_152);
  const tokenBytes = url.length - `${baseURL}/#s=`.length;
  await seedBefore(page);
  await openApp(page, url);
  expect(await noticeTexts(page)).toEqual([
    linkNotice(`link = ${tokenBytes} bytes: allowed is a link of at most 16384 bytes`),
  ]);
  await expectHeadline(page, WORKING);
  await expectWorkingKeptAndPageWorks(page);
});

test('link in the address: one character past 2 MiB, Chromium does not navigate and the page stays', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await seedBefore(page);
  await openApp(page, '/');
  await expectHeadline(page, WORKING);
  const head = `${baseURL}/#s=1.`;
  const url = head + 'A'.repeat(2 * 1024 * 1024 + 1 - head.length);
  await expect(page.goto(url)).rejects.toThrow(/ERR_ABORTED/);
  // Still the same page, same scenario, no message: nothing happened.
  expect(await page.evaluate(() => location.hash.length)).toBeLessThan(20_000);
  await expectHeadline(page, WORKING);
  expect(await noticeTexts(page)).toEqual([]);
  await expectWorkingKeptAndPageWorks(page);
});

// --- links given to an open page --------------------------------------------------------

test('link into an open tab: a 10 MB fragment set by a script and a cut link in the address bar', async ({ page }) => {
  test.setTimeout(120_000);
  await seedBefore(page);
  await openApp(page, '/');
  const before = await settledFragment(page);
  // A script may set a fragment far longer than an address Chromium navigates to.
  const big = `s=1.${'A'.repeat(10 * 1024 * 1024)}`;
  await page.evaluate((fragment) => {
    location.hash = fragment;
  }, big);
  const unchanged = 'Your scenario is unchanged.';
  // The size is that of the whole fragment given (`#` and all).
  await expect(page.getByTestId('notice').locator('p')).toHaveText(
    `This link could not be opened (link = ${big.length + 1} bytes: allowed is a link of at most 16384 bytes). ${unchanged}`,
  );
  // The address goes back to the scenario shown.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(before);
  await expectHeadline(page, WORKING);

  // A cut link pasted into the address bar (a same-document navigation).
  const cut = marketplace60.slice(0, 1000);
  await page.goto(`/#s=${cut}`);
  await expect(page.getByTestId('notice').filter({ hasText: codecSays(cut) }).locator('p')).toHaveText(
    `This link could not be opened (${codecSays(cut)}). ${unchanged}`,
  );
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(before);
  await expectHeadline(page, WORKING);
  await expectWorkingKeptAndPageWorks(page);

  // A good A with a bad B: A opens, and the notice says B did not.
  const badB = '1.@@';
  await page.goto(`/#s=${token('fintech')}&b=${badB}`);
  await expectHeadline(page, projection('token fintech'));
  await expect(page.getByTestId('notice').filter({ hasText: 'compare with' }).locator('p')).toHaveText(
    `The scenario to compare with could not be opened (${codecSays(badB)}); showing this one alone.`,
  );
  await expect(page.getByTestId('compare')).toBeHidden();
});

test('link pasted into the Open a link box: 10 MB, cut, a newer version, not a link, a bad scenario', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await seedBefore(page);
  await openApp(page, '/');
  await page.getByTestId('open-share').click();
  const box = page.getByTestId('open-link');
  await expect(box).toHaveAccessibleName('Open a link');
  const status = page.getByTestId('open-link-status');
  const refused = (message) => `That link could not be opened (${message}). Your scenario is unchanged.`;

  // 10 MB pasted from the clipboard, as a person would. The box keeps one
  // character more than any link may have (Chromium takes seconds to lay out
  // megabytes in a text field), and the link is refused as too long.
  const tenMb = `${baseURL}/#s=1.${'A'.repeat(10 * 1024 * 1024)}`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), tenMb);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => box.evaluate((input) => input.value.length)).toBe(16_385);
  await page.getByTestId('open-link-go').click();
  await expect(status).toHaveText(refused('link = more than 16384 bytes: allowed is a link of at most 16384 bytes'));
  await expectHeadline(page, WORKING);

  for (const link of [
    marketplace60.slice(0, 1000),
    `9.${payload}`,
    'https://example.com/not/headroom',
    tokenOf({ growth: { monthly_rate: 'high' } }),
  ]) {
    await box.fill(link);
    await page.getByTestId('open-link-go').click();
    await expect(status).toHaveText(refused(codecSays(link)));
    await expectHeadline(page, WORKING);
  }

  expect(await workingKept(page), 'the working scenario after the refused links').toEqual(WORKING.scenario);
  await expectStillWorks(page, 'fintech');

  // A good link still opens from the same box (the box works after all that).
  await box.fill(`${baseURL}/#s=${marketplace60}`);
  await page.getByTestId('open-link-go').click();
  await expect(status).toHaveText(`Opened “${projection('token marketplace months=60').scenario.name}”.`);
  await expectHeadline(page, projection('token marketplace months=60'));
  await expect(box).toHaveValue('');
  await expectSavedStillOpens(page);
});

test('link pasted into the Compare box: 10 MB is refused with the size allowed', async ({ page }) => {
  test.setTimeout(120_000);
  await seedBefore(page);
  await openApp(page, '/');
  await page.getByTestId('open-compare').click();
  // Typed in whole (fill), the box still keeps only one character more than a link may have.
  await page.getByTestId('compare-link').fill(`1.${'A'.repeat(10 * 1024 * 1024)}`);
  await expect.poll(() => page.getByTestId('compare-link').evaluate((input) => input.value.length)).toBe(16_385);
  await page.getByTestId('compare-go').click();
  await expect(page.getByTestId('compare-status')).toHaveText(
    'That link could not be opened (link = more than 16384 bytes: allowed is a link of at most 16384 bytes).',
  );
  await expect(page.getByTestId('compare')).toBeHidden();
  await expectHeadline(page, WORKING);
  await expectWorkingKeptAndPageWorks(page);
});

// --- query parameters -------------------------------------------------------------------

// What the app says when a parameter that sets an input is refused: the model's message.
const paramNotice = (param, name, value) =>
  `The address parameter \`${param}\` was not applied: ${cliRefusal([
    'project',
    '--preset',
    'fintech',
    '--set',
    `${name}=${value}`,
  ])}.`;

const BAD_PARAMS = [
  ['users=abc', () => paramNotice('users', 'growth.start_users', 'abc')],
  ['users=NaN', () => paramNotice('users', 'growth.start_users', 'NaN')],
  ['users=-1', () => paramNotice('users', 'growth.start_users', '-1')],
  ['users=10000000001', () => paramNotice('users', 'growth.start_users', '10000000001')],
  ['growth=Infinity', () => paramNotice('growth', 'growth.monthly_rate', 'Infinity')],
  ['growth=7', () => paramNotice('growth', 'growth.monthly_rate', '7')],
  ['months=0', () => paramNotice('months', 'horizon_months', '0')],
  ['months=121', () => paramNotice('months', 'horizon_months', '121')],
  ['months=1.5', () => paramNotice('months', 'horizon_months', '1.5')],
  [
    'preset=nope',
    () =>
      'preset = nope: allowed is one of b2b-saas, consumer-app, marketplace, ai-product, fintech. ' +
      'Showing your last scenario instead.',
  ],
  [
    'view=pie',
    () => 'view = pie: allowed is one of cost, utilisation, per-customer, stages, timeline; showing the cost chart.',
  ],
];

for (const [query, says] of BAD_PARAMS) {
  test(`query parameter: ?${query}`, async ({ page }) => {
    await seedBefore(page);
    await openApp(page, `/?${query}`);
    expect(await noticeTexts(page)).toEqual([says()]);
    await expectHeadline(page, WORKING);
    // The refused parameter leaves the address once it settles.
    await settledFragment(page);
    expect(await page.evaluate(() => location.search)).toBe('');
    await expectWorkingKeptAndPageWorks(page);
  });
}

// --- limits: exactly the maximum is accepted and renders; one past is refused -----------

/** The CLI's projection of fintech with `--set` edits. */
const fintechWith = (...sets) =>
  JSON.parse(cli(['project', '--preset', 'fintech', ...sets.flatMap((s) => ['--set', s]), '--format', 'json']));

/** Every chart drew without an error. */
async function expectChartsDrawn(page) {
  for (const id of ['cost', 'utilisation', 'per-customer']) {
    await expect(chartCanvas(page, id)).toHaveAttribute('data-drawn', 'true');
    await expect(chartCanvas(page, id)).not.toHaveAttribute('data-error', /./);
  }
}

test('limits in the address: months=120 and users=10000000000 are accepted and render', async ({ page }) => {
  await seedBefore(page);
  await openApp(page, '/?months=120&users=10000000000');
  expect(await noticeTexts(page)).toEqual([]);
  await expectHeadline(page, fintechWith('horizon_months=120', 'growth.start_users=10000000000'));
  await expectChartsDrawn(page);
  await page.getByTestId('monthly-toggle').click();
  await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(121);
  await expectSavedStillOpens(page);
});

test('limits in the editor: 120 months and 10,000,000,000 users are accepted, one past is refused', async ({
  page,
}) => {
  await seedBefore(page);
  await openApp(page, '/');
  await setInput(page, 'horizon_months', 120);
  await expectHeadline(page, fintechWith('horizon_months=120'));
  await expect(page.getByTestId('error-horizon_months')).toBeHidden();
  await setInput(page, 'horizon_months', 121);
  await expect(page.getByTestId('error-horizon_months')).toHaveText(
    cliRefusal(['project', '--preset', 'fintech', '--set', 'horizon_months=121']),
  );
  // The refused value changes nothing: still the 120-month figures.
  await expectHeadline(page, fintechWith('horizon_months=120'));

  await setInput(page, 'growth.start_users', '10000000000');
  const atMax = fintechWith('horizon_months=120', 'growth.start_users=10000000000');
  await expectHeadline(page, atMax);
  await expectChartsDrawn(page);
  await setInput(page, 'growth.start_users', '10000000001');
  await expect(page.getByTestId('error-growth.start_users')).toHaveText(
    cliRefusal(['project', '--preset', 'fintech', '--set', 'growth.start_users=10000000001']),
  );
  await expectHeadline(page, atMax);

  // Text that is not a finite number is refused by the field itself, naming
  // what is allowed (the unit and range written under the field).
  const allowed = (await page.locator('#hr-in-growth-start_users-detail .hr-field__allowed').textContent()).trim();
  expect(allowed).toContain('10,000,000,000');
  for (const word of ['NaN', 'Infinity', '-Infinity']) {
    await setInput(page, 'growth.start_users', word);
    await expect(page.getByTestId('error-growth.start_users')).toHaveText(
      `growth.start_users = ${word}: not a finite number; allowed is ${allowed}`,
    );
  }
  await expectHeadline(page, atMax);
  // Zero users is a valid start (before launch).
  await setInput(page, 'growth.start_users', 0);
  await expectHeadline(page, fintechWith('horizon_months=120', 'growth.start_users=0'));
  await expectChartsDrawn(page);
  // The saved scenario was not touched by any of it.
  await page.getByTestId('open-saved').click();
  await savedItem(page, SAVED_NAME).getByTestId('saved-open').click();
  await expectHeadline(page, SAVED);
});

// --- scenario files imported in the Export panel ----------------------------------------

/** The app's words around the reason an imported file is refused. */
const importRefused = (reason) =>
  `Could not import: the file is not a scenario Headroom can open (${reason}). Nothing was changed.`;
/** The model's reason, as the CLI gives it for the same file. */
const fileSays = (text) => cliRefusal(['project', '-'], text);

const BAD_FILES = [
  ['a wrong type', '{"growth": {"monthly_rate": "high"}}', fileSays],
  [
    'NaN',
    '{"growth": {"monthly_rate": NaN}}',
    () => 'growth.monthly_rate = NaN: allowed is a finite number; JSON has no NaN or Infinity',
  ],
  [
    'Infinity',
    '{\n  "name": "x",\n  "usage": {"peak_to_average": Infinity}\n}',
    () => 'usage.peak_to_average = Infinity: allowed is a finite number; JSON has no NaN or Infinity',
  ],
  [
    '-Infinity',
    '{"growth": {"monthly_rate": -Infinity}}',
    () => 'growth.monthly_rate = -Infinity: allowed is a finite number; JSON has no NaN or Infinity',
  ],
  ['a negative count', '{"growth": {"start_users": -5}}', fileSays],
  ['a zero horizon', '{"horizon_months": 0}', fileSays],
  ['a horizon one past the maximum', '{"horizon_months": 121}', fileSays],
  ['a huge value', '{"growth": {"start_users": 1e300}}', fileSays],
  ['a number JSON cannot hold', '{"growth": {"start_users": 1e400}}', fileSays],
  ['an unknown field', '{"growht": {"monthly_rate": 0.1}}', fileSays],
  ['a list', '[1, 2]', fileSays],
  ['not JSON', 'name,users\nplan,5000\n', fileSays],
  ['an empty file', '', fileSays],
  ['a name longer than allowed', JSON.stringify({ name: 'n'.repeat(10_000) }), fileSays],
];

test('scenario files: every bad file is refused with the field and what is allowed; nothing changes', async ({
  page,
}) => {
  await seedBefore(page);
  await openApp(page, '/');
  await settledFragment(page);
  const stored = await storageSnapshot(page);
  await page.getByTestId('open-export').click();
  const status = page.getByTestId('export-status');
  for (const [row, text, says] of BAD_FILES) {
    await page.getByTestId('import-json').setInputFiles({
      name: 'scenario.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text, 'utf8'),
    });
    await expect(status, row).toHaveText(importRefused(says(text)));
    await expectHeadline(page, WORKING);
  }
  // A 10 MB file is read and refused too.
  const huge = JSON.stringify({ name: 'x', padding: 'p'.repeat(10 * 1024 * 1024) });
  await page.getByTestId('import-json').setInputFiles({
    name: 'huge.json',
    mimeType: 'application/json',
    buffer: Buffer.from(huge, 'utf8'),
  });
  await expect(status).toHaveText(importRefused(fileSays('{"padding": 1}')));
  await expectHeadline(page, WORKING);
  expect(await storageSnapshot(page), 'storage after the refused imports').toEqual(stored);

  // At the limits the file opens (and then becomes the working scenario, as any import does).
  const atLimits = { ...WORKING.scenario, horizon_months: 120, growth: { ...WORKING.scenario.growth, start_users: 0 } };
  await page.getByTestId('import-json').setInputFiles({
    name: 'limits.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(atLimits), 'utf8'),
  });
  await expect(status).toHaveText(`Imported “${WORKING.scenario.name}”.`);
  await expectHeadline(page, fintechWith('horizon_months=120', 'growth.start_users=0'));
  await expectChartsDrawn(page);
  await expect.poll(() => workingKept(page)).toEqual(atLimits);
  expect(await page.evaluate((k) => localStorage.getItem(k), SAVED_KEY)).toBe(stored[SAVED_KEY]);
});
