// Habitant on a phone: finds a commune by typing its name without accents, learns whether a
// point is in a priority neighbourhood (geolocation mocked inside a real QPV), and uses the map.
const { test, expect, hydrated, screenshot } = require('./fixtures');
const { pointInside } = require('./geo');

test('search a commune without its accents and see its QPVs and Régies', async ({ page }, testInfo) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('searchbox', { name: /Rechercher une commune/ }).pressSequentially('evry courc', { delay: 30 });
  const suggestion = page.locator('.suggestions a', { hasText: 'Évry-Courcouronnes' });
  await expect(suggestion).toBeVisible();
  await screenshot(page, testInfo, 'suggestions');
  await suggestion.click();
  await expect(page).toHaveURL(/\/communes\/91228$/);
  await expect(page.locator('.suggestions')).toHaveCount(0);
  await expect(page.locator('h1')).toHaveText('Évry-Courcouronnes');
  const qpvs = page.locator('#qpv-commune + p + ul.qpv-list > li');
  await expect(qpvs).toHaveCount(7);
  await expect(page.locator('ul.qpv-list')).toContainText('Pyramides - Bois Sauvage');
  await expect(page.locator('figure.mini-map svg path.commune')).toHaveCount(1);
  await expect(page.locator('#regies-commune')).toBeVisible();
  await screenshot(page, testInfo, 'commune');
});

test('the results page works without JavaScript and tolerates a typo', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/recherche?q=sarcele');
  await expect(page.locator('#nb-resultats')).toContainText('résultat');
  await expect(page.locator('.results').first().locator('a').first()).toHaveText('Sarcelles');
  await page.goto('/recherche?q=st%20denis');
  await expect(page.locator('.result-list a', { hasText: 'Saint-Denis' }).first()).toBeVisible();
  await page.goto('/recherche?q=QN01007I');
  await expect(page.locator('.result-list a').first()).toHaveText('Jules Guesde');
  await context.close();
});

test('geolocated inside a real QPV, the page names it and the Régie working there', async ({ browser }, testInfo) => {
  const p = pointInside('QN01007I'); // Jules Guesde, Troyes
  const context = await browser.newContext({
    geolocation: { latitude: p.lat, longitude: p.lon },
    permissions: ['geolocation'],
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/autour-de-moi');
  await hydrated(page);
  await page.getByRole('button', { name: 'Me localiser' }).click();
  await expect(page).toHaveURL(/lat=.*lon=/);
  await expect(page.locator('#qpv-ici')).toContainText(p.nom);
  await expect(page.locator('#qpv-ici .code')).toHaveText('QN01007I');
  await expect(page.locator('.answer')).toContainText('Une Régie intervient dans ce quartier');
  await expect(page.locator('.nearest li').first()).toContainText('intervient ici');
  await page.screenshot({ path: `screenshots/${testInfo.project.name}-autour-de-moi.png`, fullPage: true });
  expect(errors).toEqual([]);
  await context.close();
});

test('a commune typed by hand gives the nearest Régies; nonsense gets a French message', async ({ page }) => {
  await page.goto('/autour-de-moi?q=troyes');
  await expect(page.locator('.answer h2')).toContainText('Troyes');
  await expect(page.locator('.nearest li').first()).toContainText('Troyes');
  await page.goto('/autour-de-moi?q=zzzzzz');
  await expect(page.locator('.alert')).toContainText('aucune commune ne correspond');
});

test('the map shows clustered Régies, QPVs by coverage, and opens a popup', async ({ page }, testInfo) => {
  await page.goto('/carte');
  const map = page.locator('#carte');
  await expect(map).toHaveAttribute('data-regies', /\d+/, { timeout: 15_000 });
  await expect(map).toHaveAttribute('data-qpv', /\d+/);
  expect(Number(await map.getAttribute('data-qpv'))).toBeGreaterThan(1000);
  // The QPV points of all France are drawn on one canvas, not as a thousand SVG elements.
  await expect(page.locator('.leaflet-overlay-pane canvas')).toHaveCount(1);
  expect(await page.locator('.leaflet-overlay-pane path').count()).toBeLessThan(50);
  await expect(page.locator('.marker-cluster').first()).toBeVisible();
  // Zoom on Troyes: QPV contours appear; a click on one opens its popup with a link to its page.
  await page.evaluate(() => { window.atlasCarte.setView([48.2973, 4.0744], 13); });
  await expect(map).toHaveAttribute('data-zoom', '13');
  const shape = page.locator('.leaflet-overlay-pane path.leaflet-interactive').first();
  await expect(shape).toBeVisible();
  await shape.click({ force: true });
  const popup = page.locator('.leaflet-popup-content');
  await expect(popup).toContainText('Quartier prioritaire');
  await expect(popup.locator('a')).toHaveAttribute('href', /^\/qpv\/QN010/);
  await screenshot(page, testInfo, 'carte-troyes');
  // Full screen toggle.
  await page.getByRole('button', { name: 'Plein écran' }).click();
  await expect(page.locator('#carte-cadre')).toHaveClass(/plein-ecran/);
  await page.getByRole('button', { name: 'Quitter le plein écran' }).click();
  await expect(page.locator('#carte-cadre')).not.toHaveClass(/plein-ecran/);
});

test('QPV page: contour, Régies working there, neighbours', async ({ page }, testInfo) => {
  await page.goto('/qpv/QN01007I');
  await expect(page.locator('h1')).toHaveText('Jules Guesde');
  await expect(page.locator('figure.mini-map path.qpv-ici')).toHaveCount(1);
  await expect(page.locator('#regies-ici + ul li')).toHaveCount(1);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').innerText());
  expect(ld['@type']).toBe('Place');
  expect(ld.identifier).toBe('QN01007I');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Jules Guesde (QN01007I)');
  await screenshot(page, testInfo, 'qpv');
});
