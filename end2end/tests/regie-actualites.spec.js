// A Régie's éditrice presents her Régie from a phone or a computer. A short news post: from the
// entry's page she opens « Actualités »; a title too short comes back next to its input with what
// she typed; then the post is published, listed in her page, and shown on the Régie's public page
// with its date; taken out, it leaves the public page. Its logo: a file that is no image is
// refused under the input, a PNG is shown beside the Régie's name, then taken out.
const { test, expect, hydrated, png, screenshot, seriousA11yViolations, PASSWORD, cli, signIn, untouchedRegie } = require('./fixtures');

test('an éditrice publishes a news post on her Régie\'s page, then takes it out', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const slug = await untouchedRegie(request, phone ? 20 : 21);
  const email = `actualites-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Actualités ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, email);

  await page.goto(`/gestion/${slug}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Actualités', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/gestion/${slug}/actualites$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Actualités');
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Too short a title: the reason under its input, the text kept, nothing published.
  await page.getByLabel('Titre').fill('Ok');
  await page.getByLabel('Texte').fill('Le chantier du square commence lundi.\nVenez nous voir.');
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.locator('#fiche-titre-erreur')).toContainText('le titre compte de 3 à 120 caractères');
  await expect(page.getByLabel('Titre')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Texte')).toHaveValue('Le chantier du square commence lundi.\nVenez nous voir.');
  await expect(page.getByText('Aucune actualité publiée pour l\'instant.')).toBeVisible();
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'actualite-refusee');

  // Published: listed here, then on the public page, each line a paragraph.
  const title = `Chantier du square ${tag}`;
  await page.getByLabel('Titre').fill(title);
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.locator('.notice.ok')).toContainText('C\'est publié');
  await expect(page.locator('.news-posts').getByRole('heading', { name: title })).toBeVisible();
  await screenshot(page, testInfo, 'actualite-publiee');
  await page.goto(`/regies/${slug}`);
  const news = page.locator('div.news');
  await expect(news.getByRole('heading', { level: 2 })).toHaveText('Actualités');
  const post = news.locator('article').filter({ has: page.getByRole('heading', { name: title }) });
  await expect(post.locator('p')).toHaveText([/^\d{2}\/\d{2}\/\d{4}$/, 'Le chantier du square commence lundi.', 'Venez nous voir.']);
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'actualite-page-publique');

  // Taken out: gone from the public page.
  await page.goto(`/gestion/${slug}/actualites`);
  await hydrated(page);
  await page.getByRole('button', { name: `Retirer « ${title} »` }).click();
  await expect(page.locator('.notice.ok')).toContainText('retirée');
  await page.goto(`/regies/${slug}`);
  await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
});

test('an éditrice sends her Régie\'s logo, shown beside its name', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const slug = await untouchedRegie(request, phone ? 22 : 23);
  const email = `logo-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Logo ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, email);

  await page.goto(`/gestion/${slug}`);
  await expect(page.getByRole('heading', { name: 'Logo ou photo' })).toBeVisible();
  // Not an image: refused under the input, nothing shown.
  await page.getByLabel('Une nouvelle image').setInputFiles({ name: 'logo.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 pas une image') });
  await page.getByRole('button', { name: 'Envoyer l\'image' }).click();
  await expect(page.locator('#logo-erreur')).toContainText('l\'image doit être au format JPEG, PNG ou WebP');
  await expect(page.getByLabel('Une nouvelle image')).toHaveAttribute('aria-invalid', 'true');
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A PNG: shown here as the Régie's image, and on the public page beside the name.
  await page.getByLabel('Une nouvelle image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(600, 300) });
  await page.getByRole('button', { name: 'Envoyer l\'image' }).click();
  await expect(page.locator('.notice.ok')).toContainText('L\'image est enregistrée');
  await expect(page.getByRole('img', { name: 'L\'image de la Régie aujourd\'hui' })).toBeVisible();
  await screenshot(page, testInfo, 'logo-envoye');
  await page.goto(`/regies/${slug}`);
  const logo = page.locator('img.regie-logo');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img) => img.complete && img.naturalWidth)).toBe(400);
  const box = await logo.boundingBox();
  expect(box.width).toBeLessThanOrEqual(160 + 1);
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'logo-page-publique');

  // Taken out: the public page shows none.
  await page.goto(`/gestion/${slug}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Retirer l\'image' }).click();
  await expect(page.locator('.notice.ok')).toContainText('retirée');
  await page.goto(`/regies/${slug}`);
  await expect(page.locator('img.regie-logo')).toHaveCount(0);
});
