import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGES, languageName } from './index';
import { reference, resources } from './resources';

function leaves(o: unknown, prefix = ''): string[] {
  if (o === null || typeof o !== 'object') return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n', () => {
  it('finds one locale file per language, English first', () => {
    expect(LANGUAGES[0]).toBe('en');
    expect(LANGUAGES).toContain('ja');
    expect(languageName('ja')).toBe('日本語');
  });

  it.each(LANGUAGES)('%s: the switcher’s name before the locale loads is its language.self', (lang) => {
    const self = (resources[lang]?.translation as { language?: { self?: string } } | undefined)?.language?.self;
    expect(languageName(lang)).toBe(self);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of English', (lang) => {
    expect(leaves(resources[lang]?.translation).sort()).toEqual(leaves(reference).sort());
  });

  it('no string is empty', () => {
    const values = (o: unknown): unknown[] => (o && typeof o === 'object' ? Object.values(o).flatMap(values) : [o]);
    for (const lang of LANGUAGES) for (const v of values(resources[lang]?.translation)) expect(typeof v === 'string' && v.length > 0).toBe(true);
  });

  it('language follows ?lang=, then the browser, then English', () => {
    expect(detectLanguage('?lang=ja', ['en-US'])).toBe('ja');
    expect(detectLanguage('?lang=xx', ['ja-JP', 'en'])).toBe('ja');
    expect(detectLanguage('', ['fr-FR', 'de'])).toBe('en');
    expect(detectLanguage('?lang=en', ['ja'])).toBe('en');
  });
});
