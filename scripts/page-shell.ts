// The extension pages' shared HTML shell, a build step wired in by wxt.config.ts.
import type { Plugin } from 'vite';

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
export const pageShellPlugin: Plugin = { name: 'verbatim-page-shell', enforce: 'pre', transformIndexHtml: { order: 'pre', handler: pageShell } };
