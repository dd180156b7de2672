/**
 * The accuracy review's corrections (shared/reference/lesson-review.md, December 2026) stay
 * corrected. For the worst five items each check reads the key's text; the rest guard against the
 * false wording coming back anywhere in the lesson, quiz and component texts.
 */
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import ja from '../i18n/locales/ja.json';
import { LESSONS } from './lessons';
import { buildQuestion } from './questions';

function text(dict: unknown, key: string): string {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), dict);
  if (typeof v !== 'string') throw new Error(`missing ${key}`);
  return v;
}
const EN = (k: string) => text(en, k);
const JA = (k: string) => text(ja, k);

describe('the five worst statements stay corrected', () => {
  it('1. vm1 does not leave "only" through the root: SR-IOV is named as the exception', () => {
    for (const k of ['lessons.partitions.steps.isolation.body', 'lessons.partitions.steps.children.body']) {
      expect(EN(k)).not.toMatch(/only by being handed|everything it sends to the network has to be handed/i);
      expect(EN(k)).toMatch(/SR-IOV/);
      expect(EN(k)).toMatch(/exception/i);
      expect(JA(k)).toMatch(/例外/);
    }
  });

  it('2. the synthetic path: a hypercall is a VM exit; what is absent is intercepts to the root', () => {
    for (const k of ['lessons.synthetic.steps.completion.body', 'quiz.why.exits.synthetic']) {
      expect(EN(k)).not.toMatch(/never needed a VM exit|as a hypercall, not an exit/i);
      expect(EN(k)).toMatch(/hypercall[^.]*(is itself a VM exit|is a VM exit too)/i);
      expect(EN(k)).toMatch(/no intercept/i);
      expect(JA(k)).toMatch(/ハイパーコール(自体が|も) ?VM exit/);
    }
    // The exit question says what it counts.
    expect(EN('quiz.fact.exitsCounted')).toMatch(/Hypercalls are VM exits too/);
    expect(EN('quiz.choice.exits.0')).toMatch(/hypercalls not counted/);
  });

  it('3. the switch: ingress and egress, both drawn since issue 11 (D3), and where destination rules act', () => {
    const order = EN('lessons.vswitch.steps.order.body');
    expect(order).not.toMatch(/This model draws the ingress pass only/);
    expect(order).toMatch(/sees it twice/);
    expect(order).toMatch(/destination port can act only on the way up/);
    expect(JA('lessons.vswitch.steps.order.body')).not.toMatch(/イングレスだけ/);
    expect(JA('lessons.vswitch.steps.order.body')).toMatch(/2 回/);
    expect(EN('components.vswitch.body')).toMatch(/back up through them in reverse \(egress\)/);
    expect(EN('components.vswitch-extension.body')).not.toMatch(/ingress only/);
    expect(JA('components.vswitch-extension.body')).not.toMatch(/イングレスだけ/);
  });

  it('4. VMQ: queues may share an LP, and each behaviour names its Windows Server era', () => {
    const spread = EN('lessons.vmq.steps.spread.body');
    expect(spread).not.toMatch(/Each queue interrupts its own LP/);
    expect(spread).toMatch(/share an LP/);
    expect(spread).toMatch(/static VMQ \(Windows Server 2008 R2\)/);
    expect(spread).toMatch(/dynamic VMQ \(Windows Server 2012/);
    expect(EN('lessons.vmq.steps.oneLp.body')).toMatch(/before Windows Server 2016/);
    expect(EN('lessons.vmq.steps.oneLp.body')).toMatch(/VMMQ/);
    expect(EN('metrics.lp.legend')).toMatch(/Windows Server 2016/);
    expect(EN('controls.vmqHelp')).not.toMatch(/each on its own logical processor/);
    expect(JA('components.nic-queue.body')).not.toMatch(/決まった 1 つ/);
    expect(JA('lessons.vmq.steps.spread.body')).toMatch(/動的 VMQ/);
  });

  it('5. the send buffer: only frames that fit a free section are copied; the rest go GPA-direct', () => {
    const nvsp = EN('lessons.synthetic.steps.nvsp.body');
    expect(nvsp).not.toMatch(/a send buffer NetVSC copies outgoing frames into/);
    expect(nvsp).toMatch(/only if it fits a free section/);
    expect(nvsp).toMatch(/LSO/);
    expect(JA('lessons.synthetic.steps.nvsp.body')).toMatch(/収まるときだけ/);
  });
});

describe('the other corrections', () => {
  it('6. the completion follows the NIC’s read, and a send need not be copied', () => {
    const c = EN('lessons.synthetic.steps.completion.body');
    expect(c).toMatch(/after the NIC has read the frame/);
    expect(c).not.toMatch(/root CPU for the copy/);
    // The engine now sends it after delivery (issue 11, D2): no caveat that it comes earlier.
    expect(c).not.toMatch(/a little earlier/);
    expect(JA('lessons.synthetic.steps.completion.body')).not.toMatch(/少し早め/);
  });
  it('7. one NetVSP in the root serves a channel per adapter', () => {
    expect(EN('lessons.vspVsc.steps.perVm.body')).not.toMatch(/own VSP instance/);
    expect(EN('lessons.vspVsc.steps.perVm.body')).toMatch(/one NetVSP/);
    expect(EN('components.netvsp.body')).not.toMatch(/provider for one VM/);
  });
  it('8. the IOMMU maps GPA to SPA, and the lesson says where the overview is imprecise', () => {
    const w = EN('lessons.iommu.steps.what.body');
    expect(w).toMatch(/guest physical addresses \(GPAs\) to system physical addresses \(SPAs\)/);
    expect(w).toMatch(/imprecise/);
    expect(w).toMatch(/never sees guest virtual addresses/);
    expect(JA('lessons.iommu.steps.what.body')).toMatch(/正確ではありません/);
  });
  it('9. a VMBus interrupt is synthetic, raised on request, not a redirected device interrupt', () => {
    const s = EN('lessons.processors.steps.synic.body');
    expect(s).not.toMatch(/the same way/);
    expect(s).toMatch(/synthetic interrupt/);
  });
  it('10. the guest allocates the rings; the root maps them', () => {
    expect(EN('components.vmbus-root.body')).not.toMatch(/sets up the shared ring buffers/);
    expect(EN('components.vmbus-root.body')).toMatch(/guest allocated/);
  });
  it('11. one offer per VMBus channel; none for emulated devices', () => {
    const o = EN('lessons.vmbus.steps.offer.body');
    expect(o).not.toMatch(/one offer per virtual device/);
    expect(o).toMatch(/one offer per VMBus channel/);
    expect(o).toMatch(/none for emulated devices/);
  });
  it('12. the emulated lesson: EOI stays in the hypervisor, the tulip pattern is named, “does not”', () => {
    expect(EN('lessons.emulated.steps.why.body')).not.toMatch(/^Every exit/);
    expect(EN('lessons.emulated.steps.why.body')).toMatch(/EOI\) is handled inside the hypervisor/);
    expect(EN('lessons.emulated.steps.predict.body')).toMatch(/tulip/);
    expect(EN('lessons.emulated.steps.intercept.body')).not.toMatch(/cannot emulate/);
  });
  it('Japanese: “schedules”, not “assigns”, for VPs', () => {
    expect(JA('lessons.processors.steps.vps.body')).not.toMatch(/割り当てます/);
    expect(JA('lessons.processors.steps.vps.body')).toMatch(/スケジュール/);
  });
});

