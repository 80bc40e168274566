// An elected official opens the national coverage, goes down to a département, reads its
// figures, checks them against the lists, downloads the exports and prints the A4 report.
const fs = require('fs');
const { test, expect, hydrated, screenshot, openMenu } = require('./fixtures');

const figure = async (page, name) => Number((await page.locator(`[data-figure="${name}"]`).innerText()).replace(/\s/g, ''));

test('territory: France → département, figures agree with the lists, exports, print', async ({ page }, testInfo) => {
  await page.goto('/');
  await hydrated(page);
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Territoires' }).click();
  await expect(page).toHaveURL(/\/territoires$/);
  await expect(page.locator('h1')).toHaveText('Les Régies et les quartiers prioritaires en France');
  expect(await figure(page, 'qpv')).toBe(1584);
  await expect(page.locator('#quelques-chiffres')).toContainText('Source : ANCT, quartiers prioritaires 2024.');
  // The coverage map by département is an image with its text alternative, and it loads.
  const franceMap = page.locator('.breakdown img');
  await expect(franceMap).toHaveAttribute('alt', /part des quartiers prioritaires ayant une Régie, par département/);
  await franceMap.scrollIntoViewIfNeeded();
  await expect.poll(() => franceMap.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator('#table-decoupage tbody tr')).toHaveCount(101);

  await page.locator('#table-decoupage').getByRole('link', { name: 'Seine-Saint-Denis' }).click();
  await expect(page).toHaveURL(/\/territoires\/departement\/93$/);
  await hydrated(page);
  await expect(page.locator('h1')).toHaveText('Seine-Saint-Denis · Département');
  await expect(page.getByRole('navigation', { name: "Fil d'Ariane" })).toContainText('France › Île-de-France');

  // Figures against the lists of the same page.
  const rows = page.locator('#table-qpv tbody tr');
  const qpv = await figure(page, 'qpv');
  await expect(rows).toHaveCount(qpv);
  const without = await rows.locator('.badge.cov-aucune').count();
  expect(await figure(page, 'qpv-sans-regie')).toBe(without);
  expect(await figure(page, 'qpv-avec-regie')).toBe(qpv - without);
  await expect(page.locator('#table-statuts tr[data-statut="aucune"] td').first()).toHaveText(String(without));
  expect(await figure(page, 'regies')).toBe(await page.locator('#table-regies tbody tr').count());
  const qpvMap = page.locator('img[src$="/carte-quartiers.svg"]');
  await qpvMap.scrollIntoViewIfNeeded();
  await expect.poll(() => qpvMap.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await screenshot(page, testInfo, 'territoire-93');

  // CSV export: BOM, `;`, the same QPVs as the table.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-qpv-csv').click()]);
  expect(csvDownload.suggestedFilename()).toBe('departement-93-quartiers.csv');
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0].split(';').slice(0, 2)).toEqual(['code_qp', 'nom_qp']);
  const csvCodes = lines.slice(1).map((l) => l.split(';')[0]).sort();
  const pageCodes = (await rows.locator('th .code').allInnerTexts()).map((c) => c.trim()).sort();
  expect(csvCodes).toEqual(pageCodes);

  // GeoJSON export: one feature per QPV, with its contour.
  const [geoDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-qpv-geojson').click()]);
  const geo = JSON.parse(fs.readFileSync(await geoDownload.path(), 'utf8'));
  expect(geo.type).toBe('FeatureCollection');
  expect(geo.features.map((f) => f.properties.code).sort()).toEqual(pageCodes);
  expect(geo.features.every((f) => f.geometry && f.geometry.type === 'MultiPolygon')).toBe(true);

  // The printed report: the site's header and the buttons go, the maps and tables stay.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.print-actions')).toBeHidden();
  await expect(qpvMap).toBeVisible();
  await expect(page.locator('#table-qpv')).toBeVisible();
  if (testInfo.project.name === 'desktop') {
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    fs.writeFileSync(testInfo.outputPath('territoire-93.pdf'), pdf);
  }
});
