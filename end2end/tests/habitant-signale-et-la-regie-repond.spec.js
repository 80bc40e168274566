// Participation on a phone and a computer: A (signed up through the test's SMTP sink) goes from
// a QPV's page to « Signaler », posts with a photo that carries GPS EXIF (the served photo has
// none, and is at most 1,600 px); B starts the same report, is shown A's item as the same and
// taps « Moi aussi » instead, then comments; the Régie's staff answer « en cours » with a
// template, the history shows it and the answer clock counts it; after « réalisé » B says it
// is still an issue; the staff file an item for an inhabitant met at a permanence. In English
// too, with axe clean on every new page.
const { test, expect, hydrated, mailedLink, png, screenshot, seriousA11yViolations, PASSWORD, cli, regieWithQpv, signIn: signInWith } = require('./fixtures');

// A 2,000 × 1,500 PNG as a phone app saves it, with an EXIF block (eXIf) saying where it was
// taken (a GPS IFD: latitude north).
function photoWithGps() {
  const tiff = Buffer.from([
    0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0,
    1, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0x01, 0x00, 2, 0, 2, 0, 0, 0, 0x4e, 0, 0, 0, 0, 0, 0, 0,
  ]);
  return png(2000, 1500, [['eXIf', tiff]]);
}

// Width and height of a JPEG, from its frame header.
function jpegSize(buf) {
  for (let i = 2; i < buf.length - 8; i++) {
    if (buf[i] === 0xff && (buf[i + 1] === 0xc0 || buf[i + 1] === 0xc2)) return [buf.readUInt16BE(i + 7), buf.readUInt16BE(i + 5)];
  }
  return null;
}

