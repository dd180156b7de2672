import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import ja from '../i18n/locales/ja.json';
import {
  buildQuestion,
  expectedChoice,
  explainOutcome,
  generateQuestion,
  generateQuiz,
  gradeQuestion,
  runQuestion,
  type Question,
  type QuestionSpec,
} from './questions';

const spec = (o: Partial<QuestionSpec>): QuestionSpec => ({
  id: 't',
  kind: 'path',
  direction: 'tx',
  adapters: ['synthetic', 'synthetic'],
  target: 0,
  sriov: false,
  vfCount: 4,
  vmq: false,
  vmqQueues: 4,
  removeVf: false,
  engineSeed: 7,
  ...o,
});

function lookup(root: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), root);
}

/** A wrong answer: any choice other than the engine's. */
const wrong = (q: Question, expected: string | null) => q.choices.find((c) => c.id !== expected)!.id;

describe('questions are graded against the engine', () => {
  it('path: synthetic, emulated and SR-IOV adapters take their own paths', () => {
    const cases = [
      { adapters: ['synthetic', 'emulated'] as const, target: 0, sriov: false, want: 'synthetic' },
      { adapters: ['synthetic', 'emulated'] as const, target: 1, sriov: false, want: 'emulated' },
      { adapters: ['sriov', 'synthetic'] as const, target: 0, sriov: true, want: 'sriov' },
    ];
    for (const c of cases) {
      for (const direction of ['tx', 'rx'] as const) {
        const q = buildQuestion(spec({ adapters: [...c.adapters], target: c.target, sriov: c.sriov, direction }));
        const g = gradeQuestion(q, c.want);
        expect(g.outcome.delivered, `${c.want} ${direction}`).toBe(true);
        expect(g.expected, `${c.want} ${direction}`).toBe(c.want);
        expect(g.correct).toBe(true);
        expect(gradeQuestion(q, wrong(q, c.want)).correct).toBe(false);
      }
    }
  });

  it('path: an SR-IOV adapter without a VF falls back to the synthetic path', () => {
    for (const s of [
      spec({ adapters: ['sriov'], sriov: false }),
      spec({ adapters: ['sriov'], sriov: true, vfCount: 0 }),
      spec({ adapters: ['sriov'], sriov: true, removeVf: true }),
    ]) {
      const q = buildQuestion(s);
      const g = gradeQuestion(q, 'synthetic');
      expect(g.expected).toBe('synthetic');
      expect(g.correct).toBe(true);
      expect(gradeQuestion(q, 'sriov').correct).toBe(false);
      expect(explainOutcome(q, g.outcome)[0]?.key).toMatch(/sriovHostOff|noVf|vfRemoved/);
    }
  });

  it('component: the engine decides which component processes a received frame', () => {
    const want = { synthetic: 'root.netvsp.vm2', emulated: 'root.vmwp.vm2', sriov: 'vm2.vf' } as const;
    for (const a of ['synthetic', 'emulated', 'sriov'] as const) {
      const q = buildQuestion(spec({ kind: 'component', direction: 'rx', adapters: ['synthetic', a], target: 1, sriov: true }));
      const g = gradeQuestion(q, want[a]);
      expect(g.expected, a).toBe(want[a]);
      expect(g.correct).toBe(true);
      expect(g.outcome.route).toContain(want[a]);
      expect(gradeQuestion(q, wrong(q, want[a])).correct).toBe(false);
    }
  });

  it('exits: the emulated adapter costs VM exits, the synthetic and VF paths none for data', () => {
    const emu = buildQuestion(spec({ kind: 'exits', adapters: ['emulated'], direction: 'rx' }));
    const emuGrade = gradeQuestion(emu, '0');
    expect(emuGrade.outcome.vmExits).toBeGreaterThan(0);
    expect(emuGrade.correct).toBe(false);
    expect(gradeQuestion(emu, emuGrade.expected!).correct).toBe(true);

    const syn = buildQuestion(spec({ kind: 'exits', adapters: ['synthetic'], direction: 'tx' }));
    const synGrade = gradeQuestion(syn, '0');
    expect(synGrade.outcome.vmExits).toBe(0);
    expect(synGrade.correct).toBe(true);
    expect(gradeQuestion(syn, '5+').correct).toBe(false);
  });

  it('the outcome is the engine’s: the same question run twice gives the same trace', () => {
    const q = generateQuestion(3, 1);
    const a = runQuestion(q);
    const b = runQuestion(q);
    expect(a.events.map((e) => e.seq)).toEqual(b.events.map((e) => e.seq));
    expect(a.packetId).not.toBeNull();
    expect(expectedChoice(q, a)).toBe(expectedChoice(q, b));
  });
});

describe('question generation', () => {
  it('is deterministic for a seed', () => {
    const a = generateQuiz(42, 3);
    const b = generateQuiz(42, 3);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('varies with the seed: VMs, adapters, toggles, directions and kinds', () => {
    const qs = Array.from({ length: 24 }, (_, i) => generateQuestion(i + 1, 0));
    const signature = (q: Question) =>
      JSON.stringify([q.kind, q.vm, q.direction, q.config.vms.map((v) => v.adapter), q.config.sriov, q.config.vmq, q.config.faults.length]);
    expect(new Set(qs.map(signature)).size).toBeGreaterThan(15);
    expect(new Set(qs.map((q) => q.kind)).size).toBe(3);
    expect(new Set(qs.map((q) => q.direction)).size).toBe(2);
    expect(new Set(qs.map((q) => q.config.vms.length)).size).toBeGreaterThan(1);
    expect(new Set(qs.map((q) => q.config.sriov)).size).toBe(2);
  });

  it('a quiz rotates through the three kinds', () => {
    expect(generateQuiz(5, 3).map((q) => q.kind).sort()).toEqual(['component', 'exits', 'path']);
  });

  it('every generated question has its texts in both languages and an answer the engine can decide', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const q = generateQuestion(seed, seed % 3);
      for (const dict of [en, ja]) {
        for (const k of [`${q.promptKey}`, ...q.facts.map((f) => f.key), ...q.choices.map((c) => c.labelKey)]) {
          expect(typeof lookup(dict, k), k).toBe('string');
        }
      }
      const g = gradeQuestion(q, q.choices[0]!.id);
      expect(g.outcome.packetId, q.id).not.toBeNull();
      expect(g.expected, q.id).not.toBeNull();
      for (const f of explainOutcome(q, g.outcome)) expect(typeof lookup(en, f.key), f.key).toBe('string');
    }
  });
});
