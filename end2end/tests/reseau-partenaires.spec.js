// A network officer looks at the partners of a Régie: the graph and its list name the same
// partners, a partner is reached with the keyboard, and its page lists Régies and contracts.
// The partnerships shown are the demonstration file's (ATLAS_DEMO=1), labelled as such.
const { test, expect, hydrated, screenshot } = require('./fixtures');

test('Régie network: graph and list agree, keyboard reaches a partner, partner page', async ({ page }, testInfo) => {
  await page.goto('/regies/assoc-regie-quartier-maladrerie-aubervilliers');
  await hydrated(page);
  const graph = page.locator('figure.network svg');
  await expect(graph).toBeVisible();
  const nodes = graph.locator('a.node');
  const graphNames = (await nodes.evaluateAll((as) => as.map((a) => a.getAttribute('data-nom')))).sort();
  const listNames = (await page.locator('#liste-partenaires li strong').allInnerTexts()).map((s) => s.trim());
  expect([...new Set(listNames)].sort()).toEqual(graphNames);
  expect(graphNames.length).toBe(3);
  await expect(page.locator('#liste-partenaires')).toContainText('donnée de démonstration');
  await graph.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'reseau-regie');

  // Keyboard: focus the first partner of the graph, Enter opens its page.
  await nodes.first().focus();
  await expect(nodes.first()).toBeFocused();
  const first = graphNames.length ? await nodes.first().getAttribute('data-nom') : '';
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/partenaires\/\d+$/);
  await expect(page.locator('h1')).toHaveText(first);
  await expect(page.getByRole('note')).toContainText('Donnée de démonstration');
  await expect(page.locator('#liste-regies-partenaire li').first()).toBeVisible();

  // The national list, filtered by kind, leads to the social landlord and its contracts.
  await page.goto('/partenaires');
  await hydrated(page);
  await page.getByLabel('Nature').selectOption('bailleur_social');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(page).toHaveURL(/nature=bailleur_social/);
  // Every row is a social landlord; the demonstration's is there once (the teams' pages of other
  // browser tests may add landlords of their own to the shared database).
  const rows = page.locator('#table-partenaires tbody tr');
  await expect(rows.filter({ hasText: 'Habitat social (démonstration)' })).toHaveCount(1);
  for (const row of await rows.all()) await expect(row).toContainText('bailleur social');
  await page.getByRole('link', { name: 'Habitat social (démonstration)' }).click();
  await expect(page.locator('#table-contrats tbody tr')).toHaveCount(4);
  await expect(page.locator('#total-contrats')).toHaveText('4 contrat(s), 387\u202f000 € au total.');
  await screenshot(page, testInfo, 'partenaire');
});
