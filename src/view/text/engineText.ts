/**
 * View-side localisation of text that originates in the engine: trace-event `detail` and `note`
 * strings, drop reasons, and the cost table's titles, sources and notes.
 *
 * The engine keeps emitting English (the CLI's JSONL and the tests depend on it). This module maps
 * each English string back to a key of `src/i18n/locales/en.json (engineText)` and renders that key in the
 * current language:
 *
 * - `locales/en.json` (`engineText`) holds every string the engine can emit, word for word, as an i18next template:
 *   `{{q}}`, `{{vf}}`, `{{mac}}`… stand for the variable parts. A template without placeholders is
 *   an exact match; templates with placeholders become anchored regular expressions, tried from
 *   the most literal text to the least so that `queue {{q}}, interrupt affinity LP {{lp}}` wins
 *   over `queue {{q}}`.
 * - Placeholders `{{detail}}` and `{{note}}` are localised recursively (e.g.
 *   `VMWP emulates: {{detail}}` with a register access as its value); all other values are kept
 *   verbatim (numbers, MAC addresses, VM ids, protocol message names).
 * - Protocol, message and register names (OPENCHANNEL, NVSP_INIT, HvCallSignalEvent, WRMSR SIMP
 *   (0x40000083), OID_…) are never translated: they either match `isProtocolToken` and pass
 *   through, or appear unchanged inside the Japanese template.
 * - Anything unknown falls back to the original English text, never to a raw key.
 * - Cost rows: when `locales/en.json` (`engineText`) no longer matches the row in `src/engine/costs.ts` (the row
 *   was edited), the English row text is shown rather than a stale translation.
 */
import type { TFunction } from 'i18next';
import { COSTS, type CostRow } from '../../engine/costs';
// Only the `engineText` part of the English file, as a module of its own (`?engine-text`, see
// build/localeParts.ts): the rest of the English text stays in its lazily loaded locale chunk.
import { engineText } from '../../i18n/locales/en.json?engine-text';

type Section = 'detail' | 'note' | 'drop';

interface Pattern {
  key: string;
  re: RegExp;
  names: string[];
  /** Characters outside placeholders: more literal text is tried first. */
  literal: number;
}

interface Table {
  exact: Map<string, string>;
  patterns: Pattern[];
}

/** What each placeholder may match. Unlisted names match any text (non-greedy). */
const SLOT: Record<string, string> = {
  q: '\\d+',
  vf: '\\d+',
  lp: '\\d+',
  n: '\\d+',
  bytes: '\\d+',
  dur: '\\d+',
  vlan: '\\d+',
  serial: '\\d+',
  allocated: '[01]',
  vm: 'vm\\d+',
  mac: '[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}',
  msg: '[A-Z][A-Z0-9_]*',
};

/** Placeholders whose values are engine text themselves. */
const NESTED = new Set(['detail', 'note']);

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(templates: Record<string, string>): Table {
  const exact = new Map<string, string>();
  const patterns: Pattern[] = [];
  for (const [key, tpl] of Object.entries(templates)) {
    const names: string[] = [];
    let src = '';
    let last = 0;
    let literal = 0;
    for (const m of tpl.matchAll(PLACEHOLDER)) {
      const lit = tpl.slice(last, m.index);
      src += escapeRe(lit);
      literal += lit.length;
      const name = m[1] as string;
      names.push(name);
      src += `(${SLOT[name] ?? '.+?'})`;
      last = (m.index as number) + m[0].length;
    }
    if (names.length === 0) {
      exact.set(tpl, key);
      continue;
    }
    const tail = tpl.slice(last);
    src += escapeRe(tail);
    literal += tail.length;
    patterns.push({ key, re: new RegExp(`^${src}$`), names, literal });
  }
  patterns.sort((a, b) => b.literal - a.literal || a.key.localeCompare(b.key));
  return { exact, patterns };
}

const TABLES: Record<Section, Table> = {
  detail: compile(engineText.detail),
  note: compile(engineText.note),
  drop: compile(engineText.drop),
};

type CostTexts = Record<string, { title: string; source: string; note?: string }>;
const COST_EN = engineText.cost as CostTexts;

/**
 * A name that is shown verbatim in every language: an all-caps protocol/message/OID identifier
 * (optionally `A:B` and a numeric suffix like ` (108)`), a hypercall `Hv…` (optionally with its
 * code), a hex number, or a synthetic MSR write `WRMSR SIMP (0x40000083)`.
 */
