// The network imports a Régies file from its pages, phone and desktop: a file with bad rows is
// reported line by line and writes nothing; a good file is checked (nothing written), then
// confirmed, its progress bar fills; the change log filters.
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, signIn } = require('./fixtures');

const HEADER = 'Nom;SIRET;Adresse;Code postal;Commune;Latitude;Longitude;Site internet;Statut;Source\n';

test('the network checks a file, reads the refused lines, then imports a good one with its progress bar', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const email = `reseau-imports-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--role', 'network-admin', '--pseudonym', `Réseau ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, email);

  await page.goto('/reseau');
  // A click during hydration can be lost (seen once on PostgreSQL): the page is hydrated first.
  await hydrated(page);
  await page.getByRole('link', { name: 'Importer des fichiers (Régies, partenariats)' }).click();
  await expect(page).toHaveURL(/\/reseau\/imports$/);
  await expect(page).toHaveTitle(/Imports de fichiers/);
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Bad rows: each named by its line; nothing to confirm.
  // A name sorting after every real Régie: other tests pick Régies by their place in the directory.
  const name = `Zone témoin des imports ${tag}`;
  const bad = `${HEADER}${name};;Place Tyssandier d'Escous;15140;Salers;45.1397;2.4958;;à vérifier;essai\n` +
    `Régie au code postal faux ${tag};;1 rue de nulle part;99999;Nulle-part;;;;à vérifier;essai\n`;
  await page.getByLabel('Régies (fiches)').check();
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'regies-fautives.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page).toHaveURL(/\/reseau\/imports\?lot=\d+$/);
  await expect(page.locator('.import-status')).toContainText('refusé : rien n\'a été écrit');
  const refused = page.locator('table.rejected tbody tr');
  await expect(refused).toHaveCount(1);
  await expect(refused.first()).toContainText('3');
  await expect(refused.first()).toContainText('code postal 99999 inconnu');
  await expect(page.getByRole('button', { name: 'Importer ce fichier' })).toHaveCount(0);
  await screenshot(page, testInfo, 'import-refuse');
  expect((await (await request.get(`/regies?q=${encodeURIComponent(name)}`)).text())).not.toContain(name);

  // A good file: checked, nothing written yet; confirmed, the bar fills. It changes one real
  // Régie's source line only (one per project; the last of the reference file, which no other
  // test picks): other tests count the Régies and read their figures.
  await page.getByRole('link', { name: 'Tous les imports' }).click();
  await expect(page).toHaveURL(/\/reseau\/imports$/);
  const reference = require('fs').readFileSync(require('path').join(__dirname, '../../data/reference/regies_candidates_2019.csv'), 'utf8').trim().split('\n');
  const row = reference[reference.length - (testInfo.project.name === 'phone' ? 1 : 2)].split(';').slice(0, 9);
  const good = `${HEADER}${row.join(';')};Vérifié au téléphone (${tag})\n`;
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'regies-bonnes.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.locator('.import-status')).toContainText('vérifié, en attente de confirmation');
  await expect(page.locator('dl.import-counts')).toContainText('À mettre à jour1');
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Importer ce fichier' }).click();
  await expect(page.locator('.import-status')).toContainText('importé', { timeout: 30_000 });
  const bar = page.getByLabel('Progression de l\'import');
  await expect(bar).toHaveAttribute('max', '1');
  await expect(bar).toHaveAttribute('value', '1');
  await expect(page.getByText('1 lignes sur 1').first()).toBeVisible();
  await expect(page.locator('dl.import-counts')).toContainText('Mises à jour1');
  await screenshot(page, testInfo, 'import-termine');
  // Listed with its author.
  await page.getByRole('link', { name: 'Tous les imports' }).click();
  await expect(page.locator('ul.imports')).toContainText('regies-bonnes.csv');
  await expect(page.locator('ul.imports')).toContainText(`Réseau ${tag}`.slice(0, 30));

  // The change log, from the network's page: its filters, readable by axe.
  await page.goto('/reseau');
  await page.getByRole('link', { name: 'Journal des modifications' }).click();
  await expect(page).toHaveTitle(/Journal des modifications/);
  await expect(page.getByLabel('Type de modification')).toBeVisible();
  await page.getByLabel('Type de modification').selectOption('verification');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/type=verification/);
  await expect(page.locator('.gestion-page p[role="status"]')).toContainText('modifications');
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'journal');
});
