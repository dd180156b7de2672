/**
 * "What the real tools would show" (issue 11): from the engine's live state, the objects that the
 * Hyper-V and NetAdapter cmdlets would return on such a host, with the property names Microsoft
 * documents, and a console transcript of them (`PS C:\> Get-NetAdapterVmqQueue | Format-List`).
 *
 * Pure TypeScript (no React, DOM, store or Node built-ins): the app's PowerShell panel and
 * `npm run sim -- --format powershell` both call `powershellBlocks` / `powershellTranscript`.
 *
 * Rules:
 * - Every value comes from the engine's state (`Snapshot`: VMQ and VF assignments, each VM's
 *   adapter and MAC) or its configuration (`SimConfig`: the host switches, the NIC, each vNIC's
 *   settings). A property the model has no value for is left out and a note says so; nothing is
 *   made up. Names the model does not have (the switch, the physical adapter, the host) are
 *   fixed placeholders (`PS_NAMES`), and a note says that too.
 * - Output is Format-List style (one `Name : value` line per property, names padded to the
 *   longest in the object, a blank line between objects). The default table views of these
 *   cmdlets are not fully documented, so we do not imitate them; the command line says
 *   `| Format-List`, and the property set is the documented subset the model can fill.
 * - The output is English, as Windows prints it on an en-US host, whatever the page language.
 *
 * Sources for the property names (learn.microsoft.com):
 * - Get-NetAdapterVmq: MSFT_NetAdapterVmqSettingData,
 *   https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/netadaptercimprov/msft-netadaptervmqsettingdata
 * - Get-NetAdapterVmqQueue: MSFT_NetAdapterVmqQueueSettingData,
 *   https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/netadaptercimprov/msft-netadaptervmqqueuesettingdata
 *   (the default view's MacAddress / VlanID come from the queue's FilterList)
 * - Get-NetAdapterSriov: MSFT_NetAdapterSriovSettingData,
 *   https://learn.microsoft.com/en-us/previous-versions/windows/desktop/legacy/hh872386(v=vs.85)
 * - Get-NetAdapterSriovVf: MSFT_NetAdapterSriovVfSettingData,
 *   https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/netadaptercimprov/msft-netadaptersriovvfsettingdata
 * - Get-VMNetworkAdapterExtendedAcl: Msvm_EthernetSwitchPortExtendedAclSettingData (defaults "ANY"),
 *   https://learn.microsoft.com/en-us/windows/win32/hyperv_v2/msvm-ethernetswitchportextendedaclsettingdata,
 *   https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vmnetworkadapterextendedacl
 *   ("an ACL that applies to both directions appears in both lists")
 * - Get-VMSwitch, Get-VMSwitchExtension, Get-VMNetworkAdapter, Get-VMNetworkAdapterVlan:
 *   https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vmswitch (and …/get-vmswitchextension,
 *   …/get-vmnetworkadapter, …/get-vmnetworkadaptervlan); extension types as in
 *   https://learn.microsoft.com/en-us/windows-hardware/drivers/network/hyper-v-extensible-switch-interface
 */
import { guest, nic as nicIds, root as rootIds } from '../engine/ids';
import type { ComponentId, SimConfig, Snapshot, VmId, VmNicSettings, VmState } from '../engine/types';

/** What the cmdlets read: the engine's configuration and the live part of a snapshot. */
export interface PsHostState {
  config: Readonly<SimConfig>;
  vms: readonly VmState[];
  vmqAssignments: Snapshot['vmqAssignments'];
  vfAssignments: Snapshot['vfAssignments'];
}

export const CMDLETS = [
  'Get-VMSwitch',
  'Get-VMSwitchExtension',
  'Get-VMNetworkAdapter',
  'Get-VMNetworkAdapterVlan',
  'Get-VMNetworkAdapterExtendedAcl',
  'Get-NetAdapterVmq',
  'Get-NetAdapterVmqQueue',
  'Get-NetAdapterSriov',
  'Get-NetAdapterSriovVf',
] as const;
export type Cmdlet = (typeof CMDLETS)[number];

/**
 * Names the model has no value for: placeholders, the same on every run (the panel and the CLI
 * say so). A real host prints its own adapter, switch and computer names here.
 */