describe('13. the engine notes', () => {
  it('EOM is written only when msg_pending is set', () => {
    expect(EN('engineText.note.synicToGuest')).not.toMatch(/writes EOM after reading/);
    expect(EN('engineText.note.synicToGuest')).toMatch(/EOM only if msg_pending/);
    expect(JA('engineText.note.synicToGuest')).toMatch(/msg_pending/);
  });
  it('NetVSC stops and wakes its send queue (10 %/20 %, Linux); pending_send_sz is the host writer’s (issue 11, D4)', () => {
    expect(EN('engineText.note.txStopNote')).toMatch(/less than \{\{pct\}\} %.*Linux netvsc\.c; Windows unverified/);
    expect(EN('engineText.note.txWakeNote')).toMatch(/more than \{\{pct\}\} %/);
    expect(EN('engineText.note.unblockHostWriter')).toMatch(/blocked host writer/);
    expect(JA('engineText.note.txStopNote')).toMatch(/Windows は未検証/);
  });
  it('OPENCHANNEL: 128 pages with the header (fact sheet §2.3), 129 in Linux since 2024', () => {
    expect(EN('engineText.note.openChannel')).toMatch(/pageoffset 128 \(.*header page included.*129\)/);
    expect(JA('engineText.note.openChannel')).toMatch(/129/);
  });
});

