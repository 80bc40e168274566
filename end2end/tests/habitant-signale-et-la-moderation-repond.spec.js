// Moderation on a phone and a computer: A comments an item; B, C and D each flag the comment
// with a reason, and the third flag hides it until review; A is told why on « Mes
// notifications »; the Régie's staff find it in their moderation queue and restore it; the QPV's
// public log shows both acts, by role and never by name; the charte is linked from the form.
// In English too, with axe clean on the new pages.
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, regieWithQpv, signIn } = require('./fixtures');

test('three flags hide a comment, its author is told, a moderator restores it, the public log shows both', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(150_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const { slug, qpv } = await regieWithQpv(request);
  const emails = ['ma', 'mb', 'mc', 'md', 'me'].map((p) => `${p}-${tag}@exemple.fr`);
  for (const [n, email] of emails.entries()) {
    const role = n === 4 ? ['--role', 'regie-editor', '--regie', slug] : [];
    cli(['users', 'add', email, ...role, '--pseudonym', `M${n} ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  }
  const context = () => browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize(), isMobile: phone, hasTouch: phone });

  // B posts an item; A comments it.
  const b = await (await context()).newPage();
  await signIn(b, emails[1]);
  await b.goto(`/participation/nouveau?etape=2&nature=signalement&categorie=proprete&qpv=${qpv}`);
  const title = `Tags sur le mur du gymnase ${tag}`;
  await b.getByLabel('Titre').fill(title);
  await b.getByLabel('Description').fill('De nouveaux tags sont apparus cette semaine.');
  await b.getByRole('button', { name: 'Publier' }).click();
  await expect(b.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const itemPath = new URL(b.url()).pathname;
  await signIn(page, emails[0]);
  await page.goto(itemPath);
  const said = `Je sais qui a fait ça, c'est le fils des voisins du 2e ${tag}`;
  await page.getByLabel('Votre commentaire').fill(said);
  // The charte is linked from the form.
  await expect(page.locator('#commentaires').getByRole('link', { name: /la charte de participation/ })).toBeVisible();
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(page.locator('#fil .comments')).toContainText(said);

  // B, C and D flag it, each with a reason; after the third it is hidden, awaiting review.
  for (const [n, reason] of [[1, 'données personnelles'], [2, 'données personnelles'], [3, 'propos blessants']]) {
    const who = n === 1 ? b : await (await context()).newPage();
    if (n !== 1) await signIn(who, emails[n]);
    await who.goto(itemPath);
    const comment = who.locator('.comment', { hasText: said });
    await comment.getByText('Signaler ce commentaire').click();
    await comment.getByLabel(new RegExp(reason)).check();
    if (n === 1) {
      await hydrated(who);
      expect(await seriousA11yViolations(who)).toEqual([]);
      await screenshot(who, testInfo, 'signaler-commentaire');
    }
    await comment.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect(who.locator('main').getByRole('status').first()).toContainText('votre signalement est enregistré');
  }
  await page.goto(itemPath);
  await expect(page.locator('#fil')).not.toContainText(said);
  await expect(page.locator('#fil')).toContainText('Masqué après 3 signalements (données personnelles (nom, visage, adresse, téléphone)), en attente de relecture.');

  // A is told why.
  await page.goto('/compte/notifications');
  await expect(page.locator('#notifications')).toContainText(`Votre commentaire sur « ${title} » a été masqué après 3 signalements (données personnelles`);

  // The staff's queue holds it, with its text; they restore it with a reason.
  const staff = await (await context()).newPage();
  await signIn(staff, emails[4]);
  await staff.goto('/participation/moderation');
  await expect(staff.getByRole('heading', { level: 1, name: 'File de modération' })).toBeVisible();
  const entry = staff.locator('#file li', { hasText: said });
  await expect(entry).toContainText('Signalements : données personnelles');
  await hydrated(staff);
  expect(await seriousA11yViolations(staff)).toEqual([]);
  await screenshot(staff, testInfo, 'file-de-moderation');
  const restore = entry.locator('details', { hasText: 'Rétablir ce contenu' });
  await restore.getByText('Rétablir ce contenu').click();
  await restore.getByLabel('Raison, affichée à sa place').fill('Aucune personne n\'est nommée : le commentaire reste.');
  await restore.getByRole('button', { name: 'Rétablir' }).click();
  await expect(staff.locator('main').getByRole('status')).toContainText('Acte de modération enregistré');
  // (Other journeys moderate in the same Régie's space at the same time: only this entry is checked.)
  await expect(staff.locator('#file li', { hasText: said })).toHaveCount(0);
  await page.goto(itemPath);
  await expect(page.locator('#fil .comments')).toContainText(said);

  // The public log, open to all: both acts, a role and no name.
  const anonymous = await (await context()).newPage();
  await anonymous.goto(itemPath);
  await anonymous.getByRole('link', { name: 'Journal de modération' }).click();
  await expect(anonymous.getByRole('heading', { level: 1, name: /^Journal de modération : / })).toBeVisible();
  const journal = anonymous.locator('#journal');
  await expect(journal.locator('li').filter({ hasText: 'Rétablit un commentaire' }).first()).toContainText('Aucune personne n\'est nommée');
  await expect(journal.locator('li').filter({ hasText: 'Rétablit un commentaire' }).first()).toContainText('L\'équipe de');
  await expect(journal.locator('li').filter({ hasText: 'Masque un commentaire en attendant la relecture' }).first()).toContainText('3 signalements d\'habitants');
  await expect(journal).not.toContainText(`M4 ${tag}`.slice(0, 30));
  await hydrated(anonymous);
  expect(await seriousA11yViolations(anonymous)).toEqual([]);
  await screenshot(anonymous, testInfo, 'journal-de-moderation');

  // The charte, and the log in English.
  await anonymous.goto('/participation/charte');
  await expect(anonymous.getByRole('heading', { level: 1, name: 'Charte de participation' })).toBeVisible();
  await expect(anonymous.locator('main')).toContainText('Après 3 signalements de personnes différentes');
  await anonymous.goto(`/en/participation/journal?qpv=${qpv}`);
  await expect(anonymous.getByRole('heading', { level: 1, name: /^Moderation log: / })).toBeVisible();
  await expect(anonymous.locator('#journal')).toContainText('Restores a comment');
  await expect(anonymous.locator('#journal')).toContainText('3 flags from inhabitants');
  await hydrated(anonymous);
  expect(await seriousA11yViolations(anonymous)).toEqual([]);
});