export const PS_NAMES = {
  /** The one external vSwitch. */
  switch: 'vSwitch',
  /** The physical adapter (PF) the vSwitch is bound to. */
  nic: 'NIC1',
  nicDescription: 'Simulated VMQ/SR-IOV NIC',
  /** The management OS, which owns the default queue. */
  host: 'HOST',
} as const;

export type PsValue = string | number | boolean | null | readonly (string | number)[];

/** One object of a cmdlet's output: its properties in print order, and the diagram component it is. */
export interface PsRecord {
  props: readonly (readonly [string, PsValue])[];
  /** The diagram component this object describes (a NIC queue, a VF, a vNIC), if it has one. */
  component: ComponentId | null;
}

/** A caveat about one block. `id` is its i18n key (`powershell.notes.<id>`); `en` the English text the CLI prints. */
export interface PsNote {
  id: string;
  params: Record<string, string | number>;
  en: string;
}

export interface PsBlock {
  cmdlet: Cmdlet;
  /** The command line, without the prompt. */
  command: string;
  records: PsRecord[];
  notes: PsNote[];
}

const note = (id: string, en: string, params: Record<string, string | number> = {}): PsNote => ({ id, params, en });

const cfgVm = (s: PsHostState, vm: VmId) => s.config.vms.find((v) => v.id === vm);
const nicOf = (s: PsHostState, vm: VmId): VmNicSettings => cfgVm(s, vm)?.nic ?? {};

/** `00:15:5d:00:00:01` → `00-15-5D-00-00-01` (NetAdapter cmdlets). */
export const dashedMac = (mac: string) => mac.toUpperCase().replace(/:/g, '-');
/** `00:15:5d:00:00:01` → `00155D000001` (Hyper-V cmdlets' MacAddress). */
export const bareMac = (mac: string) => mac.toUpperCase().replace(/:/g, '');

/** One bit per LP (uint64 in the CIM class): exact for LPs up to 63. */
export const affinityMask = (lp: number) => (1n << BigInt(lp)).toString();

/** `[1,2,3,10]` → `1-3,10` (how VLAN id lists are written to Set-VMNetworkAdapterVlan). */
export function vlanList(ids: readonly number[]): string {
  const s = [...new Set(ids)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && (s[j + 1] as number) === (s[j] as number) + 1) j++;
    out.push(j > i ? `${s[i]}-${s[j]}` : `${s[i]}`);
    i = j + 1;
  }
  return out.join(',');
}

const placeholderNote = () =>
  note('placeholders', `The switch, adapter and host names (${PS_NAMES.switch}, ${PS_NAMES.nic}, ${PS_NAMES.host}) are the model's placeholders.`, {
    switch: PS_NAMES.switch,
    nic: PS_NAMES.nic,
    host: PS_NAMES.host,
  });
const noIdNote = () => note('noGuids', 'VmID, VmNicID and other GUIDs are left out: the model has no GUIDs.');

function vmSwitch(s: PsHostState): PsBlock {
  const c = s.config;
  return {
    cmdlet: 'Get-VMSwitch',
    command: 'Get-VMSwitch | Format-List',
    records: [
      {
        component: 'root.vswitch',
        props: [
          ['Name', PS_NAMES.switch],
          ['SwitchType', 'External'],
          ['NetAdapterInterfaceDescription', PS_NAMES.nicDescription],
          ['AllowManagementOS', true],
          // The host's SR-IOV switch of the model (SimConfig.sriov: the vSwitch was created with IOV).
          ['IovEnabled', c.sriov],
          ['IovSupport', c.nic.vfCount > 0],
          ['IovVirtualFunctionCount', c.nic.vfCount],
          ['IovVirtualFunctionsInUse', s.vfAssignments.length],
          // One physical NIC, no Switch Embedded Teaming in the model.
          ['EmbeddedTeamingEnabled', false],
        ],
      },
    ],
    notes: [
      placeholderNote(),
      note('iovAtCreation', 'On Windows IovEnabled is fixed when the switch is created (New-VMSwitch -EnableIov); the model lets you flip it while running.'),
      note('bandwidthMode', 'BandwidthReservationMode is left out: the model has no minimum-bandwidth policy.'),
    ],
  };
}

