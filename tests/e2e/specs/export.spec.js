// Export and import: the monthly table as CSV (matching the CLI's figures), the
// scenario as JSON (which imports back), and each chart as a PNG.
import { readFile } from 'node:fs/promises';
import {
  chartCanvas,
  cli,
  expect,
  expectHeadline,
  expected,
  openApp,
  projection,
  setInput,
  test,
} from '../helpers.js';

/** RFC 4180: rows of fields; quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Clicks `button` and returns the download it starts: its file name and bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const failure = await file.failure();
  expect(failure, `download of ${file.suggestedFilename()} failed`).toBeNull();
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the CSV export is the CLI\'s monthly CSV, byte for byte, one row per month', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-export').click();
  const { name, bytes } = await download(page, page.getByTestId('export-csv'));
  expect(name).toMatch(/\.csv$/);
  await expect(page.getByTestId('export-status')).toContainText(name);

  const text = bytes.toString('utf8');
  expect(text).toBe(cli(['project', '--preset', 'b2b-saas', '--format', 'csv']));
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  expect(body.length, 'one row per month').toBe(expected.months.length);
  for (const row of body) expect(row.length, `row ${row.join(',')}`).toBe(header.length);
  // One column per cost line item, with its unit.
  for (const item of Object.keys(expected.months[0].costs_usd)) {
    expect(header, `a column for ${item}`).toContain(`cost_${item}_usd`);
  }
  const total = header.indexOf('total_usd');
  expected.months.forEach((m, i) => {
    expect(Math.abs(Number(body[i][total]) - m.total_usd), `month ${m.month} total`).toBeLessThan(1e-6);
  });

  // The visible monthly table has a row for every month of the file.
  await page.getByTestId('monthly-toggle').click();
  await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(body.length);
});

test('the JSON export imports back: the figures return after an edit', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-export').click();
  const { name, bytes } = await download(page, page.getByTestId('export-json'));
  expect(name).toMatch(/\.json$/);
  const scenario = JSON.parse(bytes.toString('utf8'));
  expect(scenario).toEqual(expected.scenario);

  await setInput(page, 'growth.start_users', 5000);
  await expectHeadline(page, projection('b2b-saas users=5000'));

  await page.getByTestId('import-json').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
  await expectHeadline(page, expected);
  await expect(page.getByTestId('export-status')).toContainText(expected.scenario.name);
  // (That the editor's fields show the imported values: editing.spec.js.)

  // Another scenario file (the CLI's) imports too.
  const fintech = projection('fintech');
  await page.getByTestId('import-json').setInputFiles({
    name: 'fintech.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(fintech.scenario)),
  });
  await expectHeadline(page, fintech);
});

test('importing a file that is not a scenario changes nothing and says why', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-export').click();
  await page.getByTestId('import-json').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...expected.scenario, horizon_months: 500 })),
  });
  await expect(page.getByTestId('export-status')).toContainText('horizon_months');
  await expect(page.getByTestId('export-status')).toContainText('Nothing was changed');
  await expectHeadline(page, expected);
});

test('the PNG export of a chart is a PNG of the canvas', async ({ page }) => {
  await openApp(page);
  for (const id of ['cost', 'per-customer']) {
    const button = page.getByTestId(`chart-${id}-png`);
    await expect(button).toHaveAccessibleName(/PNG/);
    const { name, bytes } = await download(page, button);
    expect(name).toBe(`headroom-${id}.png`);
    expect([...bytes.subarray(0, 8)], 'PNG signature').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(bytes.length, `${name} size`).toBeGreaterThan(5_000);
    const canvas = chartCanvas(page, id);
    expect(bytes.readUInt32BE(16), 'PNG width = canvas width').toBe(Number(await canvas.getAttribute('width')));
    expect(bytes.readUInt32BE(20), 'PNG height = canvas height').toBe(Number(await canvas.getAttribute('height')));
  }
});
