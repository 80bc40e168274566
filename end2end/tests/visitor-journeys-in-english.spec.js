// The habitant's journeys (search, results, around me, map, QPV and commune pages) in English:
// the same steps as the French ones, English words and numbers, links that stay under /en.
const { test, expect, hydrated, screenshot } = require('./fixtures');
const { pointInside } = require('./geo');

test('search a commune without its accents, in English, and land on its English page', async ({ page }, testInfo) => {
  await page.goto('/en');
  await hydrated(page);
  await page.getByRole('searchbox', { name: /Search a commune/ }).pressSequentially('evry courc', { delay: 30 });
  const suggestion = page.locator('.suggestions a', { hasText: 'Évry-Courcouronnes' });
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page).toHaveURL(/\/en\/communes\/91228$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Évry-Courcouronnes');
  await expect(page.locator('#qpv-commune + p + ul.qpv-list > li')).toHaveCount(7);
  await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveAttribute('href', '/communes/91228');
  await screenshot(page, testInfo, 'commune-en');
});

test('the English results page works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/recherche?q=sarcele');
  await expect(page.locator('#nb-resultats')).toContainText('result(s) for');
  const first = page.locator('.results').first().locator('a').first();
  await expect(first).toHaveText('Sarcelles');
  await expect(first).toHaveAttribute('href', /^\/en\/communes\//);
  await context.close();
});

test('around me, in English: the QPV of a real point, then a commune typed by hand and nonsense', async ({ browser }) => {
  const p = pointInside('QN01007I');
  const context = await browser.newContext({
    geolocation: { latitude: p.lat, longitude: p.lon },
    permissions: ['geolocation'],
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto('/en/autour-de-moi');
  await hydrated(page);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page).toHaveURL(/\/en\/autour-de-moi\?.*lat=.*lon=/);
  await expect(page.locator('#qpv-ici')).toContainText(p.nom);
  await expect(page.locator('.answer')).toContainText('A Régie works in this neighbourhood');
  await expect(page.locator('.nearest li').first()).toContainText('works here');
  await page.goto('/en/autour-de-moi?q=zzzzzz');
  await expect(page.locator('.alert')).toContainText('no town matches');
  await context.close();
});

test('the English map: popups in English that lead to English pages', async ({ page }, testInfo) => {
  await page.goto('/en/carte');
  const map = page.locator('#carte');
  await expect(map).toHaveAttribute('data-qpv', /\d+/, { timeout: 15_000 });
  await page.evaluate(() => { window.atlasCarte.setView([48.2973, 4.0744], 13); });
  await expect(map).toHaveAttribute('data-zoom', '13');
  const shape = page.locator('.leaflet-overlay-pane path.leaflet-interactive').first();
  await expect(shape).toBeVisible();
  await shape.click({ force: true });
  const popup = page.locator('.leaflet-popup-content');
  await expect(popup).toContainText('Priority neighbourhood');
  await expect(popup.locator('a')).toHaveAttribute('href', /^\/en\/qpv\/QN010/);
  await expect(page.getByRole('button', { name: 'Full screen' })).toBeVisible();
  await screenshot(page, testInfo, 'carte-en');
});

test('the English QPV page: contour, the Régie working there, English metadata', async ({ page }) => {
  await page.goto('/en/qpv/QN01007I');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Jules Guesde');
  await expect(page.locator('.breadcrumb-trail')).toContainText('Priority neighbourhood');
  await expect(page.locator('figure.mini-map path.qpv-ici')).toHaveCount(1);
  await expect(page.locator('#regies-ici + ul li a').first()).toHaveAttribute('href', /^\/en\/regies\//);
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'en_GB');
});
