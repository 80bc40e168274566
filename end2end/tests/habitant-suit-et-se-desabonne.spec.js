// Notifications on a phone and a computer: A posts a report, B taps « Moi aussi » and follows
// the QPV from its page; while A types a comment on the item's page, B's comment appears live and
// A's text stays; the Régie's staff set « en cours »; A and B each see the bell's count,
// the news on « Mes notifications », and get a mail over SMTP carrying RFC 8058's one-click
// unsubscribe. A scanner's GET of that address changes nothing; the mail client's POST stops A's
// status mails, without a session. In English too, with axe clean on the new pages.
const { test, expect, hydrated, mailedLink, screenshot, seriousA11yViolations, PASSWORD, cli, regieWithQpv, openMenu, signIn } = require('./fixtures');

async function mails(request, to, subject) {
  const all = await (await request.get(process.env.ATLAS_E2E_MAILS)).json();
  return all.filter((m) => m.to.includes(to) && m.subject.includes(subject));
}

test('followers hear of a status in the Atlas and by mail, and unsubscribe in one click', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(120_000);
  const phone = testInfo.project.name === 'phone';
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const { slug, qpv } = await regieWithQpv(request);
  const [aEmail, bEmail, staffEmail] = [`na-${tag}@exemple.fr`, `nb-${tag}@exemple.fr`, `ne-${tag}@exemple.fr`];
  cli(['users', 'add', aEmail, '--pseudonym', `Awa ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  cli(['users', 'add', bEmail, '--pseudonym', `Bilal ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);
  cli(['users', 'add', staffEmail, '--role', 'regie-editor', '--regie', slug, '--pseudonym', `Équipe ${tag}`.slice(0, 30), '--password-stdin'], `${PASSWORD}\n`);

  // A posts (the second screen straight away: the form itself is tested elsewhere).
  await signIn(page, aEmail);
  await page.goto(`/participation/nouveau?etape=2&nature=signalement&categorie=proprete&qpv=${qpv}`);
  const title = `Poubelles renversées ${tag}`;
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Description').fill('Les conteneurs du parking sont renversés chaque nuit.');
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const itemPath = new URL(page.url()).pathname;

  // B supports it, and follows the QPV from its page.
  const context = (options = {}) => browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize(), isMobile: phone, hasTouch: phone, ...options });
  const b = await (await context()).newPage();
  await signIn(b, bEmail);
  await b.goto(itemPath);
  await b.getByRole('button', { name: 'Moi aussi' }).first().click();
  await expect(b.locator('#soutiens')).toContainText('1 soutien');
  await b.goto(`/qpv/${qpv}`);
  await b.getByRole('button', { name: 'Suivre ce quartier' }).click();
  await expect(b.locator('main').getByRole('status')).toContainText('C\'est suivi');
  await expect(b.locator('#suivis')).toBeVisible();

  // Live: A is writing a comment on the item's page when B comments; B's comment appears for A
  // without a reload, and what A is typing stays as it is, where it is.
  await page.goto(itemPath);
  await hydrated(page);
  await expect(page.locator('[data-direct-ouvert="1"]')).toHaveCount(1);
  const typing = 'Je passe devant tous les matins, et';
  await page.getByLabel('Votre commentaire').fill(typing);
  await page.getByLabel('Votre commentaire').focus();
  await b.goto(itemPath);
  await b.getByLabel('Votre commentaire').fill('Encore renversés ce matin, rue des Acacias.');
  await b.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(b.locator('.comments')).toContainText('rue des Acacias');
  await expect(page.locator('#fil .comments')).toContainText('Encore renversés ce matin, rue des Acacias.', { timeout: 10_000 });
  await expect(page.getByLabel('Votre commentaire')).toHaveValue(typing);
  await expect(page.getByLabel('Votre commentaire')).toBeFocused();
  await screenshot(page, testInfo, 'direct-commentaire');
  // (A saw B's comment on the page itself: that news is read. Both leave the item's page, where
  // the live refresh would read the next news as it comes.)
  await page.goto('/regies');
  await b.goto('/regies');

  // The Régie's staff set « en cours ».
  const staff = await (await context()).newPage();
  await signIn(staff, staffEmail);
  await staff.goto(itemPath);
  await staff.getByLabel('Nouveau statut').selectOption('en-cours');
  await staff.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(staff.locator('#statut')).toHaveText('En cours');

  // A and B: the bell says it on every page; « Mes notifications » tells what moved.
  // (B also follows the QPV, where the other journeys post at the same time: B's count is theirs too.)
  for (const [who, unread] of [[page, /^Mes notifications : 1 non lue\(s\)$/], [b, /^Mes notifications : [1-9]\d* non lue\(s\)$/]]) {
    await who.goto('/regies');
    const bell = who.getByRole('link', { name: unread });
    await expect(bell).toBeVisible();
    await expect(who.locator('.bell-count')).toHaveText(/^[1-9]/);
    await bell.click();
    await expect(who.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
    await expect(who.locator('#notifications')).toContainText(`« ${title} » est passé à « en cours ».`);
  }
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'notifications');

  // Both got the mail over SMTP, with the one-click unsubscribe headers.
  await mailedLink(request, aEmail, `Du nouveau : « ${title} »`);
  await mailedLink(request, bEmail, `Du nouveau : « ${title} »`);
  const [mail] = await mails(request, aEmail, `Du nouveau : « ${title} »`);
  expect(mail.text).toContain(`« ${title} » est passé à « en cours ».`);
  expect(mail.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
  const oneClick = mail.listUnsubscribe.replace(/^<|>$/g, '');
  expect(oneClick).toMatch(/\/api\/desabonnement\?jeton=/);

  // A scanner follows the address: the page asks for the click, nothing changes.
  const scanned = await request.get(oneClick, { maxRedirects: 0 });
  expect(scanned.status()).toBe(303);
  await page.goto('/compte/notifications');
  await expect(page.locator('#choix-courriels input[name="statut"][value="immediat"]')).toBeChecked();

  // The mail client's one click: a POST, no session.
  const clicked = await request.post(oneClick, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { Accept: 'application/json' } });
  expect(clicked.status()).toBe(200);
  await page.reload();
  await expect(page.locator('#choix-courriels input[name="statut"][value="jamais"]')).toBeChecked();

  // The body's link opens the page with its one button (works without signing in).
  const anonymous = await (await context()).newPage();
  await anonymous.goto(mail.text.match(/https?:\/\/\S+\/compte\/desabonnement\?jeton=\S+/)[0]);
  await expect(anonymous.getByRole('heading', { level: 1, name: 'Ne plus recevoir ces courriels' })).toBeVisible();
  await hydrated(anonymous);
  expect(await seriousA11yViolations(anonymous)).toEqual([]);
  await anonymous.getByRole('button', { name: 'Me désabonner' }).click();
  await expect(anonymous.locator('#desabonne')).toContainText('vous ne recevrez plus ces courriels');
  await screenshot(anonymous, testInfo, 'desabonnement');

  // B chooses a daily digest for statuses; the choice is kept.
  await b.goto('/compte/notifications');
  await b.locator('#choix-courriels input[name="statut"][value="quotidien"]').check();
  await b.getByRole('button', { name: 'Enregistrer mes choix' }).click();
  await expect(b.locator('main').getByRole('status')).toContainText('Vos choix sont enregistrés');
  await expect(b.locator('#choix-courriels input[name="statut"][value="quotidien"]')).toBeChecked();

  // Opening the item reads its news; in English the page says the same.
  await page.goto(itemPath);
  await page.goto('/en/compte/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'My notifications' })).toBeVisible();
  await expect(page.locator('#notifications')).toContainText(`“${title}” is now “in progress”.`);
  await expect(page.locator('#non-lues')).toHaveText('0 unread');
  await hydrated(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  if (phone) await openMenu(page);
});
