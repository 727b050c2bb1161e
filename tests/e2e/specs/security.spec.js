// No user data is ever inserted as HTML: names and text fields carrying markup,
// from every way in (a save, a rename, an imported file, a link, a query
// parameter, a compared scenario), are shown as literal text; no element is made
// from them and no script of theirs runs. And the full page ignores messages
// posted to it (the embed's side: embed.spec.js).
import {
  expect,
  expectHeadline,
  expectStillWorks,
  openApp,
  projection,
  savedItem,
  setInput,
  settledFragment,
  test,
  token,
  tokenOf,
} from '../helpers.js';

// Markup that would make elements and run a script if it were ever parsed as HTML.
const MARKUP = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
const MARKUP_2 = '<svg onload="window.__pwned=2"></svg><i>it</i>';

/** Nothing was made from markup: no such element exists, no handler ran. */
async function expectNoMarkupRan(page) {
  // The app itself makes none of these elements.
  await expect(page.locator('img, b, i, svg, iframe, script:not([src])')).toHaveCount(0);
  expect(await page.locator('[onerror], [onload]').count()).toBe(0);
  // Give an injected image time to fail and its handler time to run.
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
}

test('a saved name with markup is saved, listed, renamed and opened as literal text', async ({ page }) => {
  await openApp(page, '/');
  await page.getByTestId('open-saved').click();
  await page.getByTestId('save-name').fill(MARKUP);
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toHaveText(`Saved “${MARKUP}”.`);
  await expect(savedItem(page, MARKUP).getByTestId('saved-name')).toHaveText(MARKUP);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('saved')))).toEqual([
    `headroom.v1.saved.${MARKUP}`,
  ]);
  await expectNoMarkupRan(page);

  await savedItem(page, MARKUP).getByTestId('saved-rename').click();
  await savedItem(page, MARKUP).getByTestId('rename-input').fill(MARKUP_2);
  await savedItem(page, MARKUP).getByTestId('rename-confirm').click();
  await expect(page.getByTestId('saved-status')).toHaveText(`Renamed to “${MARKUP_2}”.`);
  await expect(savedItem(page, MARKUP_2).getByTestId('saved-name')).toHaveText(MARKUP_2);
  await savedItem(page, MARKUP_2).getByTestId('saved-open').click();
  await expect(page.getByTestId('saved-status')).toHaveText(`Opened “${MARKUP_2}”.`);
  // The delete confirmation quotes the name too.
  await savedItem(page, MARKUP_2).getByTestId('saved-delete').click();
  await expect(savedItem(page, MARKUP_2).getByRole('alertdialog')).toContainText(`Delete “${MARKUP_2}”?`);
  // Offered for comparison by name.
  await page.getByTestId('open-compare').click();
  await expect(page.getByTestId('compare-saved')).toHaveText(`Compare with “${MARKUP_2}”`);
  await page.getByTestId('compare-saved').click();
  await expect(page.getByTestId('compare-b')).toHaveText('B2B SaaS');
  await expectNoMarkupRan(page);
});