describe('no forward references in question setups', () => {
  it('lessons 1–2 name neither NetVSC nor VMQ nor SR-IOV in their question facts', () => {
    for (const id of ['partitions', 'processors']) {
      const lesson = LESSONS.find((l) => l.id === id)!;
      for (const step of lesson.steps) {
        if (!step.question) continue;
        const q = buildQuestion({ id: `${id}-${step.id}`, ...step.question });
        for (const f of q.facts) {
          const en = EN(f.key);
          expect(en, f.key).not.toMatch(/NetVSC|VMQ|SR-IOV|VF/);
        }
      }
    }
  });
});

describe('the overview’s thin spots', () => {
  it('VT-x/AMD-V and SLAT', () => {
    expect(EN('lessons.partitions.steps.hypervisor.body')).toMatch(/VT-x or AMD-V/);
    expect(EN('lessons.partitions.steps.hypervisor.body')).toMatch(/second-level address translation/);
  });
  it('VMQ, SR-IOV and the extensible switch are NDIS interfaces drivers implement', () => {
    expect(EN('lessons.vmq.steps.on.body')).toMatch(/VMQ is an NDIS interface/);
    expect(EN('lessons.sriov.steps.hardware.body')).toMatch(/SR-IOV is an NDIS interface/);
    expect(EN('lessons.vswitch.steps.switch.body')).toMatch(/NDIS interface/);
  });
  it('Generation 2 VMs have no legacy adapter', () => {
    expect(EN('lessons.emulated.steps.legacy.body')).toMatch(/Generation 2 VM has no legacy adapter/);
    expect(JA('lessons.emulated.steps.legacy.body')).toMatch(/第 2 世代 VM にはレガシ アダプターがありません/);
  });
});

describe('vRSS and VMMQ (issue 11)', () => {
  it('the subchannel order is Linux netvsc’s and says Windows guests are not documented', () => {
    expect(EN('lessons.vrss.steps.subchannels.body')).toMatch(/NVSP message 133.*sub_channel_index.*NVSP 134.*Linux netvsc's; the Windows guest driver's is not documented/s);
    expect(JA('lessons.vrss.steps.subchannels.body')).toMatch(/NVSP メッセージ 133.*sub_channel_index.*NVSP 134.*Linux netvsc のもので、Windows のゲスト ドライバーの順序は文書化されていません/s);
  });

  it('one flow stays on one channel; VMMQ’s queues are labelled as a simplification', () => {
    expect(EN('lessons.vrss.steps.spread.body')).toMatch(/a single flow cannot go faster than one core/);
    expect(EN('lessons.vrss.steps.vmmq.body')).toMatch(/simplification of the NIC-switch VPort/);
    expect(JA('lessons.vrss.steps.vmmq.body')).toMatch(/簡略化/);
  });
});
