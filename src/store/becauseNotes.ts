/**
 * "Because" notes: when a route changes, one line at the component whose behaviour changed, with
 * the engine's numbers after the change (queue, LP, VF, MAC).
 *
 * Notes come from comparing two consecutive published snapshots, not from the change request, so
 * they describe what the engine actually did and when (a VF, for instance, carries data only after
 * the vPCI offer and SWITCH_DATA_PATH, some microseconds after the switch is flipped), and faults
 * scheduled by a scenario explain themselves too. Pure: no store, no engine.
 */
import type { Snapshot, VmId, VmState } from '../engine/types';
import { guest, nic, root } from '../engine/ids';

export interface RouteView {
  vmq: boolean;
  vms: readonly VmState[];
  vfAssignments: Snapshot['vfAssignments'];
  linkUp: boolean;
  /** VMs whose vSwitch port has a policy (issue 11): a move to or from the VF says whether it applies. */
  policyVms?: readonly string[];
}

export interface NoteDraft {
  componentId: string;
  /** i18n key under `because.`. */
  key: string;
  params: Record<string, string | number>;
}

/** At most this many notes per comparison; the rest are summarised in one note. */
export const MAX_NOTES_PER_CHANGE = 5;

export function routeNotes(prev: RouteView, next: RouteView): NoteDraft[] {
  const out: NoteDraft[] = [];
  const before = new Map<VmId, VmState>(prev.vms.map((v) => [v.id, v]));
  const vmqLost: VmState[] = [];

  for (const v of next.vms) {
    const p = before.get(v.id);
    // A VM that appears (add-vm) has no route to change yet; its queue note below still applies.
    if (p && p.activePath !== v.activePath) {
      if (v.activePath === 'sriov') {
        out.push({
          componentId: v.vf !== null ? nic.vf(v.vf) : guest.vf(v.id),
          key: 'because.viaVf',
          params: { vm: v.id, vf: v.vf ?? '?' },
        });
      } else if (v.activePath === 'emulated') {
        out.push({ componentId: guest.legacy(v.id), key: 'because.viaEmulated', params: { vm: v.id, vp: 0 } });
      } else if (p.activePath === 'sriov') {
        out.push({ componentId: guest.netvsc(v.id), key: 'because.vfFallback', params: { vm: v.id, lp: v.rxLp } });
      } else {
        out.push({ componentId: guest.netvsc(v.id), key: 'because.viaSynthetic', params: { vm: v.id, lp: v.rxLp } });
      }
    }
    // Port policy (issue 11; engine/model/port-policy.ts): SR-IOV data bypasses the vSwitch port.
    if (p && p.activePath !== v.activePath && next.policyVms?.includes(v.id) && (v.activePath === 'sriov' || p.activePath === 'sriov')) {
      out.push({ componentId: root.netvsp(v.id), key: v.activePath === 'sriov' ? 'because.portBypass' : 'because.portApplies', params: { vm: v.id } });
    }
    const pq = p ? p.vmqQueue : null;
    if (pq !== v.vmqQueue || (p && p.rxLp !== v.rxLp && v.vmqQueue !== null)) {
      if (v.vmqQueue !== null) {
        out.push({
          componentId: nic.queue(v.vmqQueue),
          key: 'because.vmqQueue',
          params: { vm: v.id, mac: v.mac, queue: v.vmqQueue, lp: v.rxLp },
        });
      } else if (p && next.vmq) {
        out.push({ componentId: nic.queue(0), key: 'because.vmqNoQueue', params: { vm: v.id, lp: v.rxLp } });
      } else if (p) {
        vmqLost.push(v);
      }
    }
  }

  if (vmqLost.length > 0) {
    const lp = vmqLost[0]?.rxLp ?? 0;
    out.push(
      vmqLost.length === 1
        ? { componentId: nic.queue(0), key: 'because.vmqOffOne', params: { vm: vmqLost[0]?.id ?? '', lp } }
        : { componentId: nic.queue(0), key: 'because.vmqOff', params: { count: vmqLost.length, lp } },
    );
  }

  if (prev.linkUp !== next.linkUp) {
    out.push({ componentId: 'nic', key: next.linkUp ? 'because.linkUp' : 'because.linkDown', params: {} });
  }

  if (out.length > MAX_NOTES_PER_CHANGE) {
    const kept = out.slice(0, MAX_NOTES_PER_CHANGE - 1);
    kept.push({ componentId: 'nic', key: 'because.more', params: { count: out.length - kept.length } });
    return kept;
  }
  return out;
}

/** Notes for a change that has no route effect of its own but is worth a line (faults). */
export function faultNote(kind: string, vm: VmId | undefined): NoteDraft | null {
  switch (kind) {
    case 'ring-exhaust':
      return vm ? { componentId: guest.ringIn(vm), key: 'because.ringExhaust', params: { vm } } : null;
    case 'vf-remove':
      return vm ? { componentId: root.vpci(vm), key: 'because.vfRemove', params: { vm } } : null;
    case 'vf-add':
      return vm ? { componentId: root.vpci(vm), key: 'because.vfAdd', params: { vm } } : null;
    default:
      return null;
  }
}
