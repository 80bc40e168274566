// Browser tests: Debian's Chromium (never a downloaded browser) against the release server,
// started here on a fresh database (SQLite or PostgreSQL, chosen by scripts/test.sh).
const { defineConfig } = require('@playwright/test');

const port = process.env.ATLAS_E2E_PORT || '3100';
const baseURL = `http://127.0.0.1:${port}`;
const server = process.env.ATLAS_SERVER || '../target/release/server';
// The SMTP sink the server delivers to (smtp-sink.js); tests read its mails over HTTP.
const smtpPort = process.env.ATLAS_E2E_SMTP_PORT || '3125';
const mailsPort = process.env.ATLAS_E2E_MAILS_PORT || '3126';
process.env.ATLAS_E2E_MAILS = `http://127.0.0.1:${mailsPort}/mails`;

module.exports = defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // In CI, one more try: a test that passes only then is listed as « flaky » in the log (to be
  // mended), while a slow moment of a loaded 2-core machine does not refuse the whole run.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
    locale: 'fr-FR',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
  webServer: [{
    command: 'node smtp-sink.js',
    url: `http://127.0.0.1:${mailsPort}/`,
    timeout: 20_000,
    reuseExistingServer: false,
    env: { ...process.env, ATLAS_E2E_SMTP_PORT: smtpPort, ATLAS_E2E_MAILS_PORT: mailsPort },
  }, {
    command: `${server} serve`,
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ...process.env,
      DATABASE_URL: process.env.ATLAS_DATABASE_URL || 'sqlite://../target/e2e.db',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT || '../target/site',
      ATLAS_REFERENCE_DIR: '../data/reference',
      // Demonstration partnerships (labelled as such on every page) so the network views have content.
      ATLAS_DEMO: '1',
      ATLAS_DEMO_FILE: '../data/demo/partenariats.csv',
      RUST_LOG: 'warn',
      // Mail goes over real SMTP to the sink; /dev/courriels shows the outbox too. Links point here.
      ATLAS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ATLAS_MAIL_FROM: 'Atlas des Régies <atlas@exemple.fr>',
      ATLAS_DEV_MAIL: '1',
      ATLAS_PUBLIC_URL: baseURL,
      // Every test writes from 127.0.0.1 in parallel: the per-client write limit (tested in
      // server/tests/corrections.rs) would make them wait on each other.
      ATLAS_WRITES_PER_MINUTE: '1000',
      // No tile server in tests (no network here): the map must stay readable with outlines only.
      ATLAS_TILE_URL: '',
    },
  }],
});
