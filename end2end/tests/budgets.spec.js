// Size budgets (issue 6), measured on the built site and the running server: CSS ≤ 30 KB, page
// HTML ≤ 100 KB, hydrate bundle ≤ 300 KB brotli. Rarely used pages are lazy routes (separate wasm
// chunks, `--split`): the main bundle is all that the home, directory, Régie, QPV and search pages
// need; a lazy page adds its chunks, guarded at today's size (their total is over 300 KB).
// The bundle is served as built: content-hashed names, precompressed brotli, cached a year.
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');

const site = process.env.LEPTOS_SITE_ROOT || path.join(__dirname, '../../target/site');

test('bundle, stylesheet and largest pages stay within their budgets', async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'sizes do not depend on the viewport');
  // The page names the bundle files; each is served precompressed, immutable, and is the built file.
  const html = await (await request.get('/')).text();
  const names = {};
  for (const ext of ['wasm', 'js', 'css']) {
    const m = html.match(new RegExp(`/pkg/atlas\\.([A-Za-z0-9_-]{8,})\\.${ext}`));
    expect(m, `${ext} file named by its content hash in the page`).not.toBeNull();
    names[ext] = m[0];
  }
  const sizes = {};
  for (const [ext, url] of Object.entries(names)) {
    const response = await request.get(url, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.status(), url).toBe(200);
    expect(response.headers()['content-encoding'], url).toBe('br');
    expect(response.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
    // Playwright decodes the body: it must be the built file; what travelled is its .br sibling.
    const body = await response.body();
    expect(body.equals(fs.readFileSync(path.join(site, url))), `${url}: the file as built`).toBe(true);
    sizes[ext] = fs.statSync(path.join(site, `${url}.br`)).size;
  }
  // A client without brotli gets gzip.
  const gz = await request.get(names.wasm, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gz.headers()['content-encoding']).toBe('gzip');
  const raw = fs.statSync(path.join(site, names.wasm)).size;
  console.log(`hydrate bundle ${sizes.wasm} B brotli, ${raw} B raw (+ JS ${sizes.js} B), CSS ${sizes.css} B brotli`);
  expect(sizes.css).toBeLessThanOrEqual(30_000);
  // Two budgets for the main bundle. The raw size is exact and moves with the code: 1,117,965 B
  // before moderation, 1,118,849 B with it (+884 B). What travels is the brotli file, whose size
  // moves out of step with the code (those +884 B raw cost +2,600 B brotli) and between two
  // compressions of the same file (±250 B): 300 KB plus that margin. The Régie page's way into
  // its team's space (« Vous travaillez dans cette Régie ? ») and the /gestion and /reseau routes
  // (in the account pages' lazy chunk) cost 1,690 B raw: 1,120,540 B, the raw cap raised by
  // 1,000 B to 1,121,000; the brotli file stayed at 302,128 B, under its unchanged cap. The
  // network's pages (`/reseau/:page`: imports, change log, people) cost one route, 1,030 B raw:
  // 1,121,570 B, the raw cap raised to 1,122,000; the brotli file went to 302,026 B, still under
  // its unchanged cap. The key figures' source on the Régie page (a column, its word in both
  // languages, the field in the page's data) and the routes of the figures' page, the form that
  // adds a Régie and the coverage to confirm cost 3,799 B raw: 1,125,369 B, the raw cap raised to
  // 1,126,000; the brotli file went to 302,349 B, still under its unchanged cap. A Régie's logo
  // and news posts on its page: their markup is made on the server (`regie::presentation`) and set
  // by one small view, the page's data carrying two strings — their own views and data shapes cost
  // 33 KB raw and 2.8 KB brotli, over the cap; this way 3,870 B raw: 1,129,197 B, the raw cap
  // raised to 1,130,000; the brotli file went to 302,892 B, under its unchanged cap — and to
  // 303,071 B on the CI machine after a change that left it alone (compressions differ): over.
  // The key figures' chart and table and the partners' tree and list became server-made markup
  // too (`regie::figures`, `regie::network`), their data no longer in the page's payload: 1,074,736 B
  // raw and 292,267 B brotli (December 2026). The caps come back to the 300 KB brotli and
  // 1,080,000 B raw.
  expect(raw).toBeLessThanOrEqual(1_080_000);
  expect(sizes.wasm).toBeLessThanOrEqual(300_000);
  // Each lazy page: main bundle + the chunks the split manifest lists for it + its own chunk.
  const pkg = path.join(site, 'pkg');
  const files = fs.readdirSync(pkg);
  const manifestFile = files.find((f) => /^__wasm_split_manifest\..*\.json$/.test(f));
  expect(manifestFile, 'split manifest (cargo leptos build --split)').toBeTruthy();
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, manifestFile), 'utf8'));
  const br = (f) => fs.statSync(path.join(pkg, `${f}.br`)).size;
  const routes = Object.keys(manifest).filter((k) => /_route_view_\d+$/.test(k));
  expect(routes.length).toBeGreaterThan(0);
  for (const route of routes) {
    // The manifest lists the route's own chunk with the others (until December 2026 this test
    // added it a second time).
    const own = files.find((f) => f.startsWith(`split_${route}.`) && f.endsWith('.wasm'));
    const listed = manifest[route].some((chunk) => own && own.startsWith(`${chunk}.`));
    const total = sizes.wasm + manifest[route].reduce((n, chunk) => n + br(`${chunk}.wasm`), 0) + (own && !listed ? br(own) : 0);
    console.log(`lazy page ${route.replace(/^__|_route_view_\d+$/g, '')}: ${total} B brotli in ${manifest[route].length + 1} files`);
    // The participation pages (list, form, item) are the heaviest lazy route: about 392,600 B
    // counted once before moderation; 411,577 B with the flag and moderators' forms, the charte,
    // the public log and the moderation queue (+16 KB). The account pages' route, which also
    // carries /gestion and the network's pages (imports, change log, people), came to 416,227 B
    // with the latter (December 2026): the cap is 420,000 B; splitting the network's pages into
    // a lazy route of their own would cost the main bundle a loader. With the key figures' page,
    // the form that adds a Régie and the declared coverage to confirm it came to 429,005 B, and
    // with the profile's pin map (its region, texts and stylesheet link) to 433,985 B: the cap is
    // 436,000 B (these pages are for a Régie's staff and the network, never on a first visit).
    // The partners' page (its cards, contract forms, search and the form of a new partner) took
    // it to 446,634 B; the news posts' page, the logo's form and a member's change of role to
    // 454,158 B: the cap is 456,000 B. With the proposals (their form, the network's list) and
    // the counts on /gestion, and the main bundle 10.6 KB lighter, it came to 450,582 B.
    expect(total, route).toBeLessThanOrEqual(456_000);
  }
  for (const page of ['/territoires', '/territoires/epci/200054781', '/territoires/region/11', '/regies']) {
    const body = await (await request.get(page)).body();
    console.log(`${page}: ${body.length} B`);
    expect(body.length, page).toBeLessThanOrEqual(100_000);
  }
});
