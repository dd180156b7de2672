/**
 * Builds the React Flow `animateMotion` baseline page (bench/baseline) for `npm run bench:ui`,
 * with the project's own React and @xyflow/react, into dist-bench/ (not shipped).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../dist-bench', import.meta.url)), emptyOutDir: true },
});
