// Preparing a report on a phone and a computer, with what JavaScript adds to the plain forms:
// the point placed by a tap on the map (the QPV found from it, a point at sea refused), the text
// kept on the device through a reload and a sign-in, then on the server (« Garder le brouillon »)
// and put back on another device, a 12-megapixel phone photo shrunk in the browser before
// sending; then the item's page and the QPV's list show their maps. In English too, axe clean.
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, signIn } = require('./fixtures');

const DRAFT_KEY = 'atlas:brouillon:participation';

// A QPV covered by a Régie whose centre lies inside its outline (so that a tap there finds it),
// with that centre, read from the form's map.
async function qpvWithCentreInside(request) {
  const slugs = [...(await (await request.get('/regies')).text()).matchAll(/href="\/regies\/([a-z0-9-]+)"/g)].map((m) => m[1]);
  for (const slug of slugs) {
    const page = await (await request.get(`/regies/${slug}`)).text();
    for (const m of page.matchAll(/class="code">(Q[A-Z0-9]+)/g)) {
      const form = await (await request.get(`/participation/nouveau?qpv=${m[1]}`)).text();
      const centre = (form.match(/data-centre="([-0-9.]+),([-0-9.]+)"/) || []).slice(1).map(Number);
      if (centre.length !== 2) continue;
      const found = await (await request.get(`/api/v1/locate?lat=${centre[0]}&lon=${centre[1]}&limit=1`)).json();
      if (found.qpv && found.qpv.code === m[1]) return { code: m[1], name: found.qpv.nom, centre };
    }
  }
  throw new Error('no QPV whose centre is inside it');
}

