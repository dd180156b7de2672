import { describe, expect, it } from 'vitest';
import { buildTopology } from '../engine/topology';
import en from '../i18n/locales/en.json';
import ja from '../i18n/locales/ja.json';
import { LESSONS } from './lessons';
import { expandIds } from './predicates';
import { sceneIndex } from './runner';
import { lessonKeys, type Lesson } from './types';

function lookup(root: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), root);
}

/** The overview's order (shared/seeds/hyper-v-overview.ja.txt), as the brief lists it. */
const ORDER = ['partitions', 'processors', 'iommu', 'vmbus', 'vspVsc', 'synthetic', 'emulated', 'vmq', 'vrss', 'sriov', 'failover', 'vswitch', 'offloads'];

describe('lessons', () => {
  it('cover the overview in its order, each with at least four steps', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(ORDER);
    for (const l of LESSONS) expect(l.steps.length).toBeGreaterThanOrEqual(4);
  });

  it('have unique step ids and start with a scene', () => {
    for (const l of LESSONS) {
      expect(new Set(l.steps.map((s) => s.id)).size).toBe(l.steps.length);
      expect(l.steps[0]?.scene).toBeDefined();
    }
  });

  it('bring a new scene after every question step (the question loaded its own host)', () => {
    for (const l of LESSONS) {
      l.steps.forEach((s, i) => {
        const following = l.steps[i + 1];
        if (s.question && following) expect(following.scene, `${l.id}.${following.id}`).toBeDefined();
      });
    }
    expect(LESSONS.flatMap((l) => l.steps.filter((s) => s.question)).length).toBeGreaterThanOrEqual(3);
  });

  it('have every text in English and Japanese', () => {
    for (const dict of [en, ja]) {
      for (const l of LESSONS) {
        const keys = [lessonKeys.title(l.id), lessonKeys.summary(l.id)];
        for (const s of l.steps) {
          keys.push(lessonKeys.stepTitle(l.id, s.id), lessonKeys.stepBody(l.id, s.id));
          if (s.waitFor) keys.push(lessonKeys.wait(s.waitFor.label));
        }
        for (const k of keys) expect(typeof lookup(dict, k), k).toBe('string');
      }
    }
  });

  it('keep Hyper-V terms spelled as Hyper-V spells them in Japanese', () => {
    const text = JSON.stringify(ja);
    for (const term of ['VMBus', 'NetVSC', 'NetVSP', 'SR-IOV', 'VF', 'VMQ', 'IOMMU', 'GPADL', 'SynIC']) {
      expect(text).toContain(term);
    }
  });

  it('do not hard-code live numbers in narration that has a readout', () => {
    for (const dict of [en, ja]) {
      for (const l of LESSONS) {
        for (const s of l.steps) {
          if (!s.readouts?.length) continue;
          const body = lookup(dict, lessonKeys.stepBody(l.id, s.id)) as string;
          // Digits may appear in names (Intel 21140, vm2, LP 0) but not as a measured value.
          expect(body.replace(/21140|vm\d|LP \d|0x[0-9a-f]+/gi, ''), `${l.id}.${s.id}`).not.toMatch(/\d+(\.\d+)?\s*(%|µs|ns|exits|回|個)/);
        }
      }
    }
  });

  it('highlight only components that exist in the step’s scene', () => {
    const check = (l: Lesson) => {
      l.steps.forEach((s, i) => {
        if (!s.highlight) return;
        const scene = l.steps[sceneIndex(l, i)]?.scene;
        expect(scene, `${l.id}.${s.id}`).toBeDefined();
        const ids = buildTopology(scene!.config()).components.map((c) => c.id);
        for (const p of s.highlight) {
          expect(expandIds([p], ids).length, `${l.id}.${s.id}: ${p}`).toBeGreaterThan(0);
        }
      });
    };
    LESSONS.forEach(check);
  });
});

describe('lesson recaps', () => {
  it('every lesson ends with two or three things to remember, in both languages', () => {
    for (const l of LESSONS) {
      expect(l.recap?.length ?? 0, l.id).toBeGreaterThanOrEqual(2);
      expect(l.recap!.length, l.id).toBeLessThanOrEqual(3);
      for (const item of l.recap!) {
        for (const dict of [en, ja]) expect(typeof lookup(dict, lessonKeys.recap(l.id, item.id)), `${l.id}.${item.id}`).toBe('string');
      }
    }
  });

  it('each recap item links to a step whose live readouts show it', () => {
    for (const l of LESSONS) {
      for (const item of l.recap ?? []) {
        const target = LESSONS.find((x) => x.id === (item.show.lesson ?? l.id));
        const step = target?.steps.find((s) => s.id === item.show.step);
        expect(step, `${l.id}.${item.id} → ${item.show.lesson ?? l.id}.${item.show.step}`).toBeDefined();
        const shown = (step!.readouts ?? []).some((r) => r.kind === item.show.readout && r.vm === item.show.vm);
        expect(shown, `${l.id}.${item.id}: ${item.show.readout} ${item.show.vm ?? ''} on ${item.show.step}`).toBe(true);
      }
    }
  });

  it('the three anchor figures are in the recaps: ≈100 Mb/s, 3–5 Gb/s per core, SR-IOV near line rate with no root CPU', () => {
    const recaps = (dict: unknown) => LESSONS.flatMap((l) => (l.recap ?? []).map((i) => lookup(dict, lessonKeys.recap(l.id, i.id)) as string)).join('\n');
    expect(recaps(en)).toMatch(/≈100 Mb\/s/);
    expect(recaps(en)).toMatch(/3–5 Gb\/s of receive per host core/);
    expect(recaps(en)).toMatch(/near line rate with no root CPU/);
    expect(recaps(ja)).toMatch(/約 100 Mb\/s/);
    expect(recaps(ja)).toMatch(/3～5 Gb\/s/);
  });
});