export function isProtocolToken(s: string): boolean {
  return (
    /^[A-Z][A-Z0-9_]*(?::[A-Z0-9_]+)?(?: \(\d+\))?$/.test(s) ||
    /^Hv[A-Z][A-Za-z]+(?: \(0x[0-9A-Fa-f]+\))?$/.test(s) ||
    /^0x[0-9A-Fa-f]+$/.test(s) ||
    /^WRMSR [A-Z0-9]+ \(0x[0-9A-Fa-f]+\)$/.test(s)
  );
}

/** Key and placeholder values of an engine string in one section, or null when unknown. */
export function matchEngineText(section: Section, text: string): { key: string; values: Record<string, string> } | null {
  const table = TABLES[section];
  const k = table.exact.get(text);
  if (k !== undefined) return { key: `engineText.${section}.${k}`, values: {} };
  for (const p of table.patterns) {
    const m = p.re.exec(text);
    if (!m) continue;
    const values: Record<string, string> = {};
    p.names.forEach((n, i) => {
      values[n] = m[i + 1] as string;
    });
    return { key: `engineText.${section}.${p.key}`, values };
  }
  return null;
}

function render(section: Section, text: string, t: TFunction, depth: number): string | null {
  const hit = matchEngineText(section, text);
  if (!hit) return null;
  const values: Record<string, string> = {};
  for (const [n, v] of Object.entries(hit.values)) values[n] = NESTED.has(n) && depth < 3 ? localizeAny(v, t, depth + 1) : v;
  const out = t(hit.key, { ...values, interpolation: { escapeValue: false } }) as unknown;
  return typeof out === 'string' && out !== hit.key && out.length > 0 ? out : null;
}

/** Any engine string (nested placeholder values): detail, then note, then drop reason. */
function localizeAny(text: string, t: TFunction, depth: number): string {
  if (isProtocolToken(text)) return text;
  return render('detail', text, t, depth) ?? render('note', text, t, depth) ?? render('drop', text, t, depth) ?? text;
}

/** A TraceEvent `detail` (message names stay verbatim; drop reasons and fault kinds are translated). */
export function localizeDetail(detail: string, t: TFunction): string {
  if (!detail || isProtocolToken(detail)) return detail;
  return render('detail', detail, t, 0) ?? render('drop', detail, t, 0) ?? render('note', detail, t, 0) ?? detail;
}

/** A TraceEvent `note`. */
export function localizeNote(note: string | undefined, t: TFunction): string {
  if (!note || isProtocolToken(note)) return note ?? '';
  return render('note', note, t, 0) ?? render('detail', note, t, 0) ?? note;
}

/** A drop reason (`ring-full`, `nic-queue-full`, ...): the translation keeps the code in brackets. */
export function localizeDropReason(reason: string, t: TFunction): string {
  if (!reason) return reason;
  return render('drop', reason, t, 0) ?? reason;
}

/** The `detail` of an event, read as a drop reason for drops. */
export function localizeEventDetail(e: { kind: string; detail: string }, t: TFunction): string {
  return e.kind === 'drop' ? localizeDropReason(e.detail, t) : localizeDetail(e.detail, t);
}

export interface CostRowText {
  id: string;
  /** The hop the row describes, translated. */
  title: string;
  /** The source, translated around its citations (row ids, papers, fact-sheet sections stay as they are). */
  source: string;
  note: string | null;
  modelEstimate: boolean;
  unverified: boolean;
}

/** Translated title, source and note of a cost-table row. */
export function costRowText(row: CostRow, t: TFunction): CostRowText {
  const ref = COST_EN[row.id];
  const pick = (field: 'title' | 'source' | 'note', english: string | undefined): string | null => {
    if (english === undefined) return null;
    // Only translate while the English reference still matches the row word for word.
    if (!ref || ref[field] !== english) return english;
    const key = `engineText.cost.${row.id}.${field}`;
    const out = t(key, { interpolation: { escapeValue: false } }) as unknown;
    return typeof out === 'string' && out !== key && out.length > 0 ? out : english;
  };
  return {
    id: row.id,
    title: pick('title', row.hop) as string,
    source: pick('source', row.source) as string,
    note: pick('note', row.note),
    modelEstimate: /model estimate/i.test(row.source),
    unverified: row.unverified === true,
  };
}

/** Same as `costRowText` for a row id; null when the id is unknown. */
export function costRowTextById(id: string | null | undefined, t: TFunction): CostRowText | null {
  const row = id ? (COSTS as Readonly<Record<string, CostRow>>)[id] : undefined;
  return row ? costRowText(row, t) : null;
}

/** A figure-source line (`{ id, hop, source }`) with its hop and source translated. */
export function localizeSourceLine<L extends { id: string; hop: string; source: string }>(line: L, t: TFunction): L {
  const r = costRowTextById(line.id, t);
  return r ? { ...line, hop: r.title, source: r.source } : line;
}
