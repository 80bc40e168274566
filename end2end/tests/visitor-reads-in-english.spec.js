// A visitor who reads English: every page exists at /en/… with lang="en", alternates to the
// French page, English numbers and labels; the switch in the header keeps the page and query.
const { test, expect, hydrated, screenshot, openMenu } = require('./fixtures');

test('the home page in English, with English numbers and a switch back to French', async ({ page }, testInfo) => {
  const response = await page.goto('/en');
  expect(response.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Atlas of the Régies de Quartier et de Territoire');
  await expect(page.locator('#fig-qpv .figure-value')).toHaveText('1,584');
  await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveAttribute('href', '/');
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', '/en');
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'en_GB');
  await hydrated(page);
  await screenshot(page, testInfo, 'home-en');
  await openMenu(page);
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('#fig-qpv .figure-value')).toHaveText('1\u202f584');
});

test('links stay in English from the directory to a Régie and its QPV', async ({ page }) => {
  await page.goto('/en/regies?q=troyes');
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const first = page.locator('table.regies tbody tr a').first();
  await expect(first).toHaveAttribute('href', /^\/en\/regies\//);
  await first.click();
  await expect(page).toHaveURL(/\/en\/regies\/[a-z0-9-]+$/);
  await expect(page.locator('.breadcrumb a')).toHaveAttribute('href', '/en/regies');
  // The header's switch leads to the same Régie in French.
  await openMenu(page);
  const french = page.getByRole('link', { name: 'Français' });
  await expect(french).toHaveAttribute('href', /^\/regies\/[a-z0-9-]+$/);
});

test('a territory page in English: numbers, labels and exports', async ({ page }) => {
  const response = await page.goto('/en/territoires/departement/93');
  expect(response.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveAttribute('href', '/territoires/departement/93');
  // Exports keep their one format and address.
  await expect(page.locator('#export-qpv-csv')).toHaveAttribute('href', '/territoires/departement/93/quartiers.csv');
});

test('an unknown English page answers 404 in English', async ({ request }) => {
  const response = await request.get('/en/regies/not-a-regie');
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain('lang="en"');
});
