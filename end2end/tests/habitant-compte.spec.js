// An habitant opens an account on a phone or a computer: signs up, reads the confirmation mail
// (the development mailbox, /dev/courriels), follows the link, sees their pseudonym in the header
// of every page, signs out, signs back in with a one-time link instead of a password, and finally
// deletes the account. The header stays one row on a phone, the links folded under « Menu ».
const { test, expect, hydrated, mailedLink, screenshot, seriousA11yViolations } = require('./fixtures');

test('sign up, confirm by mail, signed in everywhere, sign out, sign in by link, reset the password, delete', async ({ page, request }, testInfo) => {
  // A whole life of an account: four mails over SMTP (the sender polls every 2 s), five argon2
  // hashes. About 20 s alone, more while the other project runs: the 30 s default is too tight.
  test.slow();
  const who = `${testInfo.project.name}-${Date.now()}`;
  const email = `${who}@exemple.fr`;
  const pseudonym = `Habitant ${testInfo.project.name} ${Date.now() % 100000}`;

  await page.goto('/');
  await hydrated(page);
  const header = page.locator('header.site-header');
  if (testInfo.project.name === 'phone') {
    // One row and the search: the links wait under « Menu ».
    const box = await header.boundingBox();
    expect(box.height).toBeLessThanOrEqual(130);
    await expect(header.getByRole('link', { name: 'Annuaire des Régies' })).toBeHidden();
    await header.getByText('Menu').click();
    await expect(header.getByRole('link', { name: 'Annuaire des Régies' })).toBeVisible();
    await screenshot(page, testInfo, 'entete-menu-ouvert');
    await header.getByText('Menu').click();
  } else {
    await expect(header.getByRole('link', { name: 'Annuaire des Régies' })).toBeVisible();
  }
  await header.getByRole('link', { name: 'Connexion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Créer un compte' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A password in the common list is refused by the server, in French, the pseudonym kept.
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Pseudonyme').fill(pseudonym);
  await page.getByLabel('Mot de passe').fill('motdepasse2024');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.locator('main').getByRole('alert')).toContainText('ce mot de passe est trop courant');
  await expect(page.getByLabel('Pseudonyme')).toHaveValue(pseudonym);
  await screenshot(page, testInfo, 'inscription-refusee');

  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('les jardins de la cité fleurissent');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('un lien de confirmation vient de partir');

  const confirm = await mailedLink(request, email, 'Confirmez votre adresse');
  await page.goto(confirm);
  await page.getByRole('button', { name: 'Confirmer et me connecter' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('Votre adresse est confirmée');
  await expect(header.locator('.account-name')).toHaveText(pseudonym);
  await screenshot(page, testInfo, 'compte');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Another page: still signed in (the session lives in the database, the header says so).
  await page.goto('/regies');
  await hydrated(page);
  await expect(header.locator('.account-name')).toHaveText(pseudonym);
  // The header still reads « Atlas des Régies » whole (on two lines on a phone) beside the bell,
  // the account and the menu: on a phone the pseudonym is told to screen readers (the link's
  // name), not shown.
  const brand = header.locator('.brand span').last();
  expect(await brand.evaluate((e) => [e.scrollWidth <= e.clientWidth, e.scrollHeight <= e.clientHeight])).toEqual([true, true]);
  await expect(header.getByRole('link', { name: `Mon compte : ${pseudonym}` })).toBeVisible();

  // Signed out; then back in with a one-time link, no password.
  await header.locator('.account-link').click();
  await page.getByRole('button', { name: 'Me déconnecter', exact: true }).click();
  await expect(header.getByRole('link', { name: 'Connexion' })).toBeVisible();
  await page.goto('/compte/connexion');
  await page.locator('#lien-email').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('un lien de connexion vient de lui être envoyé');
  const link = await mailedLink(request, email, 'Votre lien de connexion');
  await page.goto(link);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await expect(header.locator('.account-name')).toHaveText(pseudonym);

  // The development mailbox shows the same mails with their links.
  await page.goto('/dev/courriels');
  await expect(page.locator('article.dev-mail', { hasText: email }).first()).toContainText('Votre lien de connexion');

  // Signed out everywhere, then a forgotten password: chosen again from the mail.
  await page.goto('/compte');
  await page.getByRole('button', { name: 'Me déconnecter de tous mes appareils' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('Vous êtes déconnecté de tous vos appareils');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('un lien vient de lui être envoyé');
  const reset = await mailedLink(request, email, 'Choisissez votre mot de passe');
  await page.goto(reset);
  await page.getByLabel('Nouveau mot de passe').fill('azertyuiop123');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  // Refused next to its field, the link still usable.
  await expect(page.locator('main').getByRole('alert')).toContainText('ce mot de passe est trop courant');
  await expect(page.getByLabel('Nouveau mot de passe')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Nouveau mot de passe').fill('un autre jardin pour le quartier');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('Mot de passe changé');

  // My data, as a file.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger mes données' }).click();
  const file = await download;
  const data = JSON.parse(require('fs').readFileSync(await file.path(), 'utf8'));
  expect(data.compte.email).toBe(email);
  expect(data.compte.pseudonym).toBe(pseudonym);

  // Deleted, after saying what happens and ticking the box.
  await expect(page.locator('#supprimer ~ p').first()).toContainText('Vos contributions publiques restent visibles');
  await page.getByLabel('Je veux supprimer mon compte').check();
  await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('Votre compte est supprimé');
  await expect(header.getByRole('link', { name: 'Connexion' })).toBeVisible();
});

test('the privacy page says what is kept and for how long', async ({ page }) => {
  await page.goto('/confidentialite');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vos données personnelles');
  for (const words of ['effacé au bout de 7 jours', '7 jours sans visite', 'effacés au bout d’un jour'.replace('’', "'"), 'effacés au bout de 30 jours']) {
    await expect(page.locator('main')).toContainText(words);
  }
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto('/en/confidentialite');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your personal data');
});

test('ten wrong passwords: the wait is said, and the right password waits too', async ({ page, request }, testInfo) => {
  // Ten sign-ins, each through argon2id on a 2-core machine shared with the other worker.
  test.slow();
  const email = `essais-${testInfo.project.name}-${Date.now()}@exemple.fr`;
  // An account to guess at, opened and confirmed as anyone would.
  await page.goto('/compte/inscription');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Pseudonyme').fill(`Essais ${testInfo.project.name} ${Date.now() % 100000}`);
  await page.getByLabel('Mot de passe').fill('la bonne phrase de passe');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.goto(await mailedLink(request, email, 'Confirmez votre adresse'));
  await page.getByRole('button', { name: 'Confirmer et me connecter' }).click();
  await page.getByRole('button', { name: 'Me déconnecter', exact: true }).click();

  for (let i = 0; i < 10; i += 1) {
    await page.goto('/compte/connexion');
    await page.locator('#connexion-email').fill(email);
    await page.locator('#connexion-mot-de-passe').fill(`mauvais essai ${i}`);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await expect(page.locator('main').getByRole('alert')).toBeVisible();
  }
  await expect(page.locator('main').getByRole('alert')).toContainText('trop de tentatives');
  await expect(page.locator('main').getByRole('alert')).toContainText('15 min');
  await page.locator('#connexion-email').fill(email);
  await page.locator('#connexion-mot-de-passe').fill('la bonne phrase de passe');
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expect(page.locator('main').getByRole('alert')).toContainText('trop de tentatives');
  await expect(page.locator('header .account-link')).toContainText('Connexion');
});
