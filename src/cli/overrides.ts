/**
 * Applies the command line's `--vms`, `--adapter`, `--vmq` and `--sriov` to a scenario's
 * configuration. Pure: returns a new configuration (the input is not changed), or one error.
 *
 * Growing the VM count repeats the scenario's VMs in turn: VM k takes the settings and the
 * traffic of VM ((k − 1) mod N) + 1, so a 2-VM scenario grown to 6 VMs keeps its pattern.
 * Shrinking removes the last VMs with their flows, faults and drop rules.
 */
import type { AdapterKind, FlowConfig, SimConfig, VmConfig, VmId } from '../engine/types';
import type { CliOptions } from './args';
import { PORT_POLICY_OPTIONS, entryCount } from '../store/portPolicyParams';
import { applyPortPolicy } from '../store/portPolicyParse';

export type OverrideResult = { ok: true; config: SimConfig; notes: string[] } | { ok: false; error: string };

const vmId = (k: number): VmId => `vm${k}`;
const vmIndex = (id: VmId): number => Number(id.slice(2));

/** Resize `config.vms` to n, as described above. */
export function resizeVms(config: SimConfig, n: number): SimConfig {
  const old = config.vms.length;
  if (n === old || old === 0) return config;

  if (n < old) {
    const kept = new Set<VmId>(config.vms.slice(0, n).map((v) => v.id));
    const keeps = (id: VmId | undefined) => id === undefined || kept.has(id);
    return {
      ...config,
      vms: config.vms.slice(0, n),
      flows: config.flows.filter((f) => keeps(f.vm) && keeps(f.peerVm)),
      faults: config.faults.filter((f) => keeps(f.vm)),
      extensions: {
        ...config.extensions,
        filter: {
          ...config.extensions.filter,
          dropRules: config.extensions.filter.dropRules.filter((r) => keeps(r.srcVm) && keeps(r.dstVm)),
        },
      },
    };
  }

  const vms: VmConfig[] = [...config.vms];
  const flows: FlowConfig[] = [...config.flows];
  const usedFlowIds = new Set(flows.map((f) => f.id));
  for (let k = old + 1; k <= n; k++) {
    const template = config.vms[(k - 1) % old] as VmConfig;
    const shift = k - vmIndex(template.id);
    // A peer of the template VM becomes the VM the same distance away, wrapping within 1…n.
    const shifted = (id: VmId): VmId => vmId(((vmIndex(id) - 1 + shift) % n) + 1);
    vms.push({ ...template, id: vmId(k) });
    for (const f of config.flows) {
      if (f.vm !== template.id) continue;
      let id = `${f.id}@${vmId(k)}`;
      for (let j = 2; usedFlowIds.has(id); j++) id = `${f.id}@${vmId(k)}#${j}`;
      usedFlowIds.add(id);
      const clone: FlowConfig = { ...f, id, vm: vmId(k) };
      if (f.peerVm !== undefined) {
        const peer = shifted(f.peerVm);
        // A VM-to-VM flow needs two distinct VMs; skip it when wrapping lands on the sender.
        if (peer === clone.vm) continue;
        clone.peerVm = peer;
      }
      flows.push(clone);
    }
  }
  return { ...config, vms, flows };
}

