// A Régie's éditrice places its pin on the map of her entry's form, from a phone or a computer:
// a tap on the map moves the pin and fills the latitude and longitude (the fields stay the
// keyboard's way), the page says where the pin is, and once saved the public map's pin is there.
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, signIn, untouchedRegie } = require('./fixtures');

test('an éditrice places her Régie\'s pin with a tap on the map', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const slug = await untouchedRegie(request, phone ? 16 : 17);
  const email = `epingle-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Épingle ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, email);

  await page.goto(`/gestion/${slug}`);
  await hydrated(page);
  const map = page.locator('#fiche-carte');
  await expect(map).toHaveAttribute('data-ready', '1');
  await expect(page.locator('.pin-map')).toBeVisible();
  const lat = Number((await page.locator('#fiche-lat').inputValue()).replace(',', '.'));
  const lon = Number((await page.locator('#fiche-lon').inputValue()).replace(',', '.'));

  // A tap up and to the right of the pin (the map is centred on it): north-east of it.
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width / 2 + 60, y: box.height / 2 - 40 } });
  await expect(page.locator('#epingle-etat')).toContainText('Épingle placée');
  const newLat = Number(await page.locator('#fiche-lat').inputValue());
  const newLon = Number(await page.locator('#fiche-lon').inputValue());
  expect(newLat).toBeGreaterThan(lat);
  expect(newLon).toBeGreaterThan(lon);
  // Zoom 16: 60 px are some 100 m, well inside the commune.
  expect(newLat - lat).toBeLessThan(0.01);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'gestion-epingle');

  await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
  await expect(page.locator('main .notice.ok')).toContainText(/Fiche enregistrée : version \d+/);
  const geojson = await (await request.get('/api/v1/carte/regies.geojson')).json();
  const pin = geojson.features.find((f) => f.properties.slug === slug);
  expect(pin.geometry.coordinates[1]).toBeCloseTo(newLat, 5);
  expect(pin.geometry.coordinates[0]).toBeCloseTo(newLon, 5);
});
