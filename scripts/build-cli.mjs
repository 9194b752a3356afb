// npm run build:cli: the `verbatim` command as plain JavaScript in dist/ (verbatim.mjs and the
// extraction worker beside it). The product's code and its small pure-JavaScript libraries are
// bundled in; jsdom, piscina and warcio, which load files of their own at run time, stay imports
// resolved from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: { verbatim: 'scripts/cli/bin.ts', 'extract-worker': 'scripts/cli/extract-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Commands import their modules when they run (main.ts): shared code goes into chunks.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['jsdom', 'piscina', 'warcio', 'better-sqlite3'],
  // Bundled CommonJS packages (commander, cli-progress) require Node's modules: give them require.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __verbatimRequire } from 'node:module';\nconst require = __verbatimRequire(import.meta.url);" },
  logLevel: 'warning',
});
