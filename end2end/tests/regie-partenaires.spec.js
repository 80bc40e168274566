// A Régie's éditrice keeps its partners from a phone or a computer: she searches a landlord the
// Atlas does not have yet and adds it with its relation (a wrong SIREN comes back next to its
// input with what she typed); the same name typed again is refused, the search offers the one
// the Atlas has, and she chooses it in another role; a contract is added under the relation;
// the public page and the partner's page follow.
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, signIn, untouchedRegie } = require('./fixtures');

test('an éditrice adds a partner once, a contract under it, and the public pages follow', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const slug = await untouchedRegie(request, phone ? 18 : 19);
  const email = `partenaires-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Partenaires ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, email);
  const partner = `Bailleur essai ${tag}`;

  await page.goto(`/gestion/${slug}`);
  await page.getByRole('link', { name: 'Partenaires', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/gestion/${slug}/partenaires$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Partenaires et contrats');
  // Search first: nothing found, the name searched fills the new partner's form.
  await page.getByLabel('Chercher un partenaire par son nom ou son SIREN').fill(partner);
  await page.getByRole('button', { name: 'Chercher', exact: true }).click();
  await expect(page.getByText('Aucun partenaire de l\'Atlas ne correspond')).toBeVisible();
  await expect(page.getByLabel('Nom du partenaire')).toHaveValue(partner);
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A wrong SIREN: its reason under it, what was typed kept, nothing saved.
  await page.getByLabel('Nature').selectOption('bailleur_social');
  await page.getByLabel('SIREN (facultatif)').fill('123 456 788');
  await page.getByLabel('Relation', { exact: true }).selectOption('donneur_ordre');
  await page.getByLabel('Depuis (facultatif)').fill('2019');
  await page.getByRole('button', { name: 'Ajouter ce partenaire' }).click();
  await expect(page.locator('#fiche-siren-erreur')).toContainText('le SIREN compte 9 chiffres');
  await expect(page.getByLabel('SIREN (facultatif)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Nom du partenaire')).toHaveValue(partner);
  await expect(page.getByLabel('Depuis (facultatif)')).toHaveValue('2019');
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'partenaire-refuse');

  // Without the SIREN: saved, a card with its relation.
  await page.getByLabel('SIREN (facultatif)').fill('');
  await page.getByRole('button', { name: 'Ajouter ce partenaire' }).click();
  await expect(page.locator('.notice.ok')).toContainText('Partenaires enregistrés : version');
  const card = page.locator('.partner-card').filter({ hasText: 'donneur d\'ordre' }).filter({ hasText: partner });
  await expect(card).toContainText('bailleur social · donneur d\'ordre · depuis 2019');

  // The same name again, in capitals: refused, and the search offers the one the Atlas has.
  await page.getByLabel('Chercher un partenaire par son nom ou son SIREN').fill(partner.toUpperCase());
  await page.getByRole('button', { name: 'Chercher', exact: true }).click();
  await page.getByLabel('Nature').selectOption('bailleur_social');
  await page.getByLabel('Relation', { exact: true }).selectOption('financeur');
  await page.getByRole('button', { name: 'Ajouter ce partenaire' }).click();
  await expect(page.locator('#fiche-partenaire_nom-erreur')).toContainText('ce partenaire est déjà dans l\'Atlas');
  await page.getByRole('link', { name: `Choisir ${partner}` }).click();
  await expect(page.getByText(`Partenaire choisi : ${partner}`)).toBeVisible();
  await page.getByLabel('Relation', { exact: true }).selectOption('financeur');
  await page.getByRole('button', { name: 'Ajouter ce partenaire' }).click();
  await expect(page.locator('.notice.ok')).toContainText('Partenaires enregistrés : version');
  await expect(page.locator('.partner-card').filter({ hasText: partner })).toHaveCount(2);

  // A contract under the first relation.
  await card.getByText('Ajouter un contrat').click();
  await card.getByLabel('Objet').fill(`Entretien des halls ${tag}`);
  await card.getByLabel('Montant (euros)').fill('12 500');
  await card.getByLabel('Procédure').selectOption('marche_public');
  await card.getByRole('button', { name: 'Enregistrer le contrat' }).click();
  await expect(page.locator('.notice.ok')).toContainText('Partenaires enregistrés : version');
  await expect(card).toContainText(`Entretien des halls ${tag} · marché public · 12\u202f500 €`);
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'partenaires-enregistres');

  // The public page lists the partner; its page lists the Régie and the contract.
  await page.goto(`/regies/${slug}`);
  await page.locator('#liste-partenaires').getByRole('link', { name: partner }).first().click();
  await expect(page.locator('h1')).toHaveText(partner);
  await expect(page.locator('#liste-regies-partenaire')).toContainText('donneur d\'ordre');
  await expect(page.locator('main')).toContainText(`Entretien des halls ${tag}`);
});
