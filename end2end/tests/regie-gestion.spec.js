// A Régie's éditrice keeps its page true from a phone or a computer: from the public page she
// opens /gestion, a wrong phone number comes back next to its field with what she typed, then
// she saves a new phone, website and position and a QPV tapped on the coverage map; the public
// page, the map and the territory counts follow; the history
// shows the diff; a restore brings the old values back; another Régie's form is refused (403).
const { test, expect, hydrated, screenshot, seriousA11yViolations, PASSWORD, cli, signIn } = require('./fixtures');

test('an éditrice updates her Régie, sees the diff, restores it, and may not touch another Régie', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  // Régies no other test edits, one per project (they run at the same time): covering QPVs,
  // outside the Seine-Saint-Denis whose figures other tests compare between two requests.
  const slugs = [...(await (await request.get('/regies')).text()).matchAll(/href="\/regies\/([a-z0-9-]+)"/g)].map((m) => m[1]);
  const unique = [...new Set(slugs)];
  let slug = null;
  let departement = null;
  for (let i = phone ? 10 : 11; i < unique.length && !slug; i += 2) {
    const html = await (await request.get(`/regies/${unique[i]}`)).text();
    const dep = (html.match(/ \(([0-9AB]{2,3})\) · /) || [])[1];
    if (dep && dep !== '93' && html.includes('<ul class="qpv-list">')) [slug, departement] = [unique[i], dep];
  }
  expect(slug).toBeTruthy();
  const elsewhere = unique[phone ? 9 : 8];
  const email = `editrice-${tag}@exemple.fr`;
  cli(['users', 'add', email, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Éditrice ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, email);

  // From the public page, the way in for the team.
  await page.goto(`/regies/${slug}`);
  await expect(page.locator('#source')).toContainText('pas encore mise à jour par la Régie');
  await page.getByRole('link', { name: /Vous travaillez dans cette Régie \? Mettre à jour cette fiche/ }).click();
  await expect(page).toHaveURL(new RegExp(`/gestion/${slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Fiche de la Régie');
  await hydrated(page);
  // After a client-side navigation the page's <title> comes back with its new text.
  await expect(page).toHaveTitle(/Fiche de la Régie/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  const name = await page.getByLabel('Nom', { exact: true }).inputValue();
  const oldPhone = await page.getByLabel('Téléphone').inputValue();
  const oldSite = await page.getByLabel('Site web').inputValue();
  const lat = Number((await page.getByLabel('Latitude').inputValue()).replace(',', '.'));
  const lon = Number((await page.getByLabel('Longitude').inputValue()).replace(',', '.'));

  // A wrong number: the reason under the field, what was typed kept.
  await page.getByLabel('Téléphone').fill('12 34');
  await page.getByLabel('Site web').fill(`regie-${tag}.fr`);
  await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
  await expect(page.locator('#fiche-telephone-erreur')).toContainText('un numéro de téléphone compte 10 chiffres');
  await expect(page.getByLabel('Téléphone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Site web')).toHaveValue(`regie-${tag}.fr`);
  await screenshot(page, testInfo, 'gestion-erreur');

  // A QPV of its département that no Régie covers yet, as the département's page shows it.
  const territory = `/territoires/departement/${departement}`;
  const before = await (await request.get(territory)).text();
  const candidates = await page.locator('#ajout-qpv option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
  const rowOf = (html, code) => html.split('</tr>').find((row) => row.includes(`<tr data-code="${code}"`)) || '';
  const qpv = candidates.find((code) => rowOf(before, code).includes('cov-aucune'));
  expect(qpv, `a QPV without a Régie among ${candidates.length} of the ${departement}`).toBeTruthy();

  // Saved: phone, website, the pin moved a little, the QPV declared.
  const newPhone = phone ? '01 45 67 89 10' : '01 45 67 89 11';
  await page.getByLabel('Téléphone').fill(newPhone);
  await page.getByLabel('Latitude').fill(String((lat + 0.001).toFixed(6)));
  await page.getByLabel('Longitude').fill(String((lon + 0.001).toFixed(6)));
  // The QPV chosen on the coverage map (the list stays the keyboard's way): its dot is drawn
  // with the département's; a tap fills the list and the page says so.
  const coverageMap = page.locator('#couverture-carte');
  await expect(coverageMap).toHaveAttribute('data-ready', '1');
  await coverageMap.scrollIntoViewIfNeeded();
  const dot = coverageMap.locator(`path.qpv-${qpv}`);
  await expect(dot).toHaveCount(1);
  const qpvName = (await page.locator(`#ajout-qpv option[value="${qpv}"]`).textContent()).trim();
  // A tap on its centre may land on a neighbour's dot drawn over it: the dot itself is tapped.
  await dot.dispatchEvent('click');
  await expect(page.locator('#ajout-qpv')).toHaveValue(qpv);
  await expect(page.locator('#couverture-etat')).toHaveText(`${qpvName} choisi : enregistrez la fiche pour l'ajouter.`);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'gestion-couverture-carte');
  await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
  await expect(page.locator('main .notice.ok')).toContainText(/Fiche enregistrée : version \d+/);
  await screenshot(page, testInfo, 'gestion-enregistree');

  // The public page and the map follow.
  await page.goto(`/regies/${slug}`);
  await expect(page.locator('main')).toContainText(newPhone);
  await expect(page.locator('main').getByRole('link', { name: `https://regie-${tag}.fr` }).first()).toBeVisible();
  await expect(page.locator('#source')).toContainText('Fiche mise à jour le');
  const map = await (await request.get('/api/v1/carte/regies.geojson')).json();
  const pin = map.features.find((f) => f.properties.slug === slug);
  expect(pin.geometry.coordinates[0]).toBeCloseTo(lon + 0.001, 5);
  expect(pin.geometry.coordinates[1]).toBeCloseTo(lat + 0.001, 5);

  // The département's figures: the QPV now has a Régie, and the counts still add up.
  const figure = async (name) => Number((await page.locator(`[data-figure="${name}"]`).first().innerText()).replace(/\D/g, ''));
  await page.goto(territory);
  const row = page.locator(`#table-qpv tr[data-code="${qpv}"]`);
  await expect(row.locator('.badge')).toHaveClass(/cov-declaree/);
  await expect(row).toContainText(name);
  expect(await figure('qpv-avec-regie') + await figure('qpv-sans-regie')).toBe(await figure('qpv'));

  // The history shows what changed; the previous version comes back in one step.
  await page.goto(`/gestion/${slug}/historique`);
  const latest = page.locator('li.version').first();
  await expect(latest.locator('tr', { hasText: 'Téléphone' })).toContainText(newPhone);
  await expect(latest).toContainText(`par « Éditrice ${tag}`.slice(0, 20));
  // Hydrated first: the title is set by the page's code (axe read a page without it once).
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'gestion-historique');
  await page.locator('li.version').nth(1).getByRole('button', { name: /Revenir à cette version/ }).click();
  await expect(page.locator('main .notice.ok')).toContainText('Version restaurée');
  await expect(page.locator('li.version').first()).toContainText('restauration de la version');
  await page.goto(`/regies/${slug}`);
  if (oldPhone) await expect(page.locator('main')).toContainText(oldPhone);
  await expect(page.locator('main')).not.toContainText(newPhone);
  if (!oldSite) await expect(page.locator('main').getByRole('link', { name: `https://regie-${tag}.fr` })).toHaveCount(0);
  await page.goto(territory);
  await expect(page.locator(`#table-qpv tr[data-code="${qpv}"]`)).not.toContainText(name);

  // The same request for another Régie: refused (the page's cookies, through its request).
  const form = { regie: elsewhere, version: '0', nom: 'Pas la mienne', lat: String(lat), lon: String(lon), telephone: newPhone };
  const refused = await page.request.post('/api/ecriture/gestion/profil', { form, headers: { Origin: testInfo.project.use.baseURL, Accept: 'application/json' } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('interdit');
});

test('a person asks to keep a Régie, the network accepts, she is mailed and can edit', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(90_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const unique = [...new Set([...(await (await request.get('/regies')).text()).matchAll(/href="\/regies\/([a-z0-9-]+)"/g)].map((m) => m[1]))];
  const slug = unique[phone ? 4 : 5];
  const claimant = `demande-${tag}@exemple.fr`;
  const network = `reseau-${tag}@exemple.fr`;
  cli(['users', 'add', claimant, '--pseudonym', `Demande ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  cli(['users', 'add', network, '--role', 'network-admin', '--pseudonym', `Réseau ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);

  // From the Régie's page: « Vous travaillez dans cette Régie ? »
  await signIn(page, claimant);
  await page.goto(`/regies/${slug}`);
  await page.getByRole('link', { name: /Vous travaillez dans cette Régie \?/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Vous travaillez dans cette Régie ?' })).toBeVisible();
  await page.getByLabel('Message pour le réseau').fill(`Je coordonne les chantiers ${tag}.`);
  await hydrated(page);
  await expect(page).toHaveTitle(/Atlas des Régies/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'gestion-demande');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.locator('main .notice.ok')).toContainText('Demande envoyée');

  // The network accepts it from /reseau.
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize(), isMobile: phone, hasTouch: phone });
  const reseau = await context.newPage();
  await signIn(reseau, network);
  await reseau.goto('/reseau');
  const claim = reseau.locator('li.claim', { hasText: `Je coordonne les chantiers ${tag}.` });
  await expect(claim).toContainText(claimant);
  expect(await seriousA11yViolations(reseau)).toEqual([]);
  await screenshot(reseau, testInfo, 'reseau');
  await claim.getByRole('button', { name: 'Accepter' }).click();
  await expect(reseau.locator('main .notice.ok')).toContainText('Demande acceptée');
  await context.close();

  // She is told by mail (over SMTP), and the form is hers.
  await expect.poll(async () => {
    const mails = await (await request.get(process.env.ATLAS_E2E_MAILS)).json();
    return mails.some((m) => m.to.includes(claimant) && m.subject.includes('Demande acceptée'));
  }, { timeout: 20_000 }).toBe(true);
  await page.goto(`/gestion/${slug}`);
  await expect(page.getByRole('button', { name: 'Enregistrer la fiche' })).toBeVisible();
});
