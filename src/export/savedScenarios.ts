/**
 * Saved scenarios in the browser's storage (localStorage in the app; any Storage-like object in
 * tests). Each scenario is stored under its own key, `hvv.scenario.<id>`, holding the scenario
 * file's JSON text, so a corrupt entry cannot take the others with it.
 *
 * Rules:
 * - `list()` reads every entry; a corrupt one is reported (with its problems) and skipped. Nothing
 *   is ever deleted or rewritten on the user's behalf.
 * - `rename()` rewrites an entry only after it parsed; a corrupt entry is left exactly as it is.
 * - `save()` writes a new key and never replaces an existing one; a failed write (quota, storage
 *   disabled) is reported and leaves the previous contents unchanged.
 * - Storage that throws on access (private mode, disabled cookies) is reported, never thrown.
 */
import { parseScenarioFile, serializeScenario, type ConfigValidator, type ScenarioFile } from './scenarioFile';
import type { Problem } from './problems';

/** The part of the Web Storage API used here. */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const KEY_PREFIX = 'hvv.scenario.';

export interface SavedEntry {
  id: string;
  name: string;
  savedAt: string;
  scenario: ScenarioFile;
}

export interface CorruptEntry {
  id: string;
  problems: Problem[];
}

export interface SavedList {
  entries: SavedEntry[];
  corrupt: CorruptEntry[];
  /** Set when the storage itself could not be read. */
  storageError: Problem | null;
}

export type StoreResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

const storageProblem = (err: unknown, key = 'scenarios.problem.storage'): Problem => ({
  path: '(storage)',
  key,
  params: { detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) },
});

/** Quota errors have different names and codes across browsers. */
function isQuotaError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

export interface SavedScenariosOptions {
  validateConfig: ConfigValidator;
  /** New ids; default: time + counter, base 36. Injected for tests. */
  newId?: () => string;
}

export function createSavedScenarios(storage: StorageLike | null | (() => StorageLike | null), opts: SavedScenariosOptions) {
  let counter = 0;
  const newId = opts.newId ?? (() => `${Date.now().toString(36)}-${(counter++).toString(36)}`);
  const getStorage = (): StorageLike => {
    const s = typeof storage === 'function' ? storage() : storage;
    if (!s) throw new Error('storage unavailable');
    return s;
  };

  function keys(): string[] {
    const s = getStorage();
    const out: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k !== null && k.startsWith(KEY_PREFIX)) out.push(k);
    }
    return out;
  }

  function read(id: string): { ok: true; entry: SavedEntry } | { ok: false; problems: Problem[] } {
    const text = getStorage().getItem(KEY_PREFIX + id);
    if (text === null) return { ok: false, problems: [{ path: '(storage)', key: 'scenarios.problem.notFound', params: { id } }] };
    const r = parseScenarioFile(text, opts.validateConfig);
    if (!r.ok) return r;
    return { ok: true, entry: { id, name: r.scenario.name, savedAt: r.scenario.savedAt, scenario: r.scenario } };
  }

  return {
    /** Every entry that parses, newest first, and every one that does not. */
    list(): SavedList {
      const result: SavedList = { entries: [], corrupt: [], storageError: null };
      let ks: string[];
      try {
        ks = keys();
      } catch (err) {
        result.storageError = storageProblem(err);
        return result;
      }
      for (const k of ks) {
        const id = k.slice(KEY_PREFIX.length);
        try {
          const r = read(id);
          if (r.ok) result.entries.push(r.entry);
          else result.corrupt.push({ id, problems: r.problems });
        } catch (err) {
          result.corrupt.push({ id, problems: [storageProblem(err)] });
        }
      }
      result.entries.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : a.id < b.id ? 1 : -1));
      result.corrupt.sort((a, b) => (a.id < b.id ? -1 : 1));
      return result;
    },

    /** One entry, checked. */
    open(id: string): StoreResult<SavedEntry> {
      try {
        const r = read(id);
        return r.ok ? { ok: true, value: r.entry } : r;
      } catch (err) {
        return { ok: false, problems: [storageProblem(err)] };
      }
    },

    /** Store a new entry; returns its id. Never replaces an existing key. */
    save(scenario: ScenarioFile): StoreResult<string> {
      try {
        const s = getStorage();
        let id = newId();
        for (let guard = 0; s.getItem(KEY_PREFIX + id) !== null; guard++) {
          if (guard > 1000) throw new Error('no free id');
          id = newId();
        }
        s.setItem(KEY_PREFIX + id, serializeScenario(scenario));
        return { ok: true, value: id };
      } catch (err) {
        return { ok: false, problems: [storageProblem(err, isQuotaError(err) ? 'scenarios.problem.quota' : 'scenarios.problem.storage')] };
      }
    },

    /** Rename an entry that parses; a corrupt or missing entry is left untouched and reported. */
    rename(id: string, name: string): StoreResult<SavedEntry> {
      const trimmed = name.trim();
      if (trimmed.length === 0) return { ok: false, problems: [{ path: 'name', key: 'scenarios.problem.emptyName', params: {} }] };
      try {
        const r = read(id);
        if (!r.ok) return r;
        const next: ScenarioFile = { ...r.entry.scenario, name: trimmed.slice(0, 200) };
        getStorage().setItem(KEY_PREFIX + id, serializeScenario(next));
        return { ok: true, value: { ...r.entry, name: next.name, scenario: next } };
      } catch (err) {
        return { ok: false, problems: [storageProblem(err, isQuotaError(err) ? 'scenarios.problem.quota' : 'scenarios.problem.storage')] };
      }
    },

    /** Delete an entry (the user asked; corrupt entries can be deleted too). */
    remove(id: string): StoreResult<true> {
      try {
        getStorage().removeItem(KEY_PREFIX + id);
        return { ok: true, value: true };
      } catch (err) {
        return { ok: false, problems: [storageProblem(err)] };
      }
    },

    /** The raw text of an entry (to let the user download a corrupt one before deleting it). */
    raw(id: string): string | null {
      try {
        return getStorage().getItem(KEY_PREFIX + id);
      } catch {
        return null;
      }
    },
  };
}

export type SavedScenarios = ReturnType<typeof createSavedScenarios>;

/** An in-memory Storage for tests and for browsers where localStorage is unavailable. */
export class MemoryStorage implements StorageLike {
  private readonly map = new Map<string, string>();
  constructor(private readonly quotaChars = Infinity) {}
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    let used = 0;
    for (const [key, val] of this.map) if (key !== k) used += key.length + val.length;
    if (used + k.length + v.length > this.quotaChars) {
      const e = new Error('quota exceeded');
      e.name = 'QuotaExceededError';
      throw e;
    }
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}