function vmSwitchExtension(s: PsHostState): PsBlock {
  const e = s.config.extensions;
  const ext = (kind: 'capture' | 'filter' | 'forwarding', type: string, on: boolean): PsRecord => ({
    component: rootIds.extension(kind),
    props: [
      ['Name', `${type} extension (model)`],
      ['Vendor', '(model)'],
      ['ExtensionType', type],
      ['SwitchName', PS_NAMES.switch],
      ['Enabled', on],
      // The model runs an extension exactly when it is enabled.
      ['Running', on],
    ],
  });
  return {
    cmdlet: 'Get-VMSwitchExtension',
    command: `Get-VMSwitchExtension -VMSwitchName "${PS_NAMES.switch}" | Format-List`,
    records: [ext('capture', 'Capture', e.capture), ext('filter', 'Filter', e.filter.enabled), ext('forwarding', 'Forwarding', e.forwarding)],
    notes: [
      note('extensionNames', 'The extensions are the model\'s generic capture, filter and forwarding extensions, not real products; a real host lists what is installed (e.g. Microsoft Windows Filtering Platform, Microsoft NDIS Capture).'),
    ],
  };
}

const adapterName = (v: VmState) => (v.adapter === 'emulated' ? 'Legacy Network Adapter' : 'Network Adapter');
const adapterComponent = (v: VmState): ComponentId => (v.adapter === 'emulated' ? guest.legacy(v.id) : guest.netvsc(v.id));

function vmNetworkAdapter(s: PsHostState): PsBlock {
  const records = s.vms.map((v): PsRecord => {
    const nic = nicOf(s, v.id);
    const legacy = v.adapter === 'emulated';
    const props: [string, PsValue][] = [
      ['Name', adapterName(v)],
      ['IsLegacy', legacy],
      ['VMName', v.id],
      ['SwitchName', PS_NAMES.switch],
      ['MacAddress', bareMac(v.mac)],
      ['IPAddresses', [v.ip]],
    ];
    if (!legacy) {
      // VmqWeight: the documented default 100 (the model has no per-vNIC VMQ setting).
      props.push(['VmqWeight', 100]);
      // IovWeight: 0 = no VF wanted; the model's SR-IOV adapter asks with 100.
      props.push(['IovWeight', v.adapter === 'sriov' ? 100 : 0]);
      props.push(['VrssEnabled', nic.vrss ?? false]);
      props.push(['VmmqEnabled', nic.vmmq ?? false]);
      if (nic.queues !== undefined) props.push(['VmmqQueuePairs', nic.queues]);
    }
    const mirror = nic.mirror ?? 'none';
    props.push(['PortMirroringMode', mirror === 'none' ? 'None' : mirror === 'source' ? 'Source' : 'Destination']);
    // BandwidthSetting.MaximumBandwidth, bits per second, shown flattened.
    if (nic.maxMbps !== undefined) props.push(['MaximumBandwidth', nic.maxMbps * 1_000_000]);
    return { component: adapterComponent(v), props };
  });
  // The per-vNIC setting takes effect only with the model's host switch on (SimConfig.vrss / vmmq).
  const live = s.vms.filter((v) => v.adapter !== 'emulated').map((v) => nicOf(s, v.id));
  const hostOff: PsNote[] = [];
  if (!s.config.vrss && live.some((n) => n.vrss)) hostOff.push(note('vrssHostOff', 'VrssEnabled is True on an adapter but the host\'s vRSS switch is off in the model, so it has no effect yet.'));
  if (!s.config.vmmq && live.some((n) => n.vmmq)) hostOff.push(note('vmmqHostOff', 'VmmqEnabled is True on an adapter but the host\'s VMMQ switch is off in the model, so it has no effect yet.'));
  return {
    cmdlet: 'Get-VMNetworkAdapter',
    command: 'Get-VMNetworkAdapter -VMName * | Format-List',
    records,
    notes: [
      placeholderNote(),
      ...hostOff,
      note('vmNames', 'VM names are the model\'s ids (vm1, vm2, …).'),
      note('adapterDefaults', 'VmqWeight 100 is the documented default; Windows Server 2016 and later turn VrssEnabled on by default, the model leaves it off unless set. VmmqQueuePairs and MaximumBandwidth (BandwidthSetting, bits per second) appear only when the model sets them.'),
      note('legacyNoVmq', 'A legacy (emulated) adapter has no VMQ, vRSS or SR-IOV, so those properties are left out for it.'),
    ],
  };
}

