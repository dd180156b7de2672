/**
 * One Japanese term per concept (lesson review, December 2026). Each rule names the term we use
 * and the variants we decided against; a variant anywhere in ja.json fails the test with the key.
 *
 * | concept | term | not |
 * | register | レジスタ | レジスター |
 * | processor | プロセッサ (as in the seed) | プロセッサー |
 * | virtual function | VF (仮想ファンクション) | 仮想関数 |
 * | default queue | 既定のキュー | 既定キュー |
 * | legacy adapter | レガシ | 従来型, レガシー |
 * | the wire | 物理ポート | 回線 (回線速度 “line rate” is another concept), ケーブル (except the cost table's literal 10 m cable) |
 * | signal (ring kick, HvCallSignalEvent) | シグナル | 通知 (kept for NDIS "indicate" and 完了通知 "completion") |
 * | worker process | ワーカー プロセス | ワーカープロセス |
 * | synthetic (adapter, path) | 合成, 合成パス (as in the seed) | 統合 (kept only in 統合サービス, integration services), 合成経路 |
 * | parentheses | half-width ( ) | full-width （ ） |
 */
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import ja from './locales/ja.json';

function flatten(o: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (typeof o === 'string') out[prefix] = o;
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const JA = flatten(ja);
const EN = flatten(en);

interface Rule {
  term: string;
  banned: RegExp;
  /** Keys where the banned text is right (literal meaning). */
  except?: (key: string) => boolean;
}

const RULES: Rule[] = [
  { term: 'レジスタ', banned: /レジスター/ },
  { term: 'プロセッサ', banned: /プロセッサー/ },
  { term: 'VF (仮想ファンクション)', banned: /仮想関数/ },
  { term: '既定のキュー', banned: /既定キュー/ },
  { term: 'レガシ', banned: /従来型|レガシー/ },
  { term: '物理ポート', banned: /回線(?!速度)/ },
  { term: '物理ポート', banned: /ケーブル/, except: (k) => k.startsWith('engineText.cost.') },
  { term: 'シグナル', banned: /(?<!完了)通知(?!\s*\(DPC\)|\s*\(キュー単位)/, except: (k) => /indicat|complet/i.test(EN[k] ?? '') },
  { term: 'ワーカー プロセス', banned: /ワーカープロセス/ },
  { term: '合成 (synthetic), 合成パス', banned: /統合(?!サービス)|合成経路/ },
  { term: '( )', banned: /[（）]/ },
];

describe('Japanese terms', () => {
  for (const rule of RULES) {
    it(`uses ${rule.term}, never ${rule.banned.source}`, () => {
      const bad = Object.entries(JA)
        .filter(([k, v]) => rule.banned.test(v) && !rule.except?.(k))
        .map(([k, v]) => `${k}: ${v}`);
      expect(bad).toEqual([]);
    });
  }

  it('says シグナル (never 通知) wherever the English says signal', () => {
    const bad = Object.entries(EN)
      .filter(([k, v]) => /\bsignal/i.test(v) && /(?<!完了)通知/.test(JA[k] ?? ''))
      .map(([k]) => `${k}: ${JA[k]}`);
    expect(bad).toEqual([]);
  });

  it('introduces 仮想ファンクション only together with VF', () => {
    const bad = Object.entries(JA)
      .filter(([, v]) => /仮想ファンクション/.test(v) && !/VF \(仮想ファンクション\)/.test(v))
      .map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
  });

  it('the rules still have something to guard (each term is in use)', () => {
    const all = Object.values(JA).join('\n');
    for (const term of ['レジスタ', 'プロセッサ', 'VF (仮想ファンクション)', '既定のキュー', 'レガシ', '物理ポート', 'シグナル', 'ワーカー プロセス']) {
      expect(all).toContain(term);
    }
  });
});
