import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { bundleStats } from './build/bundleStats';
import { localeParts } from './build/localeParts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Relative base: the static build works from any host path or a file share.
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss(), localeParts(), bundleStats(root)],
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
