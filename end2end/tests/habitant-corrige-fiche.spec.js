// A reader who knows better reports a correction on a Régie's page: the folded form opens, the
// browser checks the fields, the server records the report and the page thanks them with its
// number; a browser without form validation gets the server's reasons and its text back.
const { test, expect, hydrated, screenshot, seriousA11yViolations } = require('./fixtures');

test('correction form: checked, recorded, acknowledged; refused with reasons', async ({ page }, testInfo) => {
  // One Régie per viewport, so that the two projects running at once do not count each other's reports.
  await page.goto('/regies');
  await hydrated(page);
  const links = page.locator('table a[href^="/regies/"]');
  const href = await links.nth(testInfo.project.name === 'phone' ? 2 : 3).getAttribute('href');
  await page.goto(href);
  await hydrated(page);

  const form = page.locator('#corriger');
  await expect(page.getByLabel('Votre correction')).toBeHidden();
  await form.getByText('Signaler une correction sur cette fiche').click();
  await expect(page.getByLabel('Votre correction')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The browser refuses an empty form: nothing is sent.
  await page.getByRole('button', { name: 'Envoyer la correction' }).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));

  await page.getByLabel('Ce qui est à corriger').selectOption({ label: 'Adresse, téléphone, e-mail ou site' });
  await page.getByLabel('Votre correction').fill('Le numéro de téléphone a changé : 03 25 00 00 00.');
  await page.getByLabel(/Votre e-mail/).fill('habitante@exemple.fr');
  await page.getByRole('button', { name: 'Envoyer la correction' }).click();
  await expect(page).toHaveURL(/\?correction=\d+#corriger$/);
  const id = new URL(page.url()).searchParams.get('correction');
  await expect(page.locator('#corriger').getByRole('status')).toContainText(`Merci ! Votre correction n° ${id} est enregistrée`);
  await expect(page.locator('main')).toContainText('1 correction(s) signalée(s) par des lecteurs attendent d’être vérifiées'.replace('’', "'"));
  await screenshot(page, testInfo, 'correction-merci');

  // An old browser without form validation: the server says why, and gives the text back.
  await page.goto(href);
  await form.getByText('Signaler une correction sur cette fiche').click();
  await page.locator('#corriger form').evaluate((f) => { f.noValidate = true; });
  await page.getByLabel('Ce qui est à corriger').selectOption('quartiers');
  await page.getByLabel('Votre correction').fill('Trop bref');
  await page.getByRole('button', { name: 'Envoyer la correction' }).click();
  await expect(page).toHaveURL(/correction=refusee/);
  const alert = page.locator('#corriger').getByRole('alert');
  await expect(alert).toContainText('La correction n\'a pas été enregistrée');
  await expect(alert).toContainText('décrivez la correction en 10 caractères au moins');
  await expect(page.getByLabel('Votre correction')).toHaveValue('Trop bref');
  await expect(page.getByLabel('Ce qui est à corriger')).toHaveValue('quartiers');
  await expect(page.locator('main')).toContainText('1 correction(s) signalée(s)');
  await screenshot(page, testInfo, 'correction-refusee');
});
