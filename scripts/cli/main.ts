// verbatim: the command line. `scan` reads articles (files, folders, standard input, web archives)
// into the quote store and prints every quote and every pair judged the same utterance; `match`
// lists the statements the store holds in more than one version; `export` and `import` move the
// store as the quote log JSON the extension reads and writes.
//
// Each command's modules are imported when it runs: the page pipeline's word lists and taggers
// take most of a second to load, which `--help`, `export` or `import` never need.
import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ScanFormat } from './scan-command';
import { defaultWorkers, POOL_MIN_INPUTS } from './pool-size';
import { addPushCommand } from './push-command';

const openScanStore = async (file: string | null) => (await import('./store')).openScanStore(file);

type OpenStore = Awaited<ReturnType<typeof openScanStore>>;

/** Runs one command on the store file, closing the store however the command ends. */
async function withStore(file: string | null, run: (store: OpenStore) => Promise<void>): Promise<void> {
  const store = await openScanStore(file);
  try {
    await run(store);
  } finally {
    store.close();
  }
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

export function program(): Command {
  const cli = new Command('verbatim')
    .description('Find quotations in news articles, name their speakers and match them across outlets.')
    .showHelpAfterError()
    .exitOverride();
  const storeOption = () => new Option('-s, --store <file>', 'quote log file kept between runs (created when missing)');

  cli
    .command('scan')
    .description('scan articles: .html/.htm pages, .txt (one paragraph per line), folders, WARC/WARC.gz archives, - for standard input')
    .argument('<inputs...>', 'files, folders, web archives or -')
    .addOption(new Option('--json', 'one JSON document: {articles, variants}').conflicts('jsonl'))
    .addOption(new Option('--jsonl', 'one JSON line per article as it is done, then one per variant pair'))
    .addOption(storeOption())
    .addOption(new Option('-w, --workers <n>', 'extraction threads (0: on the main thread)').argParser(count).default('auto', `cores less one (${defaultWorkers()} here), started once a scan has more than ${POOL_MIN_INPUTS} inputs`))
    .option('--no-progress', 'no progress bar (it shows only when standard error is a terminal)')
    .action(async (inputs: string[], opts: { json?: boolean; jsonl?: boolean; store?: string; workers: number | 'auto'; progress: boolean }) => {
      const format: ScanFormat = opts.json ? 'json' : opts.jsonl ? 'jsonl' : 'table';
      await withStore(opts.store ?? null, async (store) => {
        const progress = opts.progress && !!process.stderr.isTTY && !(format === 'table' && process.stdout.isTTY);
        const { scanCommand } = await import('./scan-command');
        process.exitCode = await scanCommand(inputs, { format, workers: opts.workers, progress, store, out: process.stdout, err: process.stderr });
      });
    });

  cli
    .command('match')
    .description('the statements the store holds in more than one version, each version graded against the earliest')
    .addOption(storeOption().makeOptionMandatory())
    .option('--json', 'one JSON document')
    .action(async (opts: { store: string; json?: boolean }) => {
      await withStore(opts.store, async (store) => {
        const { matchCommand } = await import('./match-command');
        process.exitCode = await matchCommand(store.db, { json: !!opts.json, out: process.stdout });
      });
    });

  cli
    .command('export')
    .description("write the store as the quote log JSON the extension imports (its quote log's Import)")
    .addOption(storeOption().makeOptionMandatory())
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: { store: string; output?: string }) => {
      await withStore(opts.store, async (store) => {
        const { exportJson } = await import('../../lib/store/export');
        const json = await exportJson(store.db, Date.now());
        if (opts.output) fs.writeFileSync(opts.output, json);
        else await new Promise<void>((resolve) => process.stdout.write(json + '\n', () => resolve()));
      });
    });

  cli
    .command('import')
    .description('merge quote log JSON files (exported by the extension or by this command) into the store')
    .argument('<files...>', 'quote log JSON files')
    .addOption(storeOption().makeOptionMandatory())
    .action(async (files: string[], opts: { store: string }) => {
      const { importJson } = await import('../../lib/store/export');
      await withStore(opts.store, async (store) => {
        for (const file of files) {
          let text: string;
          try {
            text = fs.readFileSync(file, 'utf8');
          } catch (e) {
            console.error(`error: ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
            process.exitCode = 1;
            continue;
          }
          const result = await importJson(store.db, text);
          if (result.ok) {
            console.error(`${file}: ${result.added.articles} articles, ${result.added.quotes} quotes, ${result.added.speakers} speakers added; ${result.merged.articles} articles merged`);
          } else {
            console.error(`error: ${file}: ${result.errors.join('\n  ')}`);
            process.exitCode = 1;
          }
        }
      });
    });
  addPushCommand(cli, storeOption);
  return cli;
}

/** Runs the command line; resolves to the exit code. Output is flushed by then: the caller lets
 *  the process end by itself instead of calling process.exit(). */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    const code = (e as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // help and version are not failures; usage errors were already explained on stderr
      return code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help' ? 0 : 2;
    }
    if ((e as Error).name === 'StoreError') {
      console.error(`error: ${(e as Error).message}`);
      return 1;
    }
    console.error(`verbatim failed: ${(e as Error).stack ?? e}`);
    return 1;
  }
}
