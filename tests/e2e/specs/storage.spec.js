// Storage faults: a disabled storage and a full one never break the planner, and
// never lose what is already saved.
import { expect, expectHeadline, openApp, projection, setInput, test } from '../helpers.js';

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
