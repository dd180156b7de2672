/**
 * The installable app: a web app manifest and a Workbox service worker (vite-plugin-pwa,
 * `generateSW`) that precaches every chunk, style, locale and icon of the build, so a reload with
 * the network gone opens the app. Only the normal build has it: the offline single-file copy
 * (`--mode offline`) and pages opened from `file://` never register a worker
 * (src/view/shell/pwa.ts).
 *
 * - `registerType: 'prompt'`: a new worker waits; the app shows a quiet "new version: reload"
 *   prompt and nothing reloads until the learner presses it (no `skipWaiting`, no `clientsClaim`).
 * - `injectRegister: false`: the app registers the worker itself after the page is idle, so no
 *   inline script is added and the strict CSP (`script-src 'self'`) holds.
 * - Relative base (`./`): the manifest, the worker and every precached URL are relative to the
 *   page, so the build lives under any path; the worker's scope is the folder it is served from.
 * - Colours come from the Tailwind theme tokens in src/index.css, never written twice.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** A colour token of src/index.css's `@theme` block (light theme) or its `[data-theme="dark"]` block. */
export function themeToken(name: string, theme: 'light' | 'dark' = 'light'): string {
  const css = readFileSync(new URL('../src/index.css', import.meta.url), 'utf8');
  const block = theme === 'light' ? /@theme\s*\{([\s\S]*?)\n\}/.exec(css) : /\[data-theme="dark"\]\s*\{([\s\S]*?)\n\}/.exec(css);
  const m = block && new RegExp(`--color-${name}:\\s*(#[0-9a-fA-F]{3,8})`).exec(block[1]!);
  if (!m) throw new Error(`src/index.css has no --color-${name} in its ${theme} theme`);
  return m[1]!;
}

/** Files beside index.html that are not part of the app and must not be precached or served by the worker. */
const NOT_THE_APP = [
  'hyperv-visualizer.html', // the offline copy, 1.4 MB, a download
  'example/**', // the embedding example page
  'robots.txt',
];

export function pwa(): Plugin[] {
  const surface = themeToken('surface');
  const panel = themeToken('panel');
  return [
    ...VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // The glob below already lists the icons and favicon; listing them again would precache twice.
      includeManifestIcons: false,
      manifest: {
        name: 'Hyper-V Visualizer',
        short_name: 'Hyper-V Vis',
        description: 'Interactive simulator of Hyper-V’s I/O architecture: watch packets cross VMBus, the emulated NIC and SR-IOV, with guided lessons.',
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: surface,
        theme_color: panel,
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json}'], // the plugin adds manifest.webmanifest itself
        globIgnores: NOT_THE_APP,
        // Any navigation inside the scope (?vms=2, ?embed=1, ?notes=1 …) is the app's one page.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\/hyperv-visualizer\.html$/, /\/example\//, /\/robots\.txt$/],
        cleanupOutdatedCaches: true,
        // The source maps stay on the network (a developer's tool, 4 MB).
        dontCacheBustURLsMatching: /-[A-Za-z0-9_-]{8}\.(?:js|css)$/,
      },
    }),
    {
      // The browser's toolbar takes the header's colour, in both themes.
      name: 'hvv-theme-color',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { name: 'theme-color', content: panel, media: '(prefers-color-scheme: light)' }, injectTo: 'head' },
        { tag: 'meta', attrs: { name: 'theme-color', content: themeToken('panel', 'dark'), media: '(prefers-color-scheme: dark)' }, injectTo: 'head' },
      ],
    },
  ];
}
