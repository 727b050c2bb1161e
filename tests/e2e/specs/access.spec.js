// A phone-sized page without sideways scrolling, and a page that works from the
// keyboard: toolbar buttons and inputs reachable with Tab, every control named.
import { CHARTS, chartCanvas, expect, openApp, test } from '../helpers.js';

/** Widths that would make the page scroll sideways. */
const widths = (page) =>
  page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    viewport: window.innerWidth,
  }));

/** Elements wider than the viewport's right edge (for a readable failure). */
const sticking = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= window.innerWidth + 0.5) return false;
        // Content inside a sideways-scrolling box does not widen the page.
        for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`),
  );

test.describe('on a 360 px wide phone', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test('no horizontal overflow with the whole editor, the charts and every panel open', async ({ page }) => {
    await openApp(page);
    // Open every group of the editor, the price table and the monthly table.
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    await expect(page.getByTestId('price-table')).toHaveAttribute('open', '');
    await expect(page.getByTestId('monthly-table')).toBeVisible();
    await expect(page.getByTestId('input-thresholds.target_utilization')).toBeVisible();

    for (const id of CHARTS) {
      const canvas = chartCanvas(page, id);
      await expect(canvas).toBeVisible();
      const box = await canvas.boundingBox();
      expect(box.x, `${id} chart left edge`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${id} chart right edge`).toBeLessThanOrEqual(360);
    }
    const w = await widths(page);
    expect(w.viewport).toBe(360);
    expect(w.document, `${JSON.stringify(w)}; sticking out: ${await sticking(page)}`).toBeLessThanOrEqual(360);

    for (const panel of ['share', 'saved', 'export', 'embed']) {
      await page.getByTestId(`open-${panel}`).click();
      await expect(page.getByTestId(`open-${panel}`)).toHaveAttribute('aria-expanded', 'true');
      const pw = await widths(page);
      expect(pw.document, `${panel} panel: ${JSON.stringify(pw)}; sticking out: ${await sticking(page)}`).toBeLessThanOrEqual(
        360,
      );
    }
  });

  test('a chart readout stays inside the page', async ({ page }) => {
    await openApp(page);
    const canvas = chartCanvas(page, 'cost');
    await canvas.focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('chart-cost-readout')).toHaveAttribute('data-month', /\d/);
    const w = await widths(page);
    expect(w.document, `${JSON.stringify(w)}; sticking out: ${await sticking(page)}`).toBeLessThanOrEqual(360);
  });
});

test('the toolbar buttons, the preset picker and the inputs are reachable with Tab', async ({ page }) => {
  await openApp(page);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const reached = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        return el.getAttribute('data-testid') || `${el.tagName.toLowerCase()}:${el.textContent.trim().slice(0, 20)}`;
      }),
    );
  }
  const order = ['preset', 'open-share', 'open-saved', 'open-export', 'open-embed'];
  const positions = order.map((id) => reached.indexOf(id));
  expect(positions.every((p) => p >= 0), `reached with Tab: ${reached.join(' | ')}`).toBe(true);
  expect([...positions].sort((a, b) => a - b), 'in the order they are shown').toEqual(positions);
  expect(reached.some((id) => id.startsWith('input-')), `an editor input within 12 Tabs: ${reached.join(' | ')}`).toBe(
    true,
  );

  // A toolbar button works from the keyboard.
  const share = page.getByTestId('open-share');
  await share.focus();
  await page.keyboard.press('Enter');
  await expect(share).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('share-link')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(share).toHaveAttribute('aria-expanded', 'false');

  // The charts can be focused with Tab too (for their keyboard readout).
  for (const id of CHARTS) await expect(chartCanvas(page, id)).toHaveAttribute('tabindex', '0');
});

test('every control has an accessible name; every editor field has a label', async ({ page }) => {
  // About 200 fields (with the ranges' ends and the price table), each looked up
  // by its label: more than the default 30 s on a loaded 2-core machine.
  test.setTimeout(120_000);
  await openApp(page);
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  // Every field of the editor is labelled, and getByLabel finds it by that label.
  const fields = await page.evaluate(() =>
    [...document.querySelectorAll('.hr-editor input, .hr-editor select, .hr-editor textarea')].map((el) => ({
      id: el.id,
      testid: el.getAttribute('data-testid'),
      labels: [...(el.labels || [])].map((l) => l.textContent.trim()),
    })),
  );
  expect(fields.length, 'fields in the editor').toBeGreaterThan(40);
  const unlabelled = fields.filter((f) => f.labels.length === 0 || f.labels.some((l) => l === ''));
  expect(unlabelled, 'editor fields without a label').toEqual([]);
  for (const f of fields.filter((f) => f.testid)) {
    await expect(page.getByLabel(f.labels[0], { exact: true }), `getByLabel("${f.labels[0]}")`).toHaveAttribute(
      'data-testid',
      f.testid,
    );
  }

  // The toolbar buttons, by their accessible names (what a screen reader announces).
  for (const panel of ['share', 'saved', 'export', 'embed']) {
    await expect(page.getByTestId(`open-${panel}`)).toHaveAccessibleName(/\w{4,}/);
  }

  // Buttons, links, inputs and the canvases all have a name a screen reader reads,
  // with each panel of the toolbar open in turn.
  for (const panel of ['share', 'saved', 'export', 'embed']) {
    await page.getByTestId(`open-${panel}`).click();
    await expect(page.getByTestId(`open-${panel}`)).toHaveAttribute('aria-expanded', 'true');
    const { total, nameless } = await page.evaluate(() => {
      // Enough of the accessible-name computation for these controls.
      const text = (s) => (s || '').replace(/\s+/g, ' ').trim();
      const nameOf = (el) => {
        if (el.getAttribute('aria-label')) return text(el.getAttribute('aria-label'));
        if (el.getAttribute('aria-labelledby')) {
          return text(
            el
              .getAttribute('aria-labelledby')
              .split(' ')
              .map((id) => document.getElementById(id)?.textContent)
              .join(' '),
          );
        }
        if (el.labels && el.labels.length) return text([...el.labels].map((l) => l.textContent).join(' '));
        if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY') return text(el.textContent);
        return text(el.getAttribute('title'));
      };
      const controls = [
        ...document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, canvas, summary'),
      ].filter((el) => el.type === 'file' || el.checkVisibility());
      return {
        total: controls.length,
        nameless: controls.filter((el) => !nameOf(el)).map((el) => el.outerHTML.slice(0, 160)),
      };
    });
    expect(total, 'controls on the page').toBeGreaterThan(50);
    expect(nameless, `controls without an accessible name (${panel} panel open)`).toEqual([]);
  }
});
