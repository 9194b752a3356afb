// Seeding the reader from an archive: the `verbatim` command scans the earlier outlets' pages into
// a quote log and exports it; a fresh browser profile imports that file in the quote log page and
// then opens a later outlet's page it has never visited: its card shows the earlier outlets'
// versions, known only from the import.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assert, sleep } from './harness.mjs';
import { PAGES_DIR } from './server.mjs';
import { findMarker, importInLog, markerPoint, netanyahuReworded, pageInfoAll, waitCard, waitState } from './flow.mjs';

/** The first page that quotes Netanyahu's "do it alone" words after an earlier outlet did
 *  (flow.mjs: the Washington Post); the pages before it are what the archive holds. */
const LATER_PAGE = 2;

/**
 * @param {import('./harness.mjs').Suite} t
 * @param {any} driver
 * @param {{ base: string, pages: any[], root: string }} env
 */
export async function runCliSeed(t, driver, env) {
  const { base, pages, root } = env;
  const dir = path.join(t.dir, 'cli-seed');
  fs.mkdirSync(dir, { recursive: true });
  const store = path.join(dir, 'store.db');
  const exported = path.join(dir, 'quote-log.json');
  fs.rmSync(store, { force: true });
  const earlier = pages.slice(0, LATER_PAGE);
  const scanned = await t.check(`cli: verbatim scan --store then export of ${earlier.map((p) => p.outlet).join(', ')}`, () => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
    const bin = path.join(root, 'dist', 'verbatim.mjs');
    execFileSync(process.execPath, [bin, 'scan', '--json', '--store', store, ...earlier.map((p) => path.join(PAGES_DIR, p.file))], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(process.execPath, [bin, 'export', '--store', store, '-o', exported], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const log = JSON.parse(fs.readFileSync(exported, 'utf8'));
    assert(log.format === 'verbatim' && log.articles.length === earlier.length, `export holds ${log.articles?.length} articles`);
    t.log(`   ${log.articles.length} articles, ${log.quotes.length} quotes in ${path.relative(root, exported)}`);
    return true;
  });
  if (!scanned) return;
  let fresh = null;
  try {
    fresh = await driver.freshProfile();
    const log = await fresh.extPage('quotes.html');
    await t.check('cli: a fresh profile imports the scan\'s export in the quote log', async () => {
      await importInLog(t, log, exported);
    });
    const later = pages[LATER_PAGE];
    const host = later.file.split('/')[0];
    const page = await fresh.newPage();
    await t.check(`cli: ${host}, never visited in this profile, shows the archive's earlier versions in its card`, async () => {
      await page.goto(base + later.file);
      const st = await waitState(page, `<verbatim-root data-state> on ${host}`);
      assert(st.state === 'done', `data-state is "${st.state}"`);
      await sleep(300);
      const info = await pageInfoAll(page);
      const m = netanyahuReworded(info);
      assert(m, `no reworded/altered Netanyahu marker: ${info.markers.map((x) => `${x.id}:${x.status}`).join(', ')}`);
      const pt = await findMarker(page, m.id);
      assert(pt, `marker ${m.id} not found`);
      await sleep(150);
      const pt2 = await page.evaluate(markerPoint, m.id);
      await page.click(pt2.x, pt2.y);
      const c = await waitCard(page);
      const outlets = c.variants.map((v) => v.outlet);
      const archived = earlier.map((p) => p.outlet);
      assert(outlets.length > 0 && outlets.every((o) => archived.includes(o)), `card outlets ${JSON.stringify(outlets)}, archive ${JSON.stringify(archived)}`);
      t.log(`   card: ${c.variants.map((v) => `${v.outlet} (${v.relation}${v.earliest ? ', earliest' : ''}, ${v.link})`).join('; ')}`);
    });
    await t.shot('cli-seeded-card', (f) => page.screenshot(f));
  } catch (err) {
    t.fail('cli: seeded profile', err instanceof Error ? err.message.split('\n')[0] : String(err));
  } finally {
    await fresh?.close().catch(() => {});
  }
}