function vmNetworkAdapterVlan(s: PsHostState): PsBlock {
  const records = s.vms.map((v): PsRecord => {
    const cfg = cfgVm(s, v.id);
    const nic = cfg?.nic ?? {};
    const trunk = nic.vlanMode === 'trunk';
    const mode = trunk ? 'Trunk' : cfg?.vlan ? 'Access' : 'Untagged';
    return {
      component: adapterComponent(v),
      props: [
        ['VMName', v.id],
        ['VMNetworkAdapterName', adapterName(v)],
        ['OperationMode', mode],
        ['AccessVlanId', !trunk && cfg?.vlan ? cfg.vlan : 0],
        ['NativeVlanId', trunk ? (cfg?.vlan ?? 0) : 0],
        ['AllowedVlanIdList', trunk ? vlanList(nic.trunkVlans ?? []) : ''],
      ],
    };
  });
  return {
    cmdlet: 'Get-VMNetworkAdapterVlan',
    command: 'Get-VMNetworkAdapterVlan -VMName * | Format-List',
    records,
    notes: [note('vlanTrunkNative', 'In trunk mode the model takes the port\'s VLAN id, if any, as the native VLAN.')],
  };
}

/**
 * The port ACL (`VmNicSettings.acl`, protocol and remote port: extended ACL entries). The model
 * applies entries in list order, first match wins; Windows applies the highest Weight first, so
 * entry i of n is shown with Weight n − i (the same order).
 */
function vmNetworkAdapterExtendedAcl(s: PsHostState): PsBlock {
  const records: PsRecord[] = [];
  let bypassed = false;
  for (const v of s.vms) {
    const acl = nicOf(s, v.id).acl ?? [];
    if (acl.length && v.activePath === 'sriov') bypassed = true;
    acl.forEach((rule, i) => {
      const dirs = rule.direction === 'both' ? (['Inbound', 'Outbound'] as const) : ([rule.direction === 'inbound' ? 'Inbound' : 'Outbound'] as const);
      for (const d of dirs) {
        records.push({
          component: 'root.vswitch',
          props: [
            ['VMName', v.id],
            ['VMNetworkAdapterName', adapterName(v)],
            ['Direction', d],
            ['Action', rule.action === 'allow' ? 'Allow' : 'Deny'],
            ['LocalIPAddress', 'ANY'],
            ['RemoteIPAddress', 'ANY'],
            ['LocalPort', 'ANY'],
            ['RemotePort', rule.remotePort !== undefined ? String(rule.remotePort) : 'ANY'],
            ['Protocol', rule.protocol ? rule.protocol.toUpperCase() : 'ANY'],
            ['Weight', acl.length - i],
          ],
        });
      }
    });
  }
  return {
    cmdlet: 'Get-VMNetworkAdapterExtendedAcl',
    command: 'Get-VMNetworkAdapterExtendedAcl -VMName * | Format-List',
    records,
    notes: records.length
      ? [
          note('aclWeight', 'The model applies a port\'s entries in order, first match wins; they are shown with falling Weight, which Windows applies highest first. An entry for both directions is listed once per direction.'),
          ...(bypassed ? [note('aclBypass', 'Traffic on an SR-IOV VF bypasses the vSwitch, so these entries do not apply to it.')] : []),
        ]
      : [note('aclNone', 'No output: no port has ACL entries.')],
  };
}

function netAdapterVmq(s: PsHostState): PsBlock {
  const c = s.config;
  const L = c.logicalProcessors;
  return {
    cmdlet: 'Get-NetAdapterVmq',
    command: 'Get-NetAdapterVmq | Format-List',
    records: [
      {
        component: 'nic',
        props: [
          ['Name', PS_NAMES.nic],
          ['InterfaceDescription', PS_NAMES.nicDescription],
          ['Enabled', c.vmq],
          // VMQ queues besides the default queue (NDIS NumQueues does not count the default queue).
          ['NumberOfReceiveQueues', c.nic.vmqQueues],
          ['BaseProcessorGroup', 0],
          ['BaseProcessorNumber', 0],
          ['MaxProcessorNumber', L - 1],
          ['MaxProcessors', L],
        ],
      },
    ],
    notes: [
      placeholderNote(),
      note('vmqSpread', 'In the model the default queue runs on LP 0 and queue k on LP 1 + (k − 1) mod (LPs − 1): one group, every LP. NumaNode is left out: the model has no NUMA.'),
    ],
  };
}