/** Apply the command line's host and VM options to `config`. */
export function applyOverrides(config: SimConfig, options: Pick<CliOptions, 'vms' | 'adapters' | 'vmq' | 'sriov' | 'vrss' | 'vmmq' | 'queues' | 'portPolicy'> & Partial<Pick<CliOptions, 'lso' | 'rsc' | 'checksum' | 'mtu'>>): OverrideResult {
  let out: SimConfig = config;
  if (options.vms !== undefined && options.vms !== config.vms.length) {
    if (config.vms.length === 0) return { ok: false, error: '--vms: the scenario has no VM to repeat' };
    out = resizeVms(out, options.vms);
  }

  if (options.adapters !== undefined) {
    const list = options.adapters;
    if (list.length > out.vms.length) {
      return {
        ok: false,
        error: `--adapter lists ${list.length} adapters but the scenario has ${out.vms.length} VM${out.vms.length === 1 ? '' : 's'} (use --vms to add VMs)`,
      };
    }
    const adapterOf = (i: number, current: AdapterKind): AdapterKind =>
      list.length === 1 ? (list[0] as AdapterKind) : (list[i] ?? current);
    out = { ...out, vms: out.vms.map((v, i) => ({ ...v, adapter: adapterOf(i, v.adapter) })) };
  }

  // vSwitch port policy (issue 11): per VM like --adapter.
  if (options.portPolicy) {
    for (const p of PORT_POLICY_OPTIONS) {
      const raw = options.portPolicy[p];
      if (raw !== undefined && entryCount(raw) > 1 && entryCount(raw) > out.vms.length) {
        return { ok: false, error: `--${p} lists ${entryCount(raw)} entries but the scenario has ${out.vms.length} VM${out.vms.length === 1 ? '' : 's'} (use --vms to add VMs)` };
      }
    }
    out = { ...out, vms: applyPortPolicy(out.vms, options.portPolicy) };
  }

  if (options.vmq !== undefined) out = { ...out, vmq: options.vmq };
  if (options.sriov !== undefined) out = { ...out, sriov: options.sriov };

  // Issue 11: vRSS/VMMQ host switches and queues per vNIC (one value for all, or one per VM).
  if (options.vrss !== undefined) out = { ...out, vrss: options.vrss };
  if (options.vmmq !== undefined) out = { ...out, vmmq: options.vmmq };
  if (options.queues !== undefined) {
    const q = options.queues;
    if (q.length > out.vms.length) {
      return { ok: false, error: `--queues lists ${q.length} values but the scenario has ${out.vms.length} VM${out.vms.length === 1 ? '' : 's'} (use --vms to add VMs)` };
    }
    out = { ...out, vms: out.vms.map((v, i) => (q.length === 1 || i < q.length ? { ...v, nic: { ...v.nic, queues: q.length === 1 ? (q[0] as number) : (q[i] as number) } } : v)) };
  }
  const off = applyOffloads(out, options);
  if (typeof off === 'string') return { ok: false, error: off };
  out = off;

  return { ok: true, config: out, notes: configNotes(out) };
}

/**
 * `--lso`, `--rsc`, `--checksum`, `--mtu` (issue 11, engine model/offloads.ts) into `vms[i].nic`:
 * one value sets every VM, a list sets vm1, vm2, … and leaves the VMs past it as they are.
 */
function applyOffloads(config: SimConfig, options: Partial<Pick<CliOptions, 'lso' | 'rsc' | 'checksum' | 'mtu'>>): SimConfig | string {
  let out = config;
  for (const key of ['lso', 'rsc', 'checksum', 'mtu'] as const) {
    const list = options[key] as (boolean | number)[] | undefined;
    if (list === undefined) continue;
    if (list.length > out.vms.length) return `--${key} lists ${list.length} values but the scenario has ${out.vms.length} VM${out.vms.length === 1 ? '' : 's'} (use --vms to add VMs)`;
    out = { ...out, vms: out.vms.map((v, i) => (list.length === 1 || i < list.length ? { ...v, nic: { ...v.nic, [key]: list.length === 1 ? list[0] : list[i] } } : v)) };
  }
  return out;
}

/**
 * Notes for a configuration that is valid but may not do what the user expects: the engine
 * follows Hyper-V here (no VF, no VMQ), which is easy to miss from the command line.
 */
export function configNotes(config: SimConfig): string[] {
  const notes: string[] = [];
  const sriovVms = config.vms.filter((v) => v.adapter === 'sriov').length;
  if (sriovVms > 0 && !config.sriov) {
    notes.push(`${sriovVms} VM(s) have an SR-IOV adapter but the host SR-IOV switch is off: they use the synthetic path (add --sriov on)`);
  } else if (sriovVms > config.nic.vfCount) {
    notes.push(`${sriovVms} VM(s) have an SR-IOV adapter but the NIC has ${config.nic.vfCount} VF(s): the others use the synthetic path`);
  }
  if (config.vmmq && !config.vmq) {
    notes.push('VMMQ is on but VMQ is off: VMMQ needs VMQ, so no vNIC gets several NIC queues (add --vmq on)');
  }
  if ((config.vrss || config.vmmq) && config.vms.every((v) => v.adapter === 'emulated' || v.vcpus < 2 || (v.nic?.queues ?? 8) < 2)) {
    notes.push('vRSS/VMMQ is on but no synthetic VM has 2 or more vCPUs and queues: every vNIC keeps one channel');
  }
  if (config.vmq && config.nic.vmqQueues === 0) {
    notes.push('VMQ is on but the NIC has no VMQ queues: receive work uses the default queue');
  }
  const noOffload = config.vms.filter((v) => v.adapter === 'emulated' && (v.nic?.lso || v.nic?.rsc)).map((v) => v.id);
  if (noOffload.length > 0) notes.push(`${noOffload.join(', ')}: the emulated 21140 has no LSO or RSC; the setting takes effect on the synthetic path only`);
  const lsoNoCsum = config.vms.filter((v) => v.nic?.lso && v.nic.checksum === false).map((v) => v.id);
  if (lsoNoCsum.length > 0) notes.push(`${lsoNoCsum.join(', ')}: LSO needs checksum offload, which is off: LSO stays off`);
  return notes;
}
