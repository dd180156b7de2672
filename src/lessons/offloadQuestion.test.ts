/** The `vmbusPackets` question (offloads lesson): the engine decides, with LSO on and off. */
import { describe, expect, it } from 'vitest';
import { buildQuestion, explainOutcome, gradeQuestion, LARGE_SEND_FRAMES } from './questions';

const spec = (lso: boolean) => ({ id: `lso-${lso}`, kind: 'vmbusPackets' as const, direction: 'tx' as const, adapters: ['synthetic' as const], target: 0, sriov: false, vfCount: 4, vmq: true, vmqQueues: 4, removeVf: false, engineSeed: 7, nic: { lso } });

describe('how many VMBus packets carry a 64 KB send', () => {
  it('one with LSO on (GPA-direct, all frames), one per frame with it off', () => {
    const on = buildQuestion(spec(true));
    const g = gradeQuestion(on, 'one');
    expect(g.correct).toBe(true);
    expect(g.outcome.frames).toBe(LARGE_SEND_FRAMES);
    expect(g.outcome.vmbusPackets).toBe(1);
    expect(explainOutcome(on, g.outcome).map((f) => f.key)).toContain('quiz.why.vmbusPackets.one');
    expect(on.facts.map((f) => f.key)).toEqual(expect.arrayContaining(['quiz.fact.lsoOn', 'quiz.fact.largeSend']));
    const off = gradeQuestion(buildQuestion(spec(false)), 'one');
    expect(off.expected).toBe('perFrame');
  });
});
