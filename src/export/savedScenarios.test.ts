import { describe, expect, it } from 'vitest';
import { createSavedScenarios, KEY_PREFIX, MemoryStorage, type StorageLike } from './savedScenarios';
import { makeScenario } from './scenarioFile';
import { fakeValidator, sampleConfig } from './fixtures';

const scenario = (name: string, at: string) => makeScenario({ name, seed: 1, config: sampleConfig(), savedAt: new Date(at) });

function setup(storage: StorageLike = new MemoryStorage()) {
  let n = 0;
  const saved = createSavedScenarios(storage, { validateConfig: fakeValidator, newId: () => `id${n++}` });
  return { storage, saved };
}

describe('saved scenarios', () => {
  it('saves, lists newest first, opens, renames and deletes', () => {
    const { saved, storage } = setup();
    expect(saved.save(scenario('first', '2026-01-01T00:00:00Z'))).toEqual({ ok: true, value: 'id0' });
    expect(saved.save(scenario('second', '2026-02-01T00:00:00Z'))).toEqual({ ok: true, value: 'id1' });
    expect(storage.getItem(KEY_PREFIX + 'id0')).toContain('"first"');
    expect(saved.list().entries.map((e) => e.name)).toEqual(['second', 'first']);

    const opened = saved.open('id0');
    expect(opened.ok && opened.value.scenario.config.vms).toHaveLength(3);

    const renamed = saved.rename('id0', '  renamed  ');
    expect(renamed.ok && renamed.value.name).toBe('renamed');
    expect(saved.list().entries.map((e) => e.name)).toEqual(['second', 'renamed']);
    expect(saved.rename('id0', '   ')).toMatchObject({ ok: false, problems: [{ key: 'scenarios.problem.emptyName' }] });

    expect(saved.remove('id1')).toEqual({ ok: true, value: true });
    expect(saved.list().entries.map((e) => e.id)).toEqual(['id0']);
    expect(saved.open('id1')).toMatchObject({ ok: false, problems: [{ key: 'scenarios.problem.notFound' }] });
  });

  it('reports a corrupt entry, skips it, and leaves it and the others untouched', () => {
    const { saved, storage } = setup();
    saved.save(scenario('good', '2026-01-01T00:00:00Z'));
    storage.setItem(KEY_PREFIX + 'broken', '{"schemaVersion":1,"name":"x",');
    storage.setItem(KEY_PREFIX + 'invalid', JSON.stringify({ ...scenario('bad', '2026-01-01T00:00:00Z'), seed: 'one' }));
    storage.setItem('unrelated', 'not ours');

    const list = saved.list();
    expect(list.entries.map((e) => e.name)).toEqual(['good']);
    expect(list.corrupt.map((c) => c.id)).toEqual(['broken', 'invalid']);
    expect(list.corrupt[0]!.problems[0]).toMatchObject({ key: 'scenarios.problem.json' });
    expect(list.corrupt[1]!.problems[0]).toMatchObject({ path: 'seed', key: 'scenarios.problem.type' });

    // Renaming a corrupt entry fails and does not rewrite it.
    const before = storage.getItem(KEY_PREFIX + 'broken');
    expect(saved.rename('broken', 'fixed?').ok).toBe(false);
    expect(storage.getItem(KEY_PREFIX + 'broken')).toBe(before);
    expect(saved.raw('broken')).toBe(before);
    expect(storage.getItem('unrelated')).toBe('not ours');

    // The user may delete it explicitly.
    saved.remove('broken');
    expect(saved.list().corrupt.map((c) => c.id)).toEqual(['invalid']);
  });

  it('never overwrites an existing key when an id repeats', () => {
    const storage = new MemoryStorage();
    const ids = ['same', 'same', 'other'];
    const saved = createSavedScenarios(storage, { validateConfig: fakeValidator, newId: () => ids.shift() ?? 'x' });
    expect(saved.save(scenario('a', '2026-01-01T00:00:00Z'))).toEqual({ ok: true, value: 'same' });
    expect(saved.save(scenario('b', '2026-01-01T00:00:00Z'))).toEqual({ ok: true, value: 'other' });
    expect(saved.list().entries.map((e) => e.name).sort()).toEqual(['a', 'b']);
  });

  it('reports a full storage and keeps what was there', () => {
    const storage = new MemoryStorage(6000);
    const { saved } = setup(storage);
    expect(saved.save(scenario('fits', '2026-01-01T00:00:00Z')).ok).toBe(true);
    const r = saved.save(scenario('x'.repeat(150), '2026-01-01T00:00:00Z'));
    const big = saved.save({ ...scenario('big', '2026-01-01T00:00:00Z'), changes: Array.from({ length: 200 }, (_, i) => ({ atNs: i, change: { kind: 'set-vmq' as const, on: true } })) });
    expect([r.ok, big.ok]).toContain(false);
    expect(big).toMatchObject({ ok: false, problems: [{ key: 'scenarios.problem.quota' }] });
    expect(saved.list().entries.map((e) => e.name)).toContain('fits');
  });

  it('reports storage that throws instead of throwing', () => {
    const throwing: StorageLike = {
      get length(): number {
        throw new Error('SecurityError: access denied');
      },
      key: () => null,
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const { saved } = setup(throwing);
    expect(saved.list().storageError).toMatchObject({ key: 'scenarios.problem.storage' });
    expect(saved.save(scenario('a', '2026-01-01T00:00:00Z'))).toMatchObject({ ok: false, problems: [{ key: 'scenarios.problem.storage' }] });
    expect(saved.remove('a').ok).toBe(false);
    expect(saved.raw('a')).toBeNull();
    const none = createSavedScenarios(() => null, { validateConfig: fakeValidator });
    expect(none.list().storageError).toMatchObject({ key: 'scenarios.problem.storage' });
  });
});
