// npm run build:cli: the `verbatim` command as plain JavaScript in dist/: verbatim.mjs and the
// extraction worker beside it, each one minified file, so that starting the command reads and
// compiles one file instead of resolving a tree of modules. The product's code and its small
// pure-JavaScript libraries are bundled in; jsdom, piscina, warcio and better-sqlite3, which load
// files of their own at run time, stay imports resolved from node_modules (and are imported only
// by the commands and inputs that need them).
import fs from 'node:fs';
import { build } from 'esbuild';
import nlp from 'compromise';

/** The only product module that imports compromise, and all it reads of it: the lexicon of
 *  `nlp.model().one.lexicon` (lib/speakers/lexicon.ts). */
const LEXICON_USER = /lib[\\/]speakers[\\/]lexicon\.ts$/;

/** Between the words of one lexicon entry list: no word of compromise's lexicon holds it. */
const WORD_SEPARATOR = '\n';

/** compromise's lexicon, as data: words grouped by their tags. Loading compromise unpacks its
 *  whole model (the lexicon, conjugation rules, the tagger's tables) when it is imported, some
 *  0.3-0.5 s of CPU in every process and worker, of which the command reads the lexicon only.
 *  The module built here hands out the very same lexicon (same words, same tags) from a string
 *  decoded on first use. */
function lexiconModule() {
  const lexicon = nlp.model().one.lexicon;
  const byTags = new Map();
  for (const [word, tags] of Object.entries(lexicon)) {
    if (word.includes(WORD_SEPARATOR)) throw new Error(`build-cli: the lexicon word ${JSON.stringify(word)} holds the separator`);
    const key = JSON.stringify(tags);
    const words = byTags.get(key);
    if (words) words.push(word);
    else byTags.set(key, [word]);
  }
  const packed = Object.fromEntries([...byTags].map(([tags, words]) => [tags, words.join(WORD_SEPARATOR)]));
  return `const packed = ${JSON.stringify(JSON.stringify(packed))};
let model = null;
function unpack() {
  const lexicon = {};
  const groups = JSON.parse(packed);
  for (const tags in groups) {
    const value = JSON.parse(tags);
    for (const word of groups[tags].split(${JSON.stringify(WORD_SEPARATOR)})) lexicon[word] = value;
  }
  return { one: { lexicon } };
}
export default { model: () => (model ??= unpack()) };
`;
}

/** Resolves compromise to the lexicon module for lexicon.ts, and fails the build for any other
 *  importer (which would need compromise itself). */
const lexiconPlugin = {
  name: 'compromise-lexicon',
  setup(b) {
    b.onResolve({ filter: /^compromise$/ }, (args) => {
      if (!LEXICON_USER.test(args.importer)) throw new Error(`build-cli: ${args.importer} imports compromise; only lib/speakers/lexicon.ts may (the command ships its lexicon alone)`);
      return { path: 'compromise-lexicon', namespace: 'compromise-lexicon' };
    });
    b.onLoad({ filter: /.*/, namespace: 'compromise-lexicon' }, () => ({ contents: lexiconModule(), loader: 'js' }));
  },
};

// Shared chunks of earlier builds: nothing loads them any more.
fs.rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: { verbatim: 'scripts/cli/bin.ts', 'extract-worker': 'scripts/cli/extract-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // --readable: names kept, for CPU profiles (node --cpu-prof dist/verbatim.mjs ...)
  minify: !process.argv.includes('--readable'),
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['jsdom', 'piscina', 'warcio', 'better-sqlite3'],
  plugins: [lexiconPlugin],
  // Bundled CommonJS packages (commander, cli-progress) require Node's modules: give them require.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __verbatimRequire } from 'node:module';\nconst require = __verbatimRequire(import.meta.url);" },
  logLevel: 'warning',
});
