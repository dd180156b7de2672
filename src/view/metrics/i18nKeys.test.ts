import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import ja from '../../i18n/locales/ja.json';
import { CATEGORIES, COMPARE_CASES, COMPARE_PATTERNS } from '../../analysis/compare';

/** Every key this area's views and problem lists use must exist in both languages. */
const DIRS = ['src/view/metrics', 'src/view/exports', 'src/export'];
const has = (o: unknown, key: string) => key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o) !== undefined;

const expand: Record<string, string[]> = {
  'metrics.path': ['synthetic', 'emulated', 'sriov'],
  'metrics.perPacket': ['vmExits', 'hypercalls', 'interrupts', 'copies'],
  'metrics.rings': ['out', 'in'],
  'compare.case': [...COMPARE_CASES],
  'compare.category': [...CATEGORIES],
  'compare.partition': ['root', 'hv', 'guest'],
  'compare.limit.dropsAt': ['ring', 'queue'],
  'compare.limit.res': ['ring', 'queue'],
  'compare.limit.res.wire': ['rx', 'tx'],
  'scenarios.jsonType': ['array', 'boolean', 'int', 'missing', 'null', 'number', 'object', 'string', 'NaN'],
};

function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const dir of DIRS) {
    for (const f of readdirSync(dir)) {
      if (!/\.(ts|tsx)$/.test(f) || f.endsWith('.test.ts')) continue;
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/['`]((?:metrics|compare|export|scenarios)\.[A-Za-z0-9_.]+?)(\.\$\{[^}]+\})?['`]/g)) {
        const base = m[1] as string;
        if (m[2]) for (const x of expand[base] ?? ['__missing_expansion__']) keys.add(`${base}.${x}`);
        else keys.add(base);
      }
    }
  }
  for (const p of COMPARE_PATTERNS) for (const k of ['label', 'about']) keys.add(`compare.pattern.${p}.${k}`);
  return [...keys].sort();
}

describe('i18n keys of metrics, compare, export and scenarios', () => {
  const keys = usedKeys();
  it('finds the keys in the sources', () => expect(keys.length).toBeGreaterThan(100));
  it('each one exists in English and Japanese', () => {
    expect(keys.filter((k) => !has(en, k))).toEqual([]);
    expect(keys.filter((k) => !has(ja, k))).toEqual([]);
  });
});