async function signIn(page, email) {
  await signInWith(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
}

test('an habitant reports with a photo, another joins in, the Régie answers, a permanence files for someone', async ({ page, browser, request }, testInfo) => {
  // Three people, a dozen pages, mails over SMTP, a photo to shrink: about a minute alone.
  test.setTimeout(180_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const { slug, qpv } = await regieWithQpv(request);
  const staffEmail = `equipe-${tag}@exemple.fr`;
  const bEmail = `b-${tag}@exemple.fr`;
  cli(['users', 'add', staffEmail, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Équipe ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  cli(['users', 'add', bEmail, '--pseudonym', `Bruno ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);

  // A signs up and confirms through the mail.
  const aEmail = `a-${tag}@exemple.fr`;
  await page.goto('/compte/inscription');
  await page.getByLabel('Adresse e-mail').fill(aEmail);
  await page.getByLabel('Pseudonyme').fill(`Amina ${tag}`.slice(0, 30));
  await page.getByLabel('Mot de passe').fill('les jardins de la cité fleurissent');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.goto(await mailedLink(request, aEmail, 'Confirmez votre adresse'));
  await page.getByRole('button', { name: 'Confirmer et me connecter' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('Votre adresse est confirmée');

  // From the QPV's page, two short screens.
  await page.goto(`/qpv/${qpv}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Signaler ou proposer dans ce quartier' }).click();
  await expect(page.getByRole('heading', { name: 'Étape 1 sur 2 : quoi et où' })).toBeVisible();
  await hydrated(page);
  await expect(page).toHaveTitle(/./);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel('Signaler un problème à régler').check();
  await page.getByLabel('Catégorie').selectOption('degradation');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByRole('heading', { name: 'Étape 2 sur 2 : décrire' })).toBeVisible();
  const title = `Banc cassé ${tag}`;
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Description').fill('Le banc près de l’aire de jeux est cassé depuis le week-end.');
  await page.locator('#nouveau-photo-1').setInputFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: photoWithGps() });
  await expect(page.locator('main')).toContainText('Votre adresse e-mail n’est montrée à personne'.replace('’', "'"));
  await hydrated(page);
  await expect(page).toHaveTitle(/./);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'participation-etape-2');
  // The browser may be shrinking the photo (public/js/participation.js): sent once it is done.
  await expect(page.locator('#nouveau-photo-1')).not.toHaveAttribute('data-reduction', 'en-cours');
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('main').getByRole('status')).toContainText('Merci : c\'est publié');
  const itemPath = new URL(page.url()).pathname;
  const thumb = page.locator('.photos img').first();
  await expect(thumb).toBeVisible();
  const full = await page.locator('.photos a').first().getAttribute('href');
  const photo = await (await request.get(full)).body();
  expect(photo.includes(Buffer.from('Exif')) || photo.includes(Buffer.from('eXIf'))).toBe(false);
  expect(jpegSize(photo)).toEqual([1600, 1200]);
  await hydrated(page);
  await hydrated(page);
  await expect(page).toHaveTitle(/./);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'participation-element');

  // On the QPV's list and the Régie's (with its answer clock).
  await page.goto(`/participation?qpv=${qpv}`);
  await expect(page.locator('#elements')).toContainText(title);
  await hydrated(page);
  await expect(page).toHaveTitle(/./);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto(`/participation?regie=${slug}`);
  await expect(page.locator('#elements')).toContainText(title);
  await expect(page.locator('.answer-clock')).toBeVisible();

  // B starts the same report: A's item is shown as the same; « Moi aussi » instead.
  const bContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize(), isMobile: phone, hasTouch: phone });
  const b = await bContext.newPage();
  await signIn(b, bEmail);
  await b.goto(`/participation/nouveau?qpv=${qpv}`);
  await b.getByLabel('Signaler un problème à régler').check();
  await b.getByLabel('Catégorie').selectOption('degradation');
  await b.getByRole('button', { name: 'Continuer' }).click();
  await expect(b.getByRole('heading', { name: 'C\'est le même ?' })).toBeVisible();
  await screenshot(b, testInfo, 'participation-le-meme');
  await b.getByRole('button', { name: `Moi aussi — ${title}` }).click();
  await expect(b.locator('#soutiens')).toContainText('1 soutien');
  const withdraw = b.getByRole('button', { name: 'Retirer mon soutien' });
  await expect(withdraw).toBeVisible();
  if (phone) {
    // Within thumb reach: the bar stays at the bottom of the screen. The page came back at « #soutien »:
    // the browser may scroll to that anchor again once the photo is laid out, so the top is asked for until it holds.
    await b.waitForLoadState('load');
    await hydrated(b);
    await expect.poll(async () => {
      await b.evaluate(() => window.scrollTo(0, 0));
      const box = await b.locator('#soutien').boundingBox();
      return box.y > 844 / 2 && box.y + box.height <= 844 + 1;
    }).toBe(true);
  }
  await b.getByLabel('Votre commentaire').fill('Pareil devant le 14, un autre banc.');
  await b.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(b.locator('.comments')).toContainText('Pareil devant le 14');

  // The Régie's staff: a template, then « en cours » with it.
  const sContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize() });
  const staff = await sContext.newPage();
  await signIn(staff, staffEmail);
  // The team starts from its Régie's page: what waits, counted, a few listed (the oldest first:
  // other tests' reports may come before this one), each a link to its item.
  await staff.goto(`/gestion/${slug}`);
  const waiting = staff.getByRole('heading', { level: 3, name: /^Signalements et propositions des habitants \(\d+ à traiter\)$/ });
  await expect(waiting).toBeVisible();
  const lines = staff.locator('#a-repondre + ul.waiting-list li a');
  expect(await lines.count()).toBeGreaterThan(0);
  expect(await lines.count()).toBeLessThanOrEqual(5);
  expect(await lines.first().getAttribute('href')).toMatch(/^\/participation\/\d+$/);
  await expect(staff.getByRole('link', { name: 'Tous les signalements et propositions de la Régie' })).toHaveAttribute('href', `/participation?regie=${slug}`);
  await hydrated(staff);
  expect(await seriousA11yViolations(staff)).toEqual([]);
  await screenshot(staff, testInfo, 'gestion-quotidien');
  await staff.goto(itemPath);
  await staff.getByText('Ajouter un modèle de réponse').click();
  await staff.getByLabel('Nom du modèle').fill('Passage de l’équipe');
  await staff.getByLabel('Texte du modèle').fill('Notre équipe passe cette semaine pour regarder.');
  await staff.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(staff.locator('main').getByRole('status')).toContainText('C\'est enregistré');
  await staff.getByLabel('Nouveau statut').selectOption('en-cours');
  await staff.getByLabel('Ou un modèle de réponse de la Régie').selectOption({ label: 'Passage de l’équipe' });
  await staff.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(staff.locator('#statut')).toHaveText('En cours');
  await expect(staff.locator('.history')).toContainText('Notre équipe passe cette semaine pour regarder.');
  await hydrated(staff);
  await expect(staff).toHaveTitle(/./);
  expect(await seriousA11yViolations(staff)).toEqual([]);
  await screenshot(staff, testInfo, 'participation-reponse-regie');
  await staff.goto(`/participation?regie=${slug}`);
  await expect(staff.locator('#delai-texte')).toContainText('100 %');

  // « Réalisé », then B says it is still an issue.
  await staff.goto(itemPath);
  await staff.getByLabel('Nouveau statut').selectOption('realise');
  await staff.getByLabel('Message aux habitants (obligatoire pour « non retenu »)').fill('Banc remplacé ce matin.');
  await staff.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(staff.locator('#statut')).toHaveText('Réalisé');
  await b.goto(itemPath);
  await expect(b.getByRole('heading', { name: 'Toujours d\'actualité ?' })).toBeVisible();
  await b.locator('#rouvrir-texte').fill('Le nouveau banc est déjà bancal.');
  await b.getByRole('button', { name: 'Rouvrir' }).click();
  await expect(b.locator('#statut')).toHaveText('Toujours d\'actualité');

  // At a permanence: the staff file a proposition for an inhabitant who agreed.
  await staff.goto(`/participation/nouveau?qpv=${qpv}`);
  await staff.getByLabel('Proposer une idée pour le quartier').check();
  await staff.getByLabel('Catégorie').selectOption('jardin');
  await staff.getByRole('button', { name: 'Continuer' }).click();
  await staff.getByLabel('Titre').fill(`Un jardin partagé ${tag}`);
  await staff.getByLabel('Description').fill('Proposé par une habitante rencontrée à la permanence du mardi.');
  await staff.getByLabel('Déposer au nom de').check();
  await staff.getByLabel('La personne a donné son accord pour ce dépôt').check();
  await staff.getByRole('button', { name: 'Publier' }).click();
  await expect(staff.locator('main')).toContainText('pour un habitant, qui a donné son accord');
  await expect(staff.locator('#code-habitant')).toContainText(/[A-Z2-9]{5}-[A-Z2-9]{5}/);
  await screenshot(staff, testInfo, 'participation-permanence');

  // The claim page, and the item in English.
  await page.goto('/participation/reclamer');
  await expect(page.getByRole('heading', { level: 1, name: 'Un dépôt fait pour vous' })).toBeVisible();
  await hydrated(page);
  await expect(page).toHaveTitle(/./);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto(`/en${itemPath}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  await expect(page.locator('#statut')).toHaveText('Still an issue');
  await hydrated(page);
  await expect(page).toHaveTitle(/./);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto('/en/participation');
  await expect(page.getByRole('heading', { level: 1, name: 'Participation' })).toBeVisible();
  await hydrated(page);
  await expect(page).toHaveTitle(/./);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await bContext.close();
  await sContext.close();
});
