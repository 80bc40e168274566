// A Régie's éditrice reports a year of key figures from a phone or a computer: from the entry's
// page she opens « Chiffres clés »; a decimal and a missing source come back next to their inputs
// with what she typed; then the year is saved, shows as a card, on the public page with its
// source, and in the history as the entry's figures before and after.
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, signIn, untouchedRegie } = require('./fixtures');

test('an éditrice reports her Régie\'s key figures with their source', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const slug = await untouchedRegie(request, phone ? 14 : 15);
  const email = `chiffres-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Chiffres ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, email);

  await page.goto(`/gestion/${slug}`);
  await page.getByRole('link', { name: 'Chiffres clés', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/gestion/${slug}/chiffres$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Chiffres clés');
  await expect(page.getByText('Aucun chiffre déclaré pour l\'instant.')).toBeVisible();
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A decimal and no source: each reason under its input, what was typed kept, nothing saved.
  await page.getByLabel('Année').fill('2025');
  await page.getByLabel('Salariés', { exact: true }).fill('12,5');
  await page.getByLabel('Bénévoles').fill('40');
  await page.getByRole('button', { name: 'Enregistrer ces chiffres' }).click();
  await expect(page.locator('#fiche-salaries-erreur')).toContainText('chaque chiffre est un nombre entier');
  await expect(page.locator('#fiche-source-erreur')).toContainText('indiquez d\'où viennent ces chiffres');
  await expect(page.getByLabel('Salariés', { exact: true })).toHaveValue('12,5');
  await expect(page.getByLabel('Salariés', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Bénévoles')).toHaveValue('40');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'chiffres-refuses');

  // Corrected: saved as a version, shown as the year's card.
  await page.getByLabel('Salariés', { exact: true }).fill('1 200');
  await page.getByLabel('Salariés en insertion').fill('80');
  await page.getByLabel('Source').fill(`Rapport d'activité 2025 ${tag}`);
  await page.getByRole('button', { name: 'Enregistrer ces chiffres' }).click();
  await expect(page.locator('.notice.ok')).toContainText('Chiffres enregistrés : version');
  const card = page.locator('.figures-year').filter({ has: page.getByRole('heading', { name: '2025' }) });
  await expect(card).toContainText('1\u202f200');
  await expect(card).toContainText(`Rapport d'activité 2025 ${tag}`);
  await expect(card.getByRole('button', { name: 'Retirer 2025' })).toBeVisible();
  await screenshot(page, testInfo, 'chiffres-enregistres');

  // The public page shows the year with its source.
  await page.goto(`/regies/${slug}`);
  const row = page.locator('.figures-table tbody tr').filter({ hasText: '2025' });
  await expect(row).toContainText('1\u202f200');
  await expect(row).toContainText(`Rapport d'activité 2025 ${tag}`);

  // The history names the figures before and after.
  await page.goto(`/gestion/${slug}/historique`);
  const change = page.locator('.diff tr').filter({ has: page.getByRole('rowheader', { name: 'Chiffres clés' }) }).first();
  await expect(change.locator('ins')).toContainText('2025 : Salariés 1\u202f200, Salariés en insertion 80, Bénévoles 40');
});
