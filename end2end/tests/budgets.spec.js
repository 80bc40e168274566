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
  console.log(`hydrate bundle ${sizes.wasm} B brotli (+ JS ${sizes.js} B), CSS ${sizes.css} B brotli`);
  expect(sizes.css).toBeLessThanOrEqual(30_000);
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
    const own = files.find((f) => f.startsWith(`split_${route}.`) && f.endsWith('.wasm'));
    const total = sizes.wasm + manifest[route].reduce((n, chunk) => n + br(`${chunk}.wasm`), 0) + (own ? br(own) : 0);
    console.log(`lazy page ${route.replace(/^__|_route_view_\d+$/g, '')}: ${total} B brotli in ${manifest[route].length + 2} files`);
    // The participation pages (list, form, item) are the heaviest lazy route: 429,170 B when added,
    // 449,887 B with the list's pages, the maps' markup, drafts and per-field errors; 458,464 B
    // with the commune field, the comments' pages and the live updates' markup.
    expect(total, route).toBeLessThanOrEqual(462_000);
  }
  for (const page of ['/territoires', '/territoires/epci/200054781', '/territoires/region/11', '/regies']) {
    const body = await (await request.get(page)).body();
    console.log(`${page}: ${body.length} B`);
    expect(body.length, page).toBeLessThanOrEqual(100_000);
  }
});