function netAdapterVmqQueue(s: PsHostState): PsBlock {
  const c = s.config;
  const records: PsRecord[] = [];
  if (c.vmq) {
    // The default queue (0) belongs to the management OS and carries every MAC without a queue.
    records.push({
      component: nicIds.queue(0),
      props: [
        ['Name', PS_NAMES.nic],
        ['QueueID', 0],
        ['MacAddress', ''],
        ['VlanID', null],
        ['ProcessorGroup', 0],
        ['ProcessorAffinityMask', affinityMask(0)],
        ['NumFilters', 0],
        ['VmFriendlyName', PS_NAMES.host],
      ],
    });
    const byVm = new Map(s.vms.map((v) => [v.id, v]));
    for (const q of [...s.vmqAssignments].sort((a, b) => a.queue - b.queue)) {
      const v = byVm.get(q.vm);
      const vlan = cfgVm(s, q.vm)?.vlan;
      records.push({
        component: nicIds.queue(q.queue),
        props: [
          ['Name', PS_NAMES.nic],
          ['QueueID', q.queue],
          ['MacAddress', v ? dashedMac(v.mac) : ''],
          ['VlanID', vlan ?? null],
          ['ProcessorGroup', 0],
          ['ProcessorAffinityMask', affinityMask(q.lp)],
          // One MAC (+ VLAN) filter per queue (OID_RECEIVE_FILTER_SET_FILTER, model/vmq.ts).
          ['NumFilters', 1],
          ['VmFriendlyName', q.vm],
        ],
      });
    }
  }
  return {
    cmdlet: 'Get-NetAdapterVmqQueue',
    command: 'Get-NetAdapterVmqQueue | Format-List',
    records,
    notes: c.vmq
      ? [
          placeholderNote(),
          noIdNote(),
          note('vmqQueueFields', 'MacAddress and VlanID are the queue\'s filter (FilterList); ProcessorAffinityMask has one bit for the LP the queue interrupts.'),
          ...(s.vms.some((v) => v.adapter !== 'emulated' && v.vmqQueue === null)
            ? [note('defaultQueueShared', 'VMs without a queue of their own share the default queue (0).')]
            : []),
        ]
      : [note('vmqOff', 'No output: VMQ is disabled on the adapter, so no queues are allocated.')],
  };
}

function netAdapterSriov(s: PsHostState): PsBlock {
  const c = s.config;
  const records: PsRecord[] =
    c.nic.vfCount > 0
      ? [
          {
            component: 'nic',
            props: [
              ['Name', PS_NAMES.nic],
              ['InterfaceDescription', PS_NAMES.nicDescription],
              ['Enabled', c.sriov],
              ['SriovSupport', 'Supported'],
              ['SwitchName', c.sriov ? PS_NAMES.switch : ''],
              ['NumVFs', c.nic.vfCount],
              ['NumAllocatedVFs', s.vfAssignments.length],
            ],
          },
        ]
      : [];
  return {
    cmdlet: 'Get-NetAdapterSriov',
    command: 'Get-NetAdapterSriov | Format-List',
    records,
    notes: records.length
      ? [placeholderNote(), note('sriovOneSwitch', 'The model has one SR-IOV switch for the NIC and the vSwitch. NumVPorts is left out: the model does not count VPorts.')]
      : [note('sriovNone', 'No output: the adapter has no virtual functions (VF count 0).')],
  };
}

