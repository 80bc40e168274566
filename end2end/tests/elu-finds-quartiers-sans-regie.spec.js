// An elected official looks for the priority neighbourhoods without a Régie in a département,
// sorts them by distance to the nearest Régie and downloads the table for a spreadsheet.
const fs = require('fs');
const { test, expect, hydrated, screenshot } = require('./fixtures');

test('QPVs without a Régie: filter by département, sort, download the CSV', async ({ page }, testInfo) => {
  await page.goto('/territoires/quartiers-sans-regie');
  await hydrated(page);
  await expect(page.locator('h1')).toHaveText('Quartiers prioritaires sans Régie');
  await expect(page.locator('#nb-sans-regie')).toContainText('sur 1\u202f584');

  await page.getByLabel('Dép.').selectOption('93');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(page).toHaveURL(/dep=93/);
  const rows = page.locator('table.gaps tbody tr');
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  for (const text of await rows.locator('td:nth-child(3)').allInnerTexts()) expect(text.trim()).toBe('93');

  await page.getByRole('link', { name: 'distance à la Régie la plus proche' }).click();
  await expect(page).toHaveURL(/tri=distance&dep=93/);
  await screenshot(page, testInfo, 'quartiers-sans-regie');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger le tableau (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('quartiers-sans-regie.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0].split(';')[0]).toBe('code_qp');
  expect(lines.length - 1).toBe(n);
  // The first CSV row is the first row of the page (farthest from a Régie).
  const firstCode = lines[1].split(';')[0];
  await expect(rows.first().locator('th .code')).toHaveText(firstCode);
});
