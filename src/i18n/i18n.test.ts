import { describe, expect, it } from 'vitest';
import { detectLanguage, resources } from './index';

const en = resources.en.translation;
const ja = resources.ja.translation;

function keys(o: unknown, prefix = ''): string[] {
  if (o === null || typeof o !== 'object') return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n', () => {
  it('English and Japanese have exactly the same keys', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it('no string is empty', () => {
    const values = (o: unknown): unknown[] =>
      o && typeof o === 'object' ? Object.values(o).flatMap(values) : [o];
    for (const v of [...values(en), ...values(ja)]) expect(typeof v === 'string' && v.length > 0).toBe(true);
  });

  it('language follows ?lang=, then the browser, then English', () => {
    expect(detectLanguage('?lang=ja', ['en-US'])).toBe('ja');
    expect(detectLanguage('?lang=xx', ['ja-JP', 'en'])).toBe('ja');
    expect(detectLanguage('', ['fr-FR', 'de'])).toBe('en');
    expect(detectLanguage('?lang=en', ['ja'])).toBe('en');
  });
});

describe('fragment merging', () => {
  it('merges shared top-level keys key by key instead of replacing them', async () => {
    const { mergeTrees } = await import('./index');
    expect(mergeTrees<Record<string, unknown>>({ a: { x: '1' }, b: '2' }, { a: { y: '3' } })).toEqual({ a: { x: '1', y: '3' }, b: '2' });
  });

  it('my strings and the fragments do not shadow each other', () => {
    const tr = resources.en.translation as Record<string, Record<string, unknown>>;
    expect(tr.app?.title).toBe('Hyper-V Visualizer');
    expect(tr.components).toBeTypeOf('object');
  });
});
