// A Régie's administrator, made with the documented command (`server users add`), invites a
// colleague from /compte; the colleague follows the mailed link (real SMTP, the test's sink) on
// their own device, chooses a pseudonym and is in the team; the administrator takes them out.
// Then a network administrator with a second factor (`server users totp`) signs in with the
// password and the code of an authenticator app (computed here, RFC 6238).
const crypto = require('crypto');
const { test, expect, hydrated, mailedLink, screenshot, seriousA11yViolations, PASSWORD, cli, signIn } = require('./fixtures');

// The code an authenticator app shows now for a base32 secret (RFC 6238: SHA-1, 30 s, 6 digits).
function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

test('a Régie administrator invites a colleague, who joins from the mail, then is taken out', async ({ page, browser, request }, testInfo) => {
  test.slow();
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const admin = `admin-${tag}@exemple.fr`;
  const colleague = `collegue-${tag}@exemple.fr`;
  // A real Régie of the directory.
  const regie = (await (await request.get('/regies')).text()).match(/href="\/regies\/([a-z0-9-]+)"/)[1];
  cli(['users', 'add', admin, '--role', 'regie-admin', '--regie', regie, '--pseudonym', `Admin ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);

  await signIn(page, admin);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  const team = page.locator('section', { has: page.getByRole('heading', { name: /^Équipe de / }) });
  await expect(team).toContainText(`Admin ${tag}`.slice(0, 30));
  await team.getByLabel('Adresse e-mail').fill(colleague);
  await team.getByLabel('Rôle').selectOption('editeur');
  await team.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.locator('main').getByRole('status')).toContainText("L'invitation est partie");
  await expect(team).toContainText(colleague);
  await screenshot(page, testInfo, 'equipe-invitation-envoyee');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The colleague, on their own device, follows the link.
  const other = await browser.newContext({ viewport: page.viewportSize() });
  const theirs = await other.newPage();
  await theirs.goto(await mailedLink(request, colleague, 'Invitation à l’équipe'.replace('’', "'")));
  await hydrated(theirs);
  await expect(theirs.getByRole('heading', { level: 1, name: 'Invitation à une équipe' })).toBeVisible();
  await expect(theirs.locator('main')).toContainText('comme Éditeur ou éditrice');
  expect(await seriousA11yViolations(theirs)).toEqual([]);
  await theirs.getByLabel('Pseudonyme').fill(`Collègue ${tag}`.slice(0, 30));
  await screenshot(theirs, testInfo, 'equipe-invitation-acceptee');
  await theirs.getByRole('button', { name: "Accepter l'invitation" }).click();
  await expect(theirs.locator('main').getByRole('status')).toContainText("Bienvenue dans l'équipe");
  await expect(theirs.locator('main')).toContainText('Éditeur ou éditrice :');

  // Taken out: their next page shows no role in the Régie.
  await page.reload();
  await team.locator('li', { hasText: colleague }).getByRole('button', { name: /Retirer de l'équipe/ }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('ne fait plus partie');
  await theirs.reload();
  await expect(theirs.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await expect(theirs.locator('main')).not.toContainText('Éditeur ou éditrice :');
  await other.close();
});

test('a network administrator with a second factor gives the code after the password', async ({ page }, testInfo) => {
  const admin = `reseau-${testInfo.project.name}-${Date.now()}@exemple.fr`;
  cli(['users', 'add', admin, '--role', 'network-admin', '--pseudonym', `Réseau ${testInfo.project.name}`, '--password-stdin'], `${PASSWORD}\n`);
  const printed = cli(['users', 'totp', admin]);
  const secret = printed.split('\n').find((l) => /^[A-Z2-7]{16,}$/.test(l));
  expect(secret).toBeTruthy();

  await signIn(page, admin);
  await expect(page.getByRole('heading', { level: 1, name: 'Code de vérification' })).toBeVisible();
  await expect(page.locator('header .account-name')).toHaveText('Connexion');
  await page.getByLabel('Code à 6 chiffres').fill('000000');
  await page.getByRole('button', { name: 'Valider le code' }).click();
  await expect(page.locator('main').getByRole('alert')).toContainText('code incorrect ou déjà utilisé');
  await screenshot(page, testInfo, 'second-facteur-refuse');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel('Code à 6 chiffres').fill(totp(secret));
  await page.getByRole('button', { name: 'Valider le code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await expect(page.locator('header .account-name')).toHaveText(`Réseau ${testInfo.project.name}`);
  await expect(page.locator('main')).toContainText('Administrateur du réseau');
});