function netAdapterSriovVf(s: PsHostState): PsBlock {
  const byVm = new Map(s.vms.map((v) => [v.id, v]));
  const records = [...s.vfAssignments]
    .sort((a, b) => a.vf - b.vf)
    .map((a): PsRecord => {
      const v = byVm.get(a.vm);
      return {
        component: nicIds.vf(a.vf),
        props: [
          ['Name', PS_NAMES.nic],
          // NDIS VF ids count from 0; the diagram's VF k is FunctionID k − 1.
          ['FunctionID', a.vf - 1],
          // NDIS_DEFAULT_SWITCH_ID: SR-IOV uses the NIC's default switch only.
          ['SwitchID', 0],
          ['VmFriendlyName', a.vm],
          // The VF takes the synthetic adapter's MAC (facts §7.2).
          ['CurrentMacAddress', v ? dashedMac(v.mac) : ''],
        ],
      };
    });
  return {
    cmdlet: 'Get-NetAdapterSriovVf',
    command: 'Get-NetAdapterSriovVf | Format-List',
    records,
    notes: records.length
      ? [placeholderNote(), noIdNote(), note('vfNumbering', 'FunctionID counts from 0: the diagram\'s VF k is FunctionID k − 1. PermanentMacAddress and VPortID are left out: the model has no value for them.')]
      : [note('vfNone', 'No output: no virtual function is allocated to a VM.')],
  };
}

const BUILDERS: Record<Cmdlet, (s: PsHostState) => PsBlock> = {
  'Get-VMSwitch': vmSwitch,
  'Get-VMSwitchExtension': vmSwitchExtension,
  'Get-VMNetworkAdapter': vmNetworkAdapter,
  'Get-VMNetworkAdapterVlan': vmNetworkAdapterVlan,
  'Get-VMNetworkAdapterExtendedAcl': vmNetworkAdapterExtendedAcl,
  'Get-NetAdapterVmq': netAdapterVmq,
  'Get-NetAdapterVmqQueue': netAdapterVmqQueue,
  'Get-NetAdapterSriov': netAdapterSriov,
  'Get-NetAdapterSriovVf': netAdapterSriovVf,
};

/** One cmdlet's output for this state. */
export function powershellBlock(s: PsHostState, cmdlet: Cmdlet): PsBlock {
  return BUILDERS[cmdlet](s);
}

/** Every cmdlet's output, in CMDLETS order. */
export function powershellBlocks(s: PsHostState): PsBlock[] {
  return CMDLETS.map((c) => BUILDERS[c](s));
}

/** A value as PowerShell's formatter prints it: True/False, `{a, b}` for a collection, empty for null. */
export function formatValue(v: PsValue): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `{${v.join(', ')}}`;
  return String(v);
}

/** One object in Format-List style: names padded to the longest, ` : `, the value. */
export function formatRecord(r: PsRecord): string[] {
  const w = Math.max(...r.props.map(([k]) => k.length));
  return r.props.map(([k, v]) => `${k.padEnd(w)} : ${formatValue(v)}`.trimEnd());
}

export const PROMPT = 'PS C:\\> ';

/**
 * The console text of one block: the prompt and command, a blank line, the objects separated by
 * blank lines (as Format-List prints them), and with `notes` the block's caveats as `#` comments.
 */
export function renderBlock(b: PsBlock, opts: { notes?: boolean } = {}): string {
  const lines = [PROMPT + b.command];
  if (b.records.length) {
    lines.push('');
    for (const r of b.records) lines.push(...formatRecord(r), '');
  }
  if (opts.notes) {
    lines.push(...b.notes.map((n) => `# ${n.en}`));
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * The whole transcript: every block, with its notes as `#` comments (what `--format powershell`
 * prints). A note shared by several blocks (the placeholder names) is printed once, where it first
 * applies.
 */
export function powershellTranscript(s: PsHostState, at?: { timeNs: number; label?: string }): string {
  const head = at
    ? [
        `# Hyper-V Visualizer: what these cmdlets would print for the simulated host${at.label ? ` (${at.label})` : ''} at t = ${(at.timeNs / 1e6).toFixed(3)} ms.`,
        '# Shown as Format-List with the documented properties the model has values for; the default table views may show fewer columns.',
        '',
        '',
      ].join('\n')
    : '';
  const seen = new Set<string>();
  const blocks = powershellBlocks(s).map((b) => {
    const notes = b.notes.filter((n) => !seen.has(n.id));
    notes.forEach((n) => seen.add(n.id));
    return renderBlock({ ...b, notes }, { notes: true });
  });
  return head + blocks.join('\n');
}
