// npm run test:e2e — builds both browsers' bundles (unless SKIP_BUILD=1), serves the fixture pages
// on 127.0.0.1, and runs the same end-to-end flow in Chromium (playwright-core) and Firefox ESR
// (puppeteer-core over WebDriver BiDi). Screenshots go to artifacts/<browser>/NN-name.png.
// Ends with "e2e: N passed, N failed" and a non-zero exit on any failure.
// Env: SKIP_BUILD=1, E2E_BROWSERS=chromium,firefox, CHROMIUM=…, FIREFOX=…, ARTIFACTS=dir
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, seedPages } from './server.mjs';
import { Suite, FatalError } from './harness.mjs';
import { runFlow } from './flow.mjs';
import { runCliSeed } from './cli-seed.mjs';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(ROOT);
const ARTIFACTS = path.resolve(process.env.ARTIFACTS ?? 'artifacts');
const BROWSERS = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);

const BUILDS = {
  chromium: { args: ['wxt', 'build'], out: '.output/chrome-mv3', launch: launchChromium },
  firefox: { args: ['wxt', 'build', '-b', 'firefox'], out: '.output/firefox-mv2', launch: launchFirefox },
};

function build(browser) {
  const t0 = Date.now();
  execFileSync('npx', BUILDS[browser].args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true' } });
  console.log(`[e2e] built ${BUILDS[browser].out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function runBrowser(name, server) {
  const t = new Suite(name, ARTIFACTS);
  let driver = null;
  try {
    if (process.env.SKIP_BUILD !== '1') await t.must(`build ${BUILDS[name].out}`, () => build(name));
    driver = await t.must(`${name} starts with the extension loaded`, async () => {
      const d = await BUILDS[name].launch({ extDir: path.resolve(BUILDS[name].out) });
      t.log(`   ${d.version ?? name}, extension ${d.extId}`);
      return d;
    });
    await runFlow(t, driver, { base: server.base, pages: seedPages(), artifacts: ARTIFACTS, counts: quoteCounts });
    if (name === 'chromium') await runCliSeed(t, driver, { base: server.base, pages: seedPages(), root: ROOT });
  } catch (err) {
    if (!(err instanceof FatalError)) t.fail(`${name} suite`, err instanceof Error ? err.stack ?? err.message : String(err));
  } finally {
    await driver?.close().catch(() => {});
    t.end();
  }
  return t;
}

/** Quote counts per seed page from the first browser; later browsers must find the same. */
const quoteCounts = new Map();
const server = await startServer();
const suites = [];
try {
  for (const name of BROWSERS) {
    if (!BUILDS[name]) { console.error(`[e2e] unknown browser "${name}"`); process.exitCode = 2; continue; }
    suites.push(await runBrowser(name, server));
  }
} finally {
  await server.close();
}

let passed = 0;
let failed = 0;
for (const t of suites) {
  passed += t.passed;
  failed += t.failed;
  console.log(`\n[${t.name}] ${t.passed} passed, ${t.failed} failed in ${t.seconds.toFixed(1)} s`);
  for (const f of t.failures) console.log(`  - ${f}`);
  console.log(`  screenshots: ${t.shots.length ? t.shots.join(', ') : 'none'}`);
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
if (failed > 0 || suites.length === 0) process.exitCode = 1;
