/**
 * `vite build --mode offline`: one self-contained `hyperv-visualizer.html` (vite-plugin-singlefile
 * inlines every script, style and lazily loaded chunk) that opens from a folder (`file://`).
 * The strict CSP stays: each inlined script is allowed by its sha256 hash instead of
 * `'unsafe-inline'`. The "opened from a folder" notice of the normal index.html is removed
 * (this copy is the answer to it).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const OFFLINE_FILE = 'hyperv-visualizer.html';

export function offlineCopy(): Plugin {
  return {
    name: 'hvv-offline-copy',
    enforce: 'post',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html
          .replace(/<!-- file-notice -->[\s\S]*?<!-- \/file-notice -->/g, '')
          // The icon travels inside the file too.
          .replace(
            'href="./favicon.svg"',
            `href="data:image/svg+xml;base64,${readFileSync(new URL('../public/favicon.svg', import.meta.url)).toString('base64')}"`,
          ),
    },
    generateBundle(_o, bundle) {
      const page = bundle['index.html'];
      if (!page || page.type !== 'asset') return;
      page.fileName = OFFLINE_FILE;
    },
    // After vite-plugin-singlefile has inlined everything: hash what it inlined.
    writeBundle(options) {
      const file = join(options.dir ?? 'dist-offline', OFFLINE_FILE);
      let html = readFileSync(file, 'utf8');
      const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
        .filter((m) => m[1]!.trim().length > 0)
        .map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
      html = html.replace(/script-src 'self'/, `script-src 'self' ${hashes.join(' ')}`);
      writeFileSync(file, html);
    },
  };
}
