// A page that fails the test on any console error or uncaught exception.
const base = require('@playwright/test');

exports.test = base.test.extend({
  page: async ({ page }, use) => {
    const errors = [];
    // Chromium's console says "Failed to load resource: 404" without the URL: keep the URLs.
    const failed = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
    await use(page);
    base.expect(errors, `console errors (responses >= 400: ${failed.join(', ') || 'none'})`).toEqual([]);
  },
});
exports.expect = base.expect;

// Waits until the wasm bundle has hydrated the page (frontend/src/lib.rs sets the marker).
exports.hydrated = async (page) => {
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 15_000 });
};

exports.screenshot = async (page, testInfo, name) => {
  await page.screenshot({ path: `screenshots/${testInfo.project.name}-${name}.png`, fullPage: true });
};

// axe-core (from npm) run in the page: the violations of impact serious or critical.
exports.seriousA11yViolations = async (page) => {
  // Evaluated, not added as an inline script: the page's Content-Security-Policy refuses those.
  await page.evaluate(require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

// On a phone the header's links and language switch are folded under « Menu »: opens it.
exports.openMenu = async (page) => {
  const summary = page.locator('header details.menu > summary');
  if ((await summary.isVisible()) && (await page.locator('header details.menu[open]').count()) === 0) {
    await summary.click();
  }
};

// The link of the latest mail to `to` whose subject matches, as it arrived over SMTP at the
// sink the test run started (end2end/smtp-sink.js); the sender tries every 2 s.
exports.mailedLink = async (request, to, subject) => {
  let link = null;
  await base.expect.poll(async () => {
    const mails = await (await request.get(process.env.ATLAS_E2E_MAILS)).json();
    const mail = mails.filter((m) => m.to.includes(to) && m.subject.includes(subject)).pop();
    link = mail && (mail.text.match(/https?:\/\/\S+jeton=\S+/) || [null])[0];
    return link;
  }, { timeout: 20_000, message: `a mail « ${subject} » to ${to}` }).toBeTruthy();
  return link;
};

// The password of the accounts the tests make with the command line.
exports.PASSWORD = 'une phrase de passe solide';

// The server's command line on the test database (the running server sees the same rows).
exports.cli = (args, input) => require('child_process').execFileSync(process.env.ATLAS_SERVER || '../target/release/server', args, {
  input: input || '',
  env: { ...process.env, DATABASE_URL: process.env.ATLAS_DATABASE_URL || 'sqlite://../target/e2e.db', RUST_LOG: 'error' },
}).toString();

// Signs in with the password form (the page is left on what the form answers).
exports.signIn = async (page, email) => {
  await page.goto('/compte/connexion');
  await page.locator('#connexion-email').fill(email);
  await page.locator('#connexion-mot-de-passe').fill(exports.PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
};

// A Régie of the directory that covers at least one QPV: its slug and one QPV's code.
exports.regieWithQpv = async (request) => {
  const slugs = [...(await (await request.get('/regies')).text()).matchAll(/href="\/regies\/([a-z0-9-]+)"/g)].map((m) => m[1]);
  for (const slug of slugs) {
    const page = await (await request.get(`/regies/${slug}`)).text();
    const m = page.match(/<ul class="qpv-list">[\s\S]*?<span class="code">(Q[A-Z0-9]+)/);
    if (m) return { slug, qpv: m[1] };
  }
  throw new Error('no Régie with a QPV');
};

// A Régie of the directory's first pages that no other test edits: from index `from` on, every
// other one (the phone and desktop projects run at the same time and start one apart), outside
// the Seine-Saint-Denis whose figures other tests compare between two requests.
exports.untouchedRegie = async (request, from) => {
  // The directory's first two pages (20 each): indices from 20 on are on the second.
  const pages = (await (await request.get('/regies')).text()) + (await (await request.get('/regies?page=2')).text());
  const slugs = [...pages.matchAll(/href="\/regies\/([a-z0-9-]+)"/g)].map((m) => m[1]);
  const unique = [...new Set(slugs)];
  for (let i = from; i < unique.length; i += 2) {
    const html = await (await request.get(`/regies/${unique[i]}`)).text();
    const dep = (html.match(/ \(([0-9AB]{2,3})\) · /) || [])[1];
    if (dep && dep !== '93') return unique[i];
  }
  throw new Error(`no untouched Régie from index ${from}`);
};

function crc32(buf) {
  let crc = ~0;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (~crc) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// An RGB PNG of w × h with a pattern (an image as a phone or an editor saves it), `extra` chunks
// ([type, data], an EXIF block for one) before its pixels.
exports.png = (w, h, extra = []) => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) {
      raw[row + 1 + x * 3] = x % 256;
      raw[row + 2 + x * 3] = y % 256;
      raw[row + 3 + x * 3] = 120;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...extra.map(([type, data]) => pngChunk(type, data)),
    pngChunk('IDAT', require('zlib').deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
};
