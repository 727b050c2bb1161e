// Storage faults: a disabled storage and a full one never break the planner, and
// never lose what is already saved.
import {
  expect,
  expectHeadline,
  expectStillWorks,
  expected,
  openApp,
  projection,
  savedEntryText,
  savedItem,
  seedStorage,
  setInput,
  settledFragment,
  storageSnapshot,
  test,
} from '../helpers.js';

test('with storage disabled the planner still works and says the work is not kept', async ({ page }) => {
  // What a browser does when site data is blocked: reading localStorage throws.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openApp(page);
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));
  await expect(page.getByTestId('notice').filter({ hasText: 'not being kept' })).toContainText(
    'storage is unavailable',
  );

  // Saving says why it cannot; nothing breaks.
  await page.getByTestId('open-saved').click();
  await expect(page.getByTestId('saved-error')).toContainText('unavailable');
  await page.getByTestId('save-name').fill('Plan A');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toContainText('unavailable');
  await expectHeadline(page, projection('b2b-saas users=5000'));
});

test('a full storage refuses a new save with the reason and keeps the saved scenarios', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-saved').click();
  await page.getByTestId('save-name').fill('Keep me');
  await page.getByTestId('save').click();
  await expect(page.locator('[data-testid="saved-item"][data-name="Keep me"]')).toBeVisible();
  const kept = await page.evaluate(() => localStorage.getItem('headroom.v1.saved.Keep me'));

  // From now on the browser refuses every write, as when the quota is used up.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByTestId('save-name').fill('One more');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toContainText('storage is full');
  await expect(page.locator('[data-testid="saved-item"]')).toHaveCount(1);
  expect(await page.evaluate(() => localStorage.getItem('headroom.v1.saved.Keep me'))).toBe(kept);

  // Renaming cannot write the new key, so the old entry stays as it was.
  const entry = page.locator('[data-testid="saved-item"][data-name="Keep me"]');
  await entry.getByTestId('saved-rename').click();
  await entry.getByTestId('rename-input').fill('Renamed');
  await entry.getByTestId('rename-confirm').click();
  await expect(page.getByTestId('saved-status')).toContainText('storage is full');
  expect(await page.evaluate(() => localStorage.getItem('headroom.v1.saved.Keep me'))).toBe(kept);
  expect(await page.evaluate(() => localStorage.getItem('headroom.v1.saved.Renamed'))).toBeNull();

  // The planner keeps working; the working copy reports it is not kept.
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));
  await expect(page.getByTestId('notice').filter({ hasText: 'not being kept' })).toContainText('full');
});

// --- the browser's own quota, entries of the wrong type, a damaged working copy -------

const WORKING_KEY = 'headroom.v1.working';
const entryKey = (name) => `headroom.v1.saved.${name}`;
const FULL =
  'Browser storage is full: delete saved scenarios you no longer need, then try again';