test('the scenario name field with markup: shown as text in the heading, the share link and the export name', async ({
  page,
}) => {
  await openApp(page, '/');
  await setInput(page, 'name', MARKUP);
  await expect(page.getByTestId('scenario-name')).toHaveText(MARKUP);
  await page.getByTestId('open-share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await expect(page.getByTestId('share-link')).toHaveValue(/#s=2\.[\w-]+$/);
  // The link, pasted into the address bar of a tab showing something else,
  // opens with the name as text, and the notice says so as text.
  await page.getByTestId('preset').selectOption('consumer-app');
  await expect(page.getByTestId('scenario-name')).toHaveText(projection('consumer-app').scenario.name);
  // Once the address holds the other scenario, the link is a new fragment (a hashchange).
  await expect.poll(() => page.evaluate(() => location.href)).not.toBe(link);
  await page.goto(link);
  await expect(page.getByTestId('scenario-name')).toHaveText(MARKUP);
  await expect(page.getByTestId('notice').filter({ hasText: 'from the link' }).locator('p')).toHaveText(
    `Opened “${MARKUP}” from the link.`,
  );
  await expectNoMarkupRan(page);
  await expectStillWorks(page, 'b2b-saas', MARKUP);
});

test('an imported file with markup in every text field: the name is shown as text, the rest refused as text', async ({
  page,
}) => {
  const base = projection('fintech').scenario;
  await openApp(page, '/');
  await page.getByTestId('open-export').click();
  const status = page.getByTestId('export-status');
  const importJson = (value) =>
    page.getByTestId('import-json').setInputFiles({
      name: 'markup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(value), 'utf8'),
    });

  // Text fields that only take known values: refused, the value quoted as text.
  for (const [field, value] of [
    ['stack.catalog', { ...base, stack: { ...base.stack, catalog: MARKUP } }],
    ['stack.app_sku', { ...base, stack: { ...base.stack, app_sku: MARKUP } }],
    ['growth.mode', { ...base, growth: { ...base.growth, mode: MARKUP } }],
    ['stack.price_overrides', { ...base, stack: { ...base.stack, price_overrides: { [MARKUP]: 1 } } }],
  ]) {
    await importJson(value);
    await expect(status, field).toContainText('Could not import: ');
    await expect(status, field).toContainText(field);
    await expect(status, field).toContainText('<img src=x onerror=');
    await expectNoMarkupRan(page);
  }
  await expectHeadline(page, projection('b2b-saas'));

  // The name takes any text: it opens, shown as text everywhere it appears.
  await importJson({ ...base, name: MARKUP });
  await expect(status).toHaveText(`Imported “${MARKUP}”.`);
  await expect(page.getByTestId('scenario-name')).toHaveText(MARKUP);
  await expectHeadline(page, { ...projection('fintech'), scenario: { ...base, name: MARKUP } });
  await expectNoMarkupRan(page);
});

test('markup in a link, a compared link and a query parameter is shown as text', async ({ page }) => {
  const base = projection('fintech').scenario;
  const a = tokenOf({ ...base, name: MARKUP });
  const b = tokenOf({ ...projection('marketplace').scenario, name: MARKUP_2 });
  await openApp(page, `/#s=${a}&b=${b}`);
  await expect(page.getByTestId('scenario-name')).toHaveText(MARKUP);
  await expect(page.getByTestId('compare-a')).toHaveText(MARKUP);
  await expect(page.getByTestId('compare-b')).toHaveText(MARKUP_2);
  await expectNoMarkupRan(page);

  // A parameter's value is quoted in its message, as text.
  await openApp(page, `/?preset=${encodeURIComponent(MARKUP)}&users=${encodeURIComponent(MARKUP_2)}`);
  const notices = page.getByTestId('notice').locator('p');
  await expect(notices.first()).toContainText(`preset = ${MARKUP}: allowed is one of`);
  await expect(notices.nth(1)).toContainText('The address parameter `users` was not applied: growth.start_users = "<svg onload=');
  // A link whose data is markup is named in its message, as text.
  await openApp(page, `/#s=${encodeURIComponent(MARKUP)}`);
  await expect(page.getByTestId('notice').locator('p')).toContainText('This link could not be opened (link');
  await expectNoMarkupRan(page);
  await expectStillWorks(page, 'fintech', MARKUP);
});

test('the full page ignores messages posted to it, whatever their shape or size', async ({ page }) => {
  await openApp(page, '/');
  await expect(page.getByTestId('scenario-name')).toHaveText(projection('b2b-saas').scenario.name);
  await settledFragment(page); // the address and the working copy written once the page settled
  const before = await page.evaluate(() => ({ storage: { ...localStorage }, hash: location.hash }));
  await page.evaluate(
    ([fintech, token]) => {
      const messages = [
        'hello',
        `#s=${token}`,
        { type: 'headroom:height', height: 1 },
        { type: 'headroom:scenario', scenario: fintech },
        { s: token, hash: `#s=${token}`, link: `#s=${token}` },
        fintech,
        [1, 2, 3],
        null,
        42,
        'x'.repeat(10 * 1024 * 1024),
        { huge: 'y'.repeat(10 * 1024 * 1024), scenario: fintech },
      ];
      for (const m of messages) window.postMessage(m, '*');
    },
    [projection('fintech').scenario, token('fintech')],
  );
  // Let every message be delivered (they are queued tasks), then compare.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  await expectHeadline(page, projection('b2b-saas'));
  expect(await page.evaluate(() => ({ storage: { ...localStorage }, hash: location.hash }))).toEqual(before);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await expectStillWorks(page, 'b2b-saas');
});
