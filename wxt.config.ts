import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

// Manifest and build wiring only (the extension pages' shared shell among it); behaviour lives in
// entrypoints/ and lib/.

/** Origins a team's sharing database may live at (lib/share/share-config.ts shareTarget). */
const SHARE_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
/**
 * An extension page's file (entrypoints/<page>/index.html) holds only what is its own: its title,
 * WXT's manifest meta tags and its script (a note in a comment is dropped). Each is built into this
 * one shell that every page shares, the charset first, as a browser reads it only from a page's
 * first 1024 bytes.
 */
function pageShell(own: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    own.replace(/<!--[\s\S]*?-->/g, '').trim().replace(/^/gm, '    '),
    '  </head>',
    '  <body>',
    '    <div id="app"></div>',
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}
/** Runs before every other HTML step (WXT's and Vite's), so they all see a whole page. */
const pageShellPlugin: Plugin = { name: 'verbatim-page-shell', enforce: 'pre', transformIndexHtml: { order: 'pre', handler: pageShell } };

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), pageShellPlugin],
  }),
  manifest: ({ browser }) => ({
    name: 'Verbatim',
    description: 'See how news outlets quote people. Everything stays on your machine.',
    // storage: Dexie/IndexedDB and settings; activeTab + scripting: analyse any page on demand
    // from the toolbar. Host access is only for reading article pages (content script matches).
    permissions: ['storage', 'activeTab', 'scripting'],
    // Sharing the quote log with a team's CouchDB database: asked for one origin, only when the
    // user turns sharing on in the options page (https, or http on this machine). Manifest v2
    // (Firefox) lists optional origins among its optional permissions.
    ...(browser === 'firefox' ? { optional_permissions: SHARE_ORIGINS } : { optional_host_permissions: SHARE_ORIGINS }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'verbatim@verbatim.local',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