/** Fills the origin's real quota with filler entries, in ever smaller pieces, until not even 64 characters fit. */
const fillStorage = (page) =>
  page.evaluate(() => {
    let n = 0;
    for (const size of [512 * 1024, 16 * 1024, 1024, 64]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler.${n}`, chunk);
          n += 1;
        } catch (e) {
          if (e.name !== 'QuotaExceededError') throw e;
          break;
        }
      }
    }
    return n;
  });

test('the browser\'s real quota: a save, a replace and the working copy are refused; everything kept still opens', async ({
  page,
}) => {
  const fintech = projection('fintech');
  const marketplace = projection('marketplace');
  await seedStorage(page, {
    [WORKING_KEY]: JSON.stringify(fintech.scenario),
    [entryKey('Kept plan')]: savedEntryText('Kept plan', marketplace.scenario),
  });
  await openApp(page, '/');
  await expectHeadline(page, fintech);
  await settledFragment(page);
  const kept = await storageSnapshot(page);
  expect(await fillStorage(page)).toBeGreaterThan(0);

  // A new name: refused with the reason.
  await page.getByTestId('open-saved').click();
  await page.getByTestId('save-name').fill('One more');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toHaveText(FULL);
  await expect(page.getByTestId('saved-item')).toHaveCount(1);

  // An edit that makes the scenario bigger (a range adds the Monte Carlo
  // settings): the working copy is not kept, and the page says so.
  await page.getByTestId('range-toggle-growth.monthly_rate').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'not being kept' }).locator('p')).toHaveText(
    `Your work is not being kept between visits: ${FULL}`,
  );
  // Replacing "Kept plan" with it is refused too, and the old entry stays as it was.
  await page.getByTestId('save-name').fill('Kept plan');
  await page.getByTestId('save').click();
  await page.getByTestId('confirm-replace').click();
  await expect(page.getByTestId('saved-status')).toHaveText(FULL);
  expect(await page.evaluate((k) => localStorage.getItem(k), entryKey('Kept plan'))).toBe(kept[entryKey('Kept plan')]);
  expect(await page.evaluate((k) => localStorage.getItem(k), WORKING_KEY)).toBe(kept[WORKING_KEY]);

  // A reload opens the last working copy that was kept, and the saved one opens.
  await openApp(page, '/');
  await expectHeadline(page, fintech);
  await page.getByTestId('open-saved').click();
  await savedItem(page, 'Kept plan').getByTestId('saved-open').click();
  await expectHeadline(page, marketplace);

  // Freeing space makes saving work again.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler.')) localStorage.removeItem(key);
  });
  await page.getByTestId('save-name').fill('One more');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toHaveText('Saved “One more”.');
  await expect(page.getByTestId('saved-item')).toHaveCount(2);
});

test('storage blocked in the middle of a session: every action says so; nothing is lost once it is back', async ({
  page,
}) => {
  await openApp(page, '/');
  await page.getByTestId('open-saved').click();
  await page.getByTestId('save-name').fill('Before');
  await page.getByTestId('save').click();
  await expect(savedItem(page, 'Before')).toBeVisible();
  await settledFragment(page);
  const before = await storageSnapshot(page);

  // Site data blocked while the tab is open: every Storage call throws.
  await page.evaluate(() => {
    window.__storage = {};
    for (const name of ['getItem', 'setItem', 'removeItem', 'key']) {
      window.__storage[name] = Storage.prototype[name];
      Storage.prototype[name] = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    }
  });
  const unavailable = 'Browser storage is unavailable';
  await page.getByTestId('save-name').fill('During');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toContainText(unavailable);
  await savedItem(page, 'Before').getByTestId('saved-open').click();
  await expect(page.getByTestId('saved-status')).toContainText(unavailable);
  await savedItem(page, 'Before').getByTestId('saved-delete').click();
  await savedItem(page, 'Before').getByTestId('confirm-delete').click();
  await expect(page.getByTestId('saved-status')).toContainText(unavailable);
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));
  await expect(page.getByTestId('notice').filter({ hasText: 'not being kept' })).toContainText(unavailable);

  // Unblocked: everything saved before is there, as it was.
  await page.evaluate(() => Object.assign(Storage.prototype, window.__storage));
  expect(await storageSnapshot(page)).toEqual(before);
  await page.getByTestId('open-saved').click(); // close
  await page.getByTestId('open-saved').click(); // and open again: listed afresh
  await expect(page.getByTestId('saved-item')).toHaveCount(1);
  await expect(savedItem(page, 'Before')).toBeVisible();
});

test('saved entries of the wrong type are listed with the reason and can be renamed or deleted; the rest open', async ({
  page,
}) => {
  const fintech = projection('fintech');
  const entries = {
    'a list': ['[1, 2]', 'not a stored scenario: a list, where a JSON object'],
    'a number': ['42', 'not a stored scenario: the number 42, where'],
    'no scenario': ['{"name": "no scenario"}', 'not a stored scenario: it has no "scenario"'],
    'scenario text': ['{"name": "scenario text", "scenario": "nope"}', 'its "scenario" is a string'],
    'wrong type inside': [
      savedEntryText('wrong type inside', { growth: { monthly_rate: 'high' } }),
      'growth.monthly_rate = "high": allowed is a number',
    ],
    'out of range': [
      savedEntryText('out of range', { horizon_months: 999 }),
      'horizon_months = 999: allowed is a whole number from 1 to 120 (months)',
    ],
  };
  // A time stamp of the wrong type only hides the time: the entry still opens.
  const oddTime = JSON.stringify({ name: 'odd time', saved_at_ms: 'yesterday', scenario: fintech.scenario });
  await seedStorage(page, {
    ...Object.fromEntries(Object.entries(entries).map(([name, [text]]) => [entryKey(name), text])),
    [entryKey('odd time')]: oddTime,
  });
  await openApp(page, '/');
  await page.getByTestId('open-saved').click();
  await expect(page.getByTestId('saved-item')).toHaveCount(7);
  for (const [name, [, reason]] of Object.entries(entries)) {
    await expect(savedItem(page, name), name).toContainText(`Cannot be opened: `);
    await expect(savedItem(page, name), name).toContainText(reason);
    await expect(savedItem(page, name).getByTestId('saved-open'), name).toBeDisabled();
  }
  await expect(savedItem(page, 'odd time')).not.toContainText('Cannot be opened');
  await savedItem(page, 'odd time').getByTestId('saved-open').click();
  await expectHeadline(page, fintech);

  // Compare offers only the entries that open.
  await page.getByTestId('open-compare').click();
  await expect(page.getByTestId('compare-saved')).toHaveCount(1);
  await expect(page.getByTestId('compare-saved')).toHaveAttribute('data-name', 'odd time');

  // A damaged entry is renamed with its text unchanged, and deleted.
  await page.getByTestId('open-saved').click();
  await savedItem(page, 'a list').getByTestId('saved-rename').click();
  await savedItem(page, 'a list').getByTestId('rename-input').fill('still a list');
  await savedItem(page, 'a list').getByTestId('rename-confirm').click();
  await expect(savedItem(page, 'still a list')).toContainText('not a stored scenario: a list');
  expect(await page.evaluate((k) => localStorage.getItem(k), entryKey('still a list'))).toBe('[1, 2]');
  await savedItem(page, 'still a list').getByTestId('saved-delete').click();
  await savedItem(page, 'still a list').getByTestId('confirm-delete').click();
  await expect(page.getByTestId('saved-item')).toHaveCount(6);
  await expectStillWorks(page, 'fintech');
});

test('a working copy that does not open is set aside as a saved scenario, never overwritten', async ({ page }) => {
  const marketplace = projection('marketplace');
  await seedStorage(page, {
    [WORKING_KEY]: '{"growth": {"monthly_rate": 0.1}, "hor',
    [entryKey('Kept plan')]: savedEntryText('Kept plan', marketplace.scenario),
  });
  await openApp(page, '/');
  const recovered = 'Recovered working scenario';
  expect(await page.getByTestId('notice').locator('p').allTextContents()).toEqual([
    'Could not open the working scenario: the stored text is damaged (the text ends too early). ' +
      `It is kept as it was, as the saved scenario “${recovered}” (Saved scenarios), where it can be renamed or deleted.`,
  ]);
  await expectHeadline(page, expected);
  await settledFragment(page);
  expect(await page.evaluate((k) => localStorage.getItem(k), entryKey(recovered))).toBe(
    '{"growth": {"monthly_rate": 0.1}, "hor',
  );
  // The working copy is now the scenario on screen.
  await expect
    .poll(async () => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), WORKING_KEY)))
    .toEqual(expected.scenario);
  await page.getByTestId('open-saved').click();
  await expect(savedItem(page, recovered)).toContainText('the stored text is damaged (the text ends too early)');

  // A working copy this version refuses (a value out of range, as from another
  // version): kept too, under the next free name, its JSON unchanged.
  const refused = { ...marketplace.scenario, horizon_months: 999 };
  await page.evaluate(([k, text]) => localStorage.setItem(k, text), [WORKING_KEY, JSON.stringify(refused)]);
  await openApp(page, '/');
  await expect(page.getByTestId('notice').locator('p')).toHaveText(
    'Could not open the working scenario: horizon_months = 999: allowed is a whole number from 1 to 120 (months). ' +
      `It is kept as it was, as the saved scenario “${recovered} 2” (Saved scenarios), where it can be renamed or deleted.`,
  );
  const entry = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), entryKey(`${recovered} 2`)));
  expect(entry.scenario).toEqual(refused);

  // A reload finds nothing wrong any more; the saved scenarios are all there.
  await openApp(page, '/');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.getByTestId('open-saved').click();
  await expect(page.getByTestId('saved-item')).toHaveCount(3);
  await savedItem(page, 'Kept plan').getByTestId('saved-open').click();
  await expectHeadline(page, marketplace);
});

// --- two tabs of the same browser --------------------------------------------------------

/** A second tab of the same browser (same storage), failing the test on its errors too. */
async function secondTab(context, problems) {
  const tab = await context.newPage();
  tab.on('console', (m) => m.type() === 'error' && problems.push(`second tab: console error: ${m.text()}`));
  tab.on('pageerror', (e) => problems.push(`second tab: page error: ${e.message}`));
  return tab;
}

test('two tabs: a save in one is listed in the other at once; both names are kept', async ({
  page,
  context,
  problems,
}) => {
  await openApp(page, '/');
  const other = await secondTab(context, problems);
  await openApp(other, '/');
  await page.getByTestId('open-saved').click();
  await other.getByTestId('open-saved').click();

  await page.getByTestId('save-name').fill('From A');
  await page.getByTestId('save').click();
  // The other tab's open list follows (the storage event), without reopening.
  await expect(savedItem(other, 'From A')).toBeVisible();
  await other.getByTestId('save-name').fill('From B');
  await other.getByTestId('save').click();
  await expect(savedItem(page, 'From B')).toBeVisible();
  for (const tab of [page, other]) {
    await expect(tab.getByTestId('saved-item')).toHaveCount(2);
  }
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('headroom.v1.saved.')).sort()),
  ).toEqual([entryKey('From A'), entryKey('From B')]);
});

test('two tabs: a delete in one is not brought back by the other', async ({ page, context, problems }) => {
  await seedStorage(page, {
    [entryKey('Doomed')]: savedEntryText('Doomed', projection('fintech').scenario),
    [entryKey('Kept')]: savedEntryText('Kept', projection('marketplace').scenario),
  });
  await openApp(page, '/');
  const other = await secondTab(context, problems);
  await openApp(other, '/');
  await page.getByTestId('open-saved').click();
  await other.getByTestId('open-saved').click();
  await expect(other.getByTestId('saved-item')).toHaveCount(2);

  await savedItem(page, 'Doomed').getByTestId('saved-delete').click();
  await savedItem(page, 'Doomed').getByTestId('confirm-delete').click();
  await expect(savedItem(other, 'Doomed')).toHaveCount(0);
  // The other tab saves, renames and edits: the deleted entry stays deleted
  // (there is no list to write back, one key per scenario).
  await other.getByTestId('save-name').fill('New in B');
  await other.getByTestId('save').click();
  await savedItem(other, 'Kept').getByTestId('saved-rename').click();
  await savedItem(other, 'Kept').getByTestId('rename-input').fill('Kept, renamed');
  await savedItem(other, 'Kept').getByTestId('rename-confirm').click();
  await expect(savedItem(page, 'Kept, renamed')).toBeVisible();
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('headroom.v1.saved.')).sort()),
  ).toEqual([entryKey('Kept, renamed'), entryKey('New in B')]);
  await expect(page.getByTestId('saved-item')).toHaveCount(2);
});

test('two tabs editing the working scenario: no error, and the last edit to settle is the one kept', async ({
  page,
  context,
  problems,
}) => {
  await openApp(page, '/');
  const other = await secondTab(context, problems);
  await openApp(other, '/');
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));
  await expect
    .poll(() => page.evaluate((k) => localStorage.getItem(k), WORKING_KEY))
    .toContain('"start_users":5000');
  // The other tab edits later: its scenario replaces the working copy.
  await other.getByTestId('preset').selectOption('consumer-app');
  await expectHeadline(other, projection('consumer-app'));
  await expect
    .poll(async () => JSON.parse(await other.evaluate((k) => localStorage.getItem(k), WORKING_KEY)))
    .toEqual(projection('consumer-app').scenario);
  // Each tab keeps showing its own scenario until reloaded; a reload opens the last one kept.
  await expectHeadline(page, projection('b2b-saas users=5000'));
  await page.goto('/'); // without a fragment, the scenario comes from storage
  await expectHeadline(page, projection('consumer-app'));
});
