/**
 * index.html's entry (src/entry.ts) imports the app (src/main.tsx) only after the static shell
 * is painted, so the browser does not run the app's scripts before its first frame. Its chunks
 * should still download from the start, alongside the stylesheet, not one round trip after the
 * first paint: this plugin lists main.tsx's chunk and everything it imports statically as
 * `<link rel="modulepreload">` in index.html (fetched and compiled, not run, until the import).
 * The normal build only: the offline copy is one file.
 */
import type { Plugin } from 'vite';

export function preloadApp(): Plugin {
  return {
    name: 'hvv-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return;
        const main = Object.values(bundle).find((c) => c.type === 'chunk' && /\/src\/main\.tsx$/.test(c.facadeModuleId ?? ''));
        if (!main || main.type !== 'chunk') return;
        const files = new Set<string>();
        const visit = (file: string) => {
          const c = bundle[file];
          if (files.has(file) || !c || c.type !== 'chunk') return;
          files.add(file);
          for (const i of c.imports) visit(i);
        };
        visit(main.fileName);
        const already = new Set([ctx.chunk?.fileName, ...(ctx.chunk?.imports ?? [])]);
        return [...files]
          .filter((f) => !already.has(f))
          .map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}
