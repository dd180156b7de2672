import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { bundleStats } from './build/bundleStats';
import { localeParts } from './build/localeParts';
import { offlineCopy } from './build/offlineCopy';
import { preloadApp } from './build/preloadApp';
import { pwa } from './build/pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';

const root = fileURLToPath(new URL('.', import.meta.url));

// Relative base: the static build works from any host path or a file share.
// `--mode offline` (npm run build:offline) writes one self-contained file, see build/offlineCopy.ts;
// only the normal build is an installable app with a service worker (build/pwa.ts).
export default defineConfig(({ mode }) => {
  const offline = mode === 'offline';
  return {
    base: './',
    publicDir: offline ? false : 'public',
    plugins: [
      react(),
      tailwindcss(),
      localeParts(),
      ...(offline ? [viteSingleFile({ removeViteModuleLoader: true }), offlineCopy()] : [bundleStats(root), preloadApp(), ...pwa()]),
    ],
    build: offline
      ? { target: 'es2022', outDir: 'dist-offline', sourcemap: false, assetsInlineLimit: 100_000_000 }
      : { target: 'es2022', sourcemap: true },
    server: { port: 5173 },
    preview: { port: 4173 },
  };
});
