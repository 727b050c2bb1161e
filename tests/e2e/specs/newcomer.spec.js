// What a newcomer hit when trying the planner (issue 12), each as the person
// meets it: a range widening the Inputs panel, presets throwing edits away,
// notices piling up.
import { expect, openApp, test } from '../helpers.js';

const RATE = 'growth.monthly_rate';

/** Opens an input group of the editor (on a phone they start collapsed). */
async function openGroup(page, id) {
  const group = page.getByTestId(`group-${id}`);
  if ((await group.getAttribute('open')) === null) {
    await group.locator('summary.hr-group__title').click();
  }
  await expect(group).toHaveAttribute('open', '');
}

/** How far the element's content runs past its box, in CSS pixels (0 = fits). */
function overflowOf(locator) {
  return locator.evaluate((el) => el.scrollWidth - el.clientWidth);
}

for (const width of [1440, 360]) {
  test(`a range keeps the Inputs panel within its box at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await openApp(page);
    await openGroup(page, 'growth');
    const panel = page.locator('aside.hr-sidebar');
    expect(await overflowOf(panel)).toBeLessThanOrEqual(0);
    await page.getByTestId(`range-toggle-${RATE}`).click();
    await expect(page.getByTestId(`range-low-${RATE}`)).toBeVisible();
    expect(await overflowOf(panel)).toBeLessThanOrEqual(0);
    // The range fields and the step buttons stay on the screen.
    for (const id of [`range-low-${RATE}`, `range-high-${RATE}`, `input-${RATE}`]) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    await page.getByTestId(`range-low-${RATE}`).focus();
    expect(await panel.evaluate((el) => el.scrollLeft)).toBe(0);
    await page.screenshot({ path: `/tmp/shots/range-${width}.png` });
  });
}
