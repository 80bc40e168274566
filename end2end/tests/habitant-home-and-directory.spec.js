// Habitant on a phone: the home shows the real national counts, the directory filters live
// (hydration), and a Régie's page opens from the list.
const fs = require('fs');
const path = require('path');
const { test, expect, hydrated, screenshot } = require('./fixtures');
// Chromium logs a console error for any 404 document, so that test does not use the strict page.
const plain = require('@playwright/test').test;

// Independent of the server: the Régie rows of the shipped reference file.
const regiesCsv = fs.readFileSync(path.join(__dirname, '../../data/reference/regies_candidates_2019.csv'), 'utf8');
const referenceRegies = regiesCsv.trim().split('\n').length - 1;
const digits = (s) => Number(s.replace(/\D/g, ''));

test('the home page shows the real national figures', async ({ page }, testInfo) => {
  const response = await page.goto('/');
  expect(response.status()).toBe(200);
  await expect(page).toHaveTitle('Atlas des Régies');
  await expect(page.locator('h1')).toContainText('Atlas des Régies');
  const qpv = page.locator('#fig-qpv .figure-value');
  await expect(qpv).toHaveText('1\u202f584');
  expect(digits(await page.locator('#fig-regies .figure-value').innerText())).toBe(referenceRegies);
  const covered = digits(await page.locator('#fig-qpv-couverts .figure-value').innerText());
  expect(covered).toBeGreaterThan(0);
  expect(covered).toBeLessThan(1584);
  // Unverified data is labelled as such.
  await expect(page.locator('.notice').first()).toContainText('pas encore vérifiée');
  await hydrated(page);
  await screenshot(page, testInfo, 'home');
});

test('the directory filters as one types, and a Régie page opens', async ({ page }, testInfo) => {
  await page.goto('/regies');
  await hydrated(page);
  const count = page.locator('#nb-regies');
  await expect(count).toContainText(`${referenceRegies} Régie(s) affichée(s) sur ${referenceRegies}`);
  const rows = page.locator('table.regies tbody tr');
  await expect(rows).toHaveCount(Math.min(20, referenceRegies));

  // Typing without pressing Enter narrows the list: only the hydrated page can do that.
  await page.getByLabel('Filtrer').fill('troyes');
  await expect(page).toHaveURL(/\/regies\?q=troyes$/);
  await expect(count).not.toContainText(`${referenceRegies} Régie(s) affichée(s)`);
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(referenceRegies);
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain('troyes');
  await screenshot(page, testInfo, 'directory-filtered');

  const first = rows.first().locator('a');
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/regies\/[a-z0-9-]+$/);
  await expect(page.locator('h1')).toHaveText(name);
  await expect(page.locator('h2#qpv')).toBeVisible();
  await expect(page.locator('.notice')).toContainText('vérifier');
  // A small map drawn by the server: the commune, the covered QPVs and the Régie's address.
  await expect(page.locator('figure.mini-map path.regie-point')).toHaveCount(1);
  await expect(page.locator('figure.mini-map path.qpv')).toHaveCount(await page.locator('ul.qpv-list > li').count());
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').innerText());
  expect(ld['@type']).toBe('Organization');
  expect(ld.name).toBe(name);
  await screenshot(page, testInfo, 'regie');
  // Back to the filtered list, as it was.
  await page.goBack();
  await expect(page).toHaveURL(/\/regies\?q=troyes$/);
  await expect(rows).toHaveCount(shown);
});

test('directory filters live in the URL: département, sort, pages and the back button', async ({ page }) => {
  await page.goto('/regies');
  await hydrated(page);
  const count = page.locator('#nb-regies');
  const rows = page.locator('table.regies tbody tr');
  // Pages of 20, with a link to the next one.
  await page.getByRole('link', { name: /Page suivante/ }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator('.pager [aria-current="page"]')).toContainText('Page 2');
  // Filter by département: every row is in it.
  await page.getByLabel('Dép.').selectOption('93');
  await expect(page).toHaveURL(/dep=93/);
  await expect(page).not.toHaveURL(/page=2/);
  // The URL changes first, the table when its data arrives.
  await expect(count).not.toContainText(`${referenceRegies} Régie(s) affichée(s)`);
  const n93 = await rows.count();
  await expect(count).toContainText(`${n93} Régie(s) affichée(s) sur ${referenceRegies}`);
  expect(n93).toBeGreaterThan(0);
  for (const text of await rows.allInnerTexts()) expect(text).toContain('93 · Seine-Saint-Denis');
  // Sort by number of QPVs: non-increasing.
  await page.getByLabel('Trier').selectOption('qpv');
  await expect(page).toHaveURL(/tri=qpv/);
  // Poll until the sorted rows arrive.
  await expect.poll(async () => {
    // On phones each cell shows its column name first (CSS ::before): keep the digits.
    const qpvs = (await page.locator('table.regies tbody td.num').allInnerTexts()).map((t) => Number(t.replace(/\D/g, '')));
    return qpvs.length === n93 && qpvs.some((v, i) => i > 0 && v !== qpvs[0]) && qpvs.every((v, i) => i === 0 || qpvs[i - 1] >= v);
  }).toBe(true);
  // Back: the département filter without the sort, then page 2 of everything.
  await page.goBack();
  await expect(page).toHaveURL(/dep=93$/);
  await expect(page.getByLabel('Trier')).toHaveValue('territoire');
  await page.goBack();
  await expect(page).toHaveURL(/page=2$/);
  await expect(count).toContainText(`sur ${referenceRegies}`);
  await expect(page.getByLabel('Dép.')).toHaveValue('');
});

test('the directory filter also works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/regies?q=troyes');
  const rows = page.locator('table.regies tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await rows.count()).toBeLessThan(referenceRegies);
  await context.close();
});

plain('an unknown Régie answers 404 with a French message', async ({ page }) => {
  const response = await page.goto('/regies/pas-une-regie');
  expect(response.status()).toBe(404);
  await expect(page.locator('h1')).toContainText('introuvable');
});

test('no horizontal scroll on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const url of ['/', '/regies', '/carte', '/autour-de-moi?q=troyes', '/qpv/QN01007I', '/communes/91228', '/recherche?q=sarcelles', '/territoires/quartiers-sans-regie']) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});
