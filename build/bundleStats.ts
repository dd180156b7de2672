/**
 * A Vite plugin that records, for every JS chunk of the build, its static and dynamic imports,
 * the module it was built from (locale files are recognised by it) and each module's rendered
 * size, into `.vite/bundle-stats.json` in the output directory. `scripts/bundle-budget.mjs` reads
 * it to check the first-paint budget and to say which modules grew.
 */
import type { Plugin } from 'vite';

export interface ChunkStats {
  file: string;
  isEntry: boolean;
  facade: string | null;
  imports: string[];
  dynamicImports: string[];
  /** module id (relative to the project root) → rendered length in bytes, before minification */
  modules: Record<string, number>;
}

export function bundleStats(root: string): Plugin {
  return {
    name: 'hvv-bundle-stats',
    apply: 'build',
    generateBundle(_options, bundle) {
      const rel = (id: string) => id.replace(root, '').replace(/^\/+/, '');
      const chunks: ChunkStats[] = [];
      for (const c of Object.values(bundle)) {
        if (c.type !== 'chunk') continue;
        chunks.push({
          file: c.fileName,
          isEntry: c.isEntry,
          facade: c.facadeModuleId ? rel(c.facadeModuleId) : null,
          imports: c.imports,
          dynamicImports: c.dynamicImports,
          modules: Object.fromEntries(Object.entries(c.modules).map(([id, m]) => [rel(id), m.renderedLength])),
        });
      }
      this.emitFile({ type: 'asset', fileName: '.vite/bundle-stats.json', source: JSON.stringify({ chunks }, null, 1) });
    },
  };
}