// A 4,000 × 3,000 JPEG made in the page (a phone camera's size), put in the file field as a
// person choosing it would: answers its size in bytes.
async function choosePhonePhoto(page, selector) {
  return page.evaluate(async (selector) => {
    const [w, h] = [4000, 3000];
    const canvas = document.createElement('canvas');
    canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(w, h);
    let seed = 7;
    for (let i = 0, p = 0; i < image.data.length; i += 4, p++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const x = p % w, y = (p / w) | 0, grain = seed >>> 27;
      image.data[i] = (x >> 4) + grain; image.data[i + 1] = (y >> 4) + grain; image.data[i + 2] = 140 + grain; image.data[i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    const input = document.querySelector(selector);
    const files = new DataTransfer();
    files.items.add(new File([blob], 'IMG_20261204_101512.jpg', { type: 'image/jpeg' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return blob.size;
  }, selector);
}

test('a report placed on the map, its draft kept across a reload, a sign-in and devices, its photo shrunk before sending', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(150_000);
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const email = `chloe-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--pseudonym', `Chloé ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  const qpv = await qpvWithCentreInside(request);

  // Step 1, not signed in yet: the map, centred on the QPV; a point at sea is refused, a tap in
  // the QPV places the point there.
  await page.goto(`/participation/nouveau?qpv=${qpv.code}`);
  await hydrated(page);
  const map = page.locator('#participation-carte');
  await expect(map).toHaveAttribute('data-ready', '1');
  await expect(page.locator('.participation-map')).toBeVisible();
  await page.evaluate(() => window.atlasParticipationCarte.setView([46.2, -3.5], 15, { animate: false }));
  await page.getByRole('button', { name: 'Placer le point au centre de la carte' }).click();
  await expect(page.locator('#point-etat')).toHaveText('Ce point n\'est dans aucun quartier prioritaire : choisissez un point dans un QPV.');
  await expect(page.locator('#point-lat')).toHaveValue('');
  await page.evaluate((c) => window.atlasParticipationCarte.setView(c, 16, { animate: false }), qpv.centre);
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.locator('#point-etat')).toHaveText(`Point placé dans le quartier ${qpv.name}.`);
  await expect(page.locator('#point-qpv')).toHaveValue(qpv.code);
  const lat = Number(await page.locator('#point-lat').inputValue());
  expect(Math.abs(lat - qpv.centre[0])).toBeLessThan(0.001);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'participation-carte-point');
  await page.getByLabel('Signaler un problème à régler').check();
  await page.getByLabel('Catégorie').selectOption('encombrants');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByRole('heading', { name: 'Étape 2 sur 2 : décrire' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('lat')).toBe(lat.toFixed(6));

  // What is typed survives a reload, on this device.
  const title = `Matelas sur le trottoir ${tag}`.slice(0, 60);
  const text = 'Un matelas et deux chaises devant l’entrée du 8 depuis samedi.';
  await hydrated(page);
  // The step's script keeps the draft once it has run (`data-ready`); after the client-side
  // navigation to this step it may come a moment after the heading (once in ~300 runs it had not).
  await expect(page.locator('#depot')).toHaveAttribute('data-ready', '1');
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Description').fill(text);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Titre')).toHaveValue(title);
  await expect(page.getByLabel('Description')).toHaveValue(text);
  await expect(page.locator('#brouillon-appareil')).toContainText('Brouillon repris de cet appareil.');

  // Signed in, still there; kept on the server, then found on another device.
  const form = page.url();
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await page.goto(form);
  await hydrated(page);
  await expect(page.getByLabel('Titre')).toHaveValue(title);
  await page.getByRole('button', { name: 'Garder le brouillon' }).click();
  await expect(page.locator('#brouillon-garde')).toContainText('Brouillon gardé');
  await expect(page.getByLabel('Description')).toHaveValue(text);
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize() });
  const elsewhere = await other.newPage();
  await signIn(elsewhere, email);
  await elsewhere.goto('/participation/nouveau');
  await hydrated(elsewhere);
  await expect(elsewhere.locator('#brouillon-ailleurs')).toContainText(`Vous avez un brouillon : « ${title} »`);
  // The link is followed as a page load (`rel="external"`): the router's in-page navigation kept
  // the first screen.
  await elsewhere.getByRole('link', { name: 'Le reprendre' }).click();
  await expect(elsewhere.getByLabel('Titre')).toHaveValue(title);
  await expect(elsewhere.locator('#brouillon-repris')).toContainText('Brouillon repris');
  await other.close();

  // A phone photo, shrunk by the browser before it leaves.
  await hydrated(page);
  const original = await choosePhonePhoto(page, '#nouveau-photo-1');
  const input = page.locator('#nouveau-photo-1');
  await expect(input).toHaveAttribute('data-reduction', 'faite', { timeout: 20_000 });
  const sent = await input.evaluate((el) => el.files[0].size);
  expect(sent).toBeLessThan(original);
  await expect(page.locator('#nouveau-photo-1-reduite')).toContainText('1600 × 1200 px');
  console.log(`${testInfo.project.name}: photo de 4000 × 3000 px, ${Math.round(original / 1024)} Ko choisis, ${Math.round(sent / 1024)} Ko envoyés`);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'participation-photo-reduite');
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The item's page: its point on a map, its photo; the device's draft is done with.
  await hydrated(page);
  await expect(page.locator('#participation-carte')).toHaveAttribute('data-markers', '1');
  expect(await page.evaluate((key) => window.localStorage.getItem(key), DRAFT_KEY)).toBeNull();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'participation-element-carte');

  // The QPV's list: its items on a map.
  await page.goto(`/participation?qpv=${qpv.code}`);
  await hydrated(page);
  await expect(page.locator('#elements')).toContainText(title);
  await expect.poll(async () => Number(await page.locator('#participation-carte').getAttribute('data-markers'))).toBeGreaterThanOrEqual(1);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'participation-liste-carte');

  // In English.
  await page.goto(`/en/participation/nouveau?qpv=${qpv.code}`);
  await hydrated(page);
  await expect(page.getByRole('button', { name: 'Put the point at the centre of the map' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
