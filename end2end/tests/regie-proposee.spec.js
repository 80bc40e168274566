// Someone who works in a Régie the Atlas does not list proposes it from her account, on a phone
// or a computer: a name too short comes back next to its field with what she typed; sent, she is
// thanked and nothing public is written; the network sees it on /reseau with her message and
// refuses it; she is told by mail. (Accepting writes a Régie, which the other browser tests must
// not see move their directory: tests/regie_proposals.rs accepts one through the real router.)
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, signIn } = require('./fixtures');

test('a person proposes her Régie, the network refuses it, she is mailed', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(90_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const person = `proposition-${tag}@exemple.fr`;
  const network = `reseau-prop-${tag}@exemple.fr`;
  cli(['users', 'add', person, '--pseudonym', `Prop ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  cli(['users', 'add', network, '--role', 'network-admin', '--pseudonym', `Réseau P ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  const name = `Régie de Quartier Essai ${tag}`;

  // From her account, the way in.
  await signIn(page, person);
  await expect(page).toHaveURL(/\/compte$/);
  await page.getByRole('link', { name: /Votre Régie n'est pas dans l'Atlas \? Proposez-la/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Proposer une Régie' })).toBeVisible();
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A name too short: the reason under its field, her message kept.
  await page.getByLabel('Nom', { exact: true }).fill('R');
  await page.getByRole('textbox', { name: 'Code postal', exact: true }).fill(phone ? '46000' : '32000');
  await page.getByLabel('Votre message au réseau (facultatif)').fill(`Je suis la coordinatrice ${tag}.`);
  await page.getByRole('button', { name: 'Proposer la Régie' }).click();
  await expect(page.locator('#fiche-nom-erreur')).toContainText('le nom compte de 3 à 150 caractères');
  await expect(page.getByLabel('Nom', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Votre message au réseau (facultatif)')).toHaveValue(`Je suis la coordinatrice ${tag}.`);
  await screenshot(page, testInfo, 'proposition-erreur');

  // Sent: she is thanked, and the directory does not list it.
  await page.getByLabel('Nom', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Proposer la Régie' }).click();
  await expect(page.locator('main .notice.ok')).toContainText('Merci : votre proposition est transmise au réseau.');
  // Her account says it waits.
  await page.getByRole('link', { name: 'Mon compte' }).first().click();
  await expect(page.locator('.gestion-regies')).toContainText(`Votre proposition « ${name} » attend la réponse du réseau`);
  // (The page repeats what was searched: the Régie's whole name is what it must not show.)
  const directory = await (await request.get(`/regies?q=${encodeURIComponent(tag)}`)).text();
  expect(directory).not.toContain(name);

  // The network sees it with her message, and refuses it.
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize(), isMobile: phone, hasTouch: phone });
  const reseau = await context.newPage();
  await signIn(reseau, network);
  await reseau.goto('/reseau#propositions');
  const proposal = reseau.locator('li.claim', { hasText: name });
  await expect(proposal).toContainText(`Je suis la coordinatrice ${tag}.`);
  await expect(proposal).toContainText(person);
  await hydrated(reseau);
  expect(await seriousA11yViolations(reseau)).toEqual([]);
  await screenshot(reseau, testInfo, 'reseau-propositions');
  await proposal.getByRole('button', { name: 'Refuser' }).click();
  await expect(reseau.locator('main .notice.ok')).toContainText('Proposition refusée');
  await expect(reseau.locator('li.claim', { hasText: name })).toHaveCount(0);
  await context.close();

  // She is told by mail, over SMTP.
  await expect.poll(async () => {
    const mails = await (await request.get(process.env.ATLAS_E2E_MAILS)).json();
    return mails.some((m) => m.to.includes(person) && m.subject.includes(`Proposition non retenue : ${name}`));
  }, { timeout: 20_000 }).toBe(true);
});
