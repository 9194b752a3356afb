// npm run test:e2e — builds both browsers' bundles (unless SKIP_BUILD=1), serves the fixture pages
// on 127.0.0.1, and runs the same end-to-end flow in Chromium (playwright-core) and Firefox ESR
// (puppeteer-core over WebDriver BiDi). Screenshots go to artifacts/<browser>/NN-name.png.
// Ends with "e2e: N passed, N failed" and a non-zero exit on any failure.
// Env: SKIP_BUILD=1, E2E_BROWSERS=chromium,firefox, CHROMIUM=…, FIREFOX=…, ARTIFACTS=dir
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, seedPages } from './server.mjs';
import { hostilePages } from './hostile-pages.mjs';
import { Suite, FatalError } from './harness.mjs';
import { runFlow } from './flow.mjs';
import { checkBundle, runShipped } from './shipped.mjs';
import { runCliSeed } from './cli-seed.mjs';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(ROOT);
const ARTIFACTS = path.resolve(process.env.ARTIFACTS ?? 'artifacts');
const BROWSERS = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);

// Each browser gets two builds: the shipped one (`out`), and a test build (`--mode e2e`, into
// `testOut`) whose shadow root is open and which honours ?verbatim-fallback, so that the flow can
// look inside what it draws. The shipped build is checked for what a page can see of it.
const BUILDS = {
  chromium: { args: ['wxt', 'build'], out: '.output/chrome-mv3', testOut: '.output/chrome-mv3-e2e', launch: launchChromium },
  firefox: { args: ['wxt', 'build', '-b', 'firefox'], out: '.output/firefox-mv2', testOut: '.output/firefox-mv2-e2e', launch: launchFirefox },
};

function build(browser) {
  for (const args of [BUILDS[browser].args, [...BUILDS[browser].args, '--mode', 'e2e']]) {
    const t0 = Date.now();
    execFileSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true' } });
    console.log(`[e2e] ${args.slice(1).join(' ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

async function runBrowser(name, server) {
  const t = new Suite(name, ARTIFACTS);
  let driver = null;
  try {
    const { out, testOut, launch } = BUILDS[name];
    if (process.env.SKIP_BUILD !== '1') await t.must(`build ${out} and ${testOut}`, () => build(name));
    await checkBundle(t, out);
    driver = await t.must(`${name} starts with the test build loaded`, async () => {
      const d = await launch({ extDir: path.resolve(testOut) });
      t.log(`   ${d.version ?? name}, extension ${d.extId}`);
      return d;
    });
    await runFlow(t, driver, { base: server.base, pages: seedPages(), artifacts: ARTIFACTS, counts: quoteCounts });
    if (name === 'chromium') await runCliSeed(t, driver, { base: server.base, pages: seedPages(), root: ROOT });
    await driver.close().catch(() => {});
    driver = await t.must(`${name} starts with the shipped build loaded`, () => launch({ extDir: path.resolve(out) }));
    await runShipped(t, driver, { base: server.base, pages: seedPages() });
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
const server = await startServer({ extra: hostilePages() });
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
