// Named scenarios kept in the browser: save, open, rename, delete, with a
// confirmation before anything is replaced or destroyed.
import { expect, expectHeadline, expected, openApp, projection, setInput, test } from '../helpers.js';

const item = (page, name) => page.locator(`[data-testid="saved-item"][data-name="${name}"]`);
const savedKeys = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('headroom.v1.saved.')).sort());

test('save, open, rename and delete named scenarios', async ({ page }) => {
  const edited = projection('b2b-saas users=5000');
  await openApp(page);
  await page.getByTestId('open-saved').click();
  await expect(page.getByTestId('open-saved')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('saved-empty')).toBeVisible();

  // Save the default scenario as "Plan A".
  await page.getByTestId('save-name').fill('Plan A');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toContainText('Plan A');
  await expect(item(page, 'Plan A')).toBeVisible();
  expect(await savedKeys(page)).toEqual(['headroom.v1.saved.Plan A']);

  // Edit, then save the edit as "Plan B" (Enter submits the form).
  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, edited);
  await page.getByTestId('save-name').fill('Plan B');
  await page.getByTestId('save-name').press('Enter');
  await expect(item(page, 'Plan B')).toBeVisible();
  await expect(page.getByTestId('saved-item')).toHaveCount(2);

  // Saving under an existing name asks first; "Replace" replaces.
  await page.getByTestId('save-name').fill('Plan A');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('confirm-replace')).toBeVisible();
  await expect(page.getByRole('alertdialog')).toContainText('Plan A');
  const planA = await page.evaluate(() => localStorage.getItem('headroom.v1.saved.Plan A'));
  expect(planA, 'nothing replaced before the confirmation').toContain('"start_users":1000');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('confirm-replace')).toHaveCount(0);

  // Open "Plan A": the default scenario's figures come back (the fields: editing.spec.js).
  await item(page, 'Plan A').getByTestId('saved-open').click();
  await expectHeadline(page, expected);
  await expect(page.getByTestId('saved-status')).toContainText('Plan A');
  // Open "Plan B": the edit comes back.
  await item(page, 'Plan B').getByTestId('saved-open').click();
  await expectHeadline(page, edited);

  // Rename "Plan A" to "Baseline".
  await item(page, 'Plan A').getByTestId('saved-rename').click();
  const rename = item(page, 'Plan A').getByTestId('rename-input');
  await expect(rename).toBeVisible();
  await expect(rename).toHaveAccessibleName('New name');
  await rename.fill('Baseline');
  await item(page, 'Plan A').getByTestId('rename-confirm').click();
  await expect(item(page, 'Baseline')).toBeVisible();
  await expect(item(page, 'Plan A')).toHaveCount(0);
  expect(await savedKeys(page)).toEqual(['headroom.v1.saved.Baseline', 'headroom.v1.saved.Plan B']);
  await item(page, 'Baseline').getByTestId('saved-open').click();
  await expectHeadline(page, expected);

  // Renaming onto a taken name is refused and loses nothing.
  await item(page, 'Baseline').getByTestId('saved-rename').click();
  await item(page, 'Baseline').getByTestId('rename-input').fill('Plan B');
  await item(page, 'Baseline').getByTestId('rename-confirm').click();
  await expect(page.getByTestId('saved-status')).toContainText('already saved');
  expect(await savedKeys(page)).toEqual(['headroom.v1.saved.Baseline', 'headroom.v1.saved.Plan B']);

  // Delete asks first; "Keep" keeps, "Delete" deletes.
  await item(page, 'Plan B').getByTestId('saved-delete').click();
  await expect(item(page, 'Plan B').getByTestId('confirm-delete')).toBeVisible();
  await item(page, 'Plan B').getByRole('button', { name: 'Keep' }).click();
  await expect(item(page, 'Plan B').getByTestId('confirm-delete')).toBeHidden();
  await item(page, 'Plan B').getByTestId('saved-delete').click();
  await item(page, 'Plan B').getByTestId('confirm-delete').click();
  await expect(item(page, 'Plan B')).toHaveCount(0);
  expect(await savedKeys(page)).toEqual(['headroom.v1.saved.Baseline']);

  // The list survives a reload (it is read from storage, not memory).
  await openApp(page, '/');
  await page.getByTestId('open-saved').click();
  await expect(page.getByTestId('saved-item')).toHaveCount(1);
  await expect(item(page, 'Baseline')).toBeVisible();
});

test('a name that is not allowed is refused with the reason', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-saved').click();
  await page.getByTestId('save-name').fill('   ');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved-status')).toContainText('name');
  await expect(page.getByTestId('saved-status')).toContainText('allowed');
  expect(await savedKeys(page)).toEqual([]);
});

test('a damaged saved entry is listed with the reason and can be deleted; the others still open', async ({
  page,
}) => {
  await openApp(page);
  await page.evaluate(
    (scenario) => {
      localStorage.setItem('headroom.v1.saved.broken', '{"name": "broken", "scen');
      localStorage.setItem('headroom.v1.saved.good', JSON.stringify({ name: 'good', saved_at_ms: 0, scenario }));
    },
    projection('fintech').scenario,
  );
  await page.getByTestId('open-saved').click();
  await expect(page.getByTestId('saved-item')).toHaveCount(2);
  await expect(item(page, 'broken')).toContainText('Cannot be opened');
  await expect(item(page, 'broken').getByTestId('saved-open')).toBeDisabled();
  await item(page, 'good').getByTestId('saved-open').click();
  await expectHeadline(page, projection('fintech'));
  await item(page, 'broken').getByTestId('saved-delete').click();
  await item(page, 'broken').getByTestId('confirm-delete').click();
  await expect(page.getByTestId('saved-item')).toHaveCount(1);
  expect(await savedKeys(page)).toEqual(['headroom.v1.saved.good']);
});
