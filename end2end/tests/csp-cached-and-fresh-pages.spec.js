// The Content-Security-Policy holds for both kinds of page: one made for this response (its
// inline scripts carry the response's nonce) and one served from the page cache to every
// anonymous visitor (no nonce; its inline scripts named by hash). In both the browser reports no
// violation, and the page hydrates and works.
const { test, expect, hydrated } = require('./fixtures');

// Every violation the browser sees, recorded before any script of the page runs.
const recordViolations = (page) => page.addInitScript(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
});

test('a cached page hydrates under its policy of script hashes', async ({ page }) => {
  await recordViolations(page);
  // The first visit may render it; a second one is served from memory.
  await page.goto('/regies?q=saint');
  const response = await page.goto('/regies?q=saint');
  expect(response.headers()['x-atlas-cache']).toBe('hit');
  const policy = response.headers()['content-security-policy'];
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ 'wasm-unsafe-eval'/);
  expect(policy).not.toContain('nonce');
  expect(await page.locator('script[nonce]').count()).toBe(0);
  await hydrated(page);
  // Only the hydrated page filters as one types.
  await page.getByLabel('Filtrer').fill('troyes');
  await expect(page).toHaveURL(/\/regies\?q=troyes$/);
  await expect(page.locator('table.regies tbody tr').first()).toContainText(/troyes/i);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test('a page made for this response hydrates under its nonce', async ({ page }) => {
  await recordViolations(page);
  const response = await page.goto('/compte/connexion');
  expect(response.headers()['x-atlas-cache']).toBeUndefined();
  const nonce = (response.headers()['content-security-policy'].match(/'nonce-([^']+)'/) || [])[1];
  expect(nonce).toBeTruthy();
  await hydrated(page);
  // The scripts Leptos wrote carry that nonce (the browser hides it from attributes once used).
  const html = await response.text();
  expect(html).toContain(`nonce="${nonce}"`);
  // A second visit gets another one: a nonce is never replayed.
  const again = await page.goto('/compte/connexion');
  expect(again.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
  await hydrated(page);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});
