import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../engine/types';
import { fixedTranslators } from '../../i18n/testing';
import type { PendingEffect } from '../../store/pending';
import { groupPending, pendingGroupLine } from './PendingStrip';

let tEn: TFunction;
let tJa: TFunction;
beforeAll(async () => {
  ({ en: tEn, ja: tJa } = await fixedTranslators());
});

const p = (n: number, step: PendingEffect['step'] = 'vfBringUp'): PendingEffect => ({ vm: `vm${n}` as VmId, step, componentId: `vm${n}.vf`, target: 'sriov', last: null });

describe('the pending strip: one line per step, not per VM', () => {
  it('groups VMs waiting for the same step, in order', () => {
    const g = groupPending([p(3), p(4), p(2, 'vmqRelease'), p(5)]);
    expect(g.map((x) => x.map((e) => e.vm).join(','))).toEqual(['vm3,vm4,vm5', 'vm2']);
  });
  it('names one VM as before, a few by name, many with a count (en, ja)', () => {
    const t = tEn as unknown as (k: string, o?: Record<string, unknown>) => string;
    expect(pendingGroupLine([p(3)], t, 'en')).toBe('vm3 waits for the VF bring-up; then its traffic takes the SR-IOV route');
    expect(pendingGroupLine([p(2, 'vmqRelease'), p(3, 'vmqRelease')], t, 'en')).toBe('vm2 and vm3 wait for the VMQ queue release; then their receive work moves');
    const many = Array.from({ length: 62 }, (_, i) => p(i + 3));
    expect(pendingGroupLine(many, t, 'en')).toBe('vm3, vm4, vm5 and 59 more wait for the VF bring-up; then their traffic takes the SR-IOV route');
    const tj = tJa as unknown as (k: string, o?: Record<string, unknown>) => string;
    expect(pendingGroupLine(many, tj, 'ja')).toMatch(/^vm3、vm4、vm5 ほか 59 台 は/);
  });
});
