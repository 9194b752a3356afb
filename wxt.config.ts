import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { pageShellPlugin } from './scripts/page-shell';

// Manifest and build wiring only; behaviour lives in entrypoints/ and lib/.

/** Parts of the content script imported into a page's content-script world: its main part always,
 *  the others when the page needs them (lib/page/late-parts.ts). Web-accessible so that the content script may import them; in
 *  Chromium under a URL that changes each session, so a page cannot probe for them. */
const LATE_PARTS = ['page-main.js', 'page-reader.js', 'page-card.js'];
const PAGES = ['http://*/*', 'https://*/*'];

/** Origins a team's sharing database may live at (lib/share/share-config.ts shareTarget). */
const SHARE_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

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
    web_accessible_resources: browser === 'firefox' ? LATE_PARTS : [{ resources: LATE_PARTS, matches: PAGES, use_dynamic_url: true }],
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
