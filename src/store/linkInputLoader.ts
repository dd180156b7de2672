/**
 * Loads linkInput.ts (the zod-checked readers of outside input) on demand and hands it out
 * synchronously once it is here. boot.ts loads it before reading an address with parameters;
 * automation.ts installs `window.hvv` only after it has arrived, so `hvv.configure` stays
 * synchronous.
 */
export type LinkInput = typeof import('./linkInput');

let loaded: LinkInput | null = null;
let loading: Promise<LinkInput> | null = null;

/** The module, fetched once (a failed fetch may be retried). */
export function loadLinkInput(): Promise<LinkInput> {
  loading ??= import('./linkInput').then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** The module if it has been loaded; throws otherwise (a caller must await loadLinkInput first). */
export function linkInput(): LinkInput {
  if (!loaded) throw new Error('linkInput.ts is not loaded yet: await loadLinkInput() first');
  return loaded;
}
