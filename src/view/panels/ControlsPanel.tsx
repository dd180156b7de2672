import { memo, useId, useMemo, useState, type ReactNode } from 'react';
import { flowOfferedBps } from '../../analysis/limits';
import { i18next } from '../../i18n';
import { fmtBps } from '../metrics/units';
import { useTranslation } from 'react-i18next';
import { ADAPTER_KINDS, type AdapterKind, type FlowConfig, type FlowDirection, type Protocol, type VmId, type VmNicSettings } from '../../engine/types';
import { EXTENSION_ORDER } from '../../engine/topology';
import { engineApi, scenarioNames } from '../../store/engineApi';
import { expectedConfig } from '../../store/urlConfig';
import { currentPreset, selectors, useSim } from '../../store/simStore';
import { DIRECTIONS, FLOW_LIMITS, flowToSpec, PROTOCOLS, presetFlows, TRAFFIC_PRESETS, type TrafficPreset } from '../../store/traffic';
import { Switch } from './Switch';
import { OffloadSettings } from './OffloadSettings';
import { EffectNoteBox } from '../shell/EffectNoteBox';
import { PortPolicyDisclosure } from './PortPolicy';

const MAX_VMS = 64;

/** Left panel: scenario, host switches, VMs and their adapters, traffic, extensions, faults. */
export function ControlsPanel() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4 p-4 text-base">
      <h2 className="sr-only">{t('controls.title')}</h2>
      <ScenarioSection />
      <HostSection />
      <VmSection />
      <TrafficSection />
      <ExtensionsSection />
      <FaultsSection />
      <p className="text-sm text-muted">{t('controls.liveHint')}</p>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-line bg-panel p-3">
      <h3 id={id} className="mb-2 text-sm font-bold uppercase tracking-wide text-muted">
        {title}
      </h3>
      {children}
    </section>
  );
}

const selectCls = 'w-full rounded-md border border-line bg-panel px-2 py-1.5 text-base text-ink';
const buttonCls = 'rounded-md border border-line bg-raised px-3 py-1.5 font-semibold text-ink hover:bg-panel disabled:opacity-50 disabled:cursor-not-allowed';
const primaryCls = 'rounded-md border border-accent bg-accent px-3 py-1.5 font-semibold text-accent-ink disabled:opacity-50';

function ScenarioSection() {
  const { t } = useTranslation();
  const scenario = useSim(selectors.scenario);
  // No preselected scenario on a page that is not one (the default host, a shared link): the
  // picker would have named a scenario the learner is not looking at.
  const [choice, setChoice] = useState(scenario?.name ?? '');
  const id = useId();
  return (
    <Section title={t('controls.scenario')}>
      <label htmlFor={id} className="mb-1 block text-sm text-muted">
        {t('controls.scenarioLabel')}
      </label>
      <div className="flex gap-2">
        <select id={id} className={`${selectCls} min-w-0`} value={choice} onChange={(e) => setChoice(e.target.value)}>
          {choice === '' && (
            <option value="" disabled>
              {t('controls.scenarioPick')}
            </option>
          )}
          {scenarioNames().map((n) => (
            <option key={n} value={n}>
              {t(`scenarioNames.${n}`, { defaultValue: n })}
            </option>
          ))}
        </select>
        <button type="button" className={`${primaryCls} whitespace-nowrap`} disabled={choice === ''} onClick={() => useSim.getState().loadScenario(choice)}>
          {t('controls.loadScenario')}
        </button>
      </div>
    </Section>
  );
}

function HostSection() {
  const { t } = useTranslation();
  const vmq = useSim(selectors.vmq);
  const sriov = useSim(selectors.sriov);
  const apply = useSim.getState().apply;
  return (
    <Section title={t('controls.host')}>
      <Switch
        label="VMQ"
        checked={vmq}
        onChange={(on) => apply({ kind: 'set-vmq', on })}
        description={t('controls.vmqHelp')}
        onText={t('common.on')}
        offText={t('common.off')}
      />
      <EffectNoteBox toggle="vmq" />
      <Switch
        label="SR-IOV"
        checked={sriov}
        onChange={(on) => apply({ kind: 'set-sriov', on })}
        description={t('controls.sriovHelp')}
        onText={t('common.on')}
        offText={t('common.off')}
      />
      <EffectNoteBox toggle="sriov" />
      <RssSwitches />
    </Section>
  );
}

/** Issue 11: host vRSS and VMMQ switches (model/vrss.ts). */
function RssSwitches() {
  const { t } = useTranslation();
  const vrss = useSim((s) => s.config.vrss ?? false);
  const vmmq = useSim((s) => s.config.vmmq ?? false);
  const vmq = useSim(selectors.vmq);
  const apply = useSim.getState().apply;
  return (
    <>
      <Switch label="vRSS" checked={vrss} onChange={(on) => apply({ kind: 'set-vrss', on })} description={t('controls.vrssHelp')} onText={t('common.on')} offText={t('common.off')} />
      <Switch label="VMMQ" checked={vmmq} onChange={(on) => apply({ kind: 'set-vmmq', on })} description={vmq ? t('controls.vmmqHelp') : t('controls.vmmqNeedsVmq')} onText={t('common.on')} offText={t('common.off')} />
    </>
  );
}

/** Issue 11: receive queues / channels of one vNIC, shown while vRSS or VMMQ is on. */
function QueuesSelect({ vm }: { vm: VmId }) {
  const { t } = useTranslation();
  const on = useSim((s) => (s.config.vrss ?? false) || (s.config.vmmq ?? false));
  const v = useSim((s) => s.config.vms.find((x) => x.id === vm));
  const channels = useSim((s) => s.live.vms.find((x) => x.id === vm)?.rss?.channels ?? 1);
  if (!on || !v || v.adapter === 'emulated') return null;
  const value = v.nic?.queues ?? 8;
  return (
    <label className="order-last flex basis-full flex-wrap items-center gap-x-2 pl-14 text-sm text-muted">
      <span>{t('controls.queues')}</span>
      <select
        aria-label={t('controls.queuesFor', { vm })}
        className="w-16 rounded-md border border-line bg-panel px-1 py-0.5 text-sm text-ink"
        value={value}
        onChange={(e) => useSim.getState().apply({ kind: 'set-vm-nic', vm, settings: { queues: Number(e.target.value) } })}
      >
        {Array.from({ length: 16 }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <span data-testid="vm-channels">{t('controls.channelsOpen', { count: channels, vcpus: v.vcpus })}</span>
    </label>
  );
}

function VmSection() {
  const { t } = useTranslation();
  const vms = useSim(selectors.vms);
  const [newAdapter, setNewAdapter] = useState<AdapterKind>('synthetic');
  const newId = useId();
  return (
    <Section title={t('controls.vms', { count: vms.length })}>
      <ul className="flex max-h-72 flex-col gap-2 overflow-y-auto pr-1">
        {vms.map((v) => (
          <VmRow key={v.id} vm={v.id} adapter={v.adapter} nic={v.nic} canRemove={vms.length > 1} />
        ))}
      </ul>
      <div className="mt-3 flex items-end gap-2">
        <div className="flex-1">
          <label htmlFor={newId} className="block text-sm text-muted">
            {t('controls.newVmAdapter')}
          </label>
          <select id={newId} className={selectCls} value={newAdapter} onChange={(e) => setNewAdapter(e.target.value as AdapterKind)}>
            {ADAPTER_KINDS.map((a) => (
              <option key={a} value={a}>
                {t(`adapter.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className={buttonCls} disabled={vms.length >= MAX_VMS} onClick={() => useSim.getState().addVm(newAdapter)}>
          {t('controls.addVm')}
        </button>
      </div>
    </Section>
  );
}

const VmRow = memo(function VmRow({ vm, adapter, nic, canRemove }: { vm: VmId; adapter: AdapterKind; nic: VmNicSettings | undefined; canRemove: boolean }) {
  const { t } = useTranslation();
  const activePath = useSim((s) => s.live.vms.find((v) => v.id === vm)?.activePath ?? null);
  const id = useId();
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
      <label htmlFor={id} className="w-12 shrink-0 font-mono font-semibold">
        {vm}
      </label>
      <select
        id={id}
        aria-label={t('controls.adapterFor', { vm })}
        className={`${selectCls} w-auto min-w-0 flex-1`}
        value={adapter}
        onChange={(e) => useSim.getState().apply({ kind: 'set-adapter', vm, adapter: e.target.value as AdapterKind })}
      >
        {ADAPTER_KINDS.map((a) => (
          <option key={a} value={a}>
            {t(`adapter.${a}`)}
          </option>
        ))}
      </select>
      {activePath && activePath !== adapter && (
        // Its own line under the select: beside it, it squeezed the adapter's name to "SR-".
        <span className="order-last basis-full pl-14 text-sm text-warn" title={t('controls.activePathTitle')} data-testid="active-path">
          → {t(`path.${activePath}`)}
        </span>
      )}
      <button
        type="button"
        className={`${buttonCls} px-2`}
        disabled={!canRemove}
        aria-label={t('controls.removeVm', { vm })}
        title={t('controls.removeVm', { vm })}
        onClick={() => useSim.getState().removeVm(vm)}
      >
        <span aria-hidden="true">✕</span>
      </button>
      <QueuesSelect vm={vm} />
      <PortPolicyDisclosure vm={vm} />
      <OffloadSettings vm={vm} adapter={adapter} nic={nic} />
    </li>
  );
});

function describeFlow(f: FlowConfig, t: (k: string, o?: Record<string, unknown>) => string) {
  const from = f.direction === 'external-to-vm' ? t('traffic.external') : f.vm;
  const to = f.direction === 'vm-to-external' ? t('traffic.external') : f.direction === 'external-to-vm' ? f.vm : (f.peerVm ?? '?');
  return t('traffic.flowLine', { from, to, protocol: f.protocol.toUpperCase(), bytes: f.packetBytes, pps: f.ratePps.toLocaleString(), rate: fmtBps(flowOfferedBps(f), i18next.language) });
}

function TrafficSection() {
  const { t } = useTranslation();
  const config = useSim(selectors.config);
  const scenario = useSim(selectors.scenario);
  const ids = config.vms.map((v) => v.id);
  // The traffic the scenario (or the default configuration) gives for this many VMs.
  const baseFlows = useMemo(() => {
    try {
      return expectedConfig({ scenario: scenario?.name ?? null, packets: scenario?.packets ?? null, vms: ids.length }, engineApi).flows;
    } catch {
      return null;
    }
  }, [scenario, ids.length]);
  const isBase = useMemo(
    () => baseFlows !== null && JSON.stringify(config.flows.map(flowToSpec)) === JSON.stringify(baseFlows.map(flowToSpec)),
    [config.flows, baseFlows],
  );
  const preset = currentPreset(config) ?? (isBase ? 'base' : null);
  const presetId = useId();
  const apply = useSim.getState().apply;
  const setFlows = (flows: FlowConfig[]) => apply({ kind: 'set-flows', flows: flows.map((f, i) => ({ ...f, id: `f${i + 1}` })) });
  return (
    <Section title={t('controls.traffic')}>
      <label htmlFor={presetId} className="mb-1 block text-sm text-muted">
        {t('traffic.preset')}
      </label>
      <select
        id={presetId}
        className={selectCls}
        value={preset ?? 'custom'}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'base' && baseFlows) apply({ kind: 'set-flows', flows: baseFlows });
          else if (v !== 'custom' && v !== 'base') apply({ kind: 'set-flows', flows: presetFlows(v as TrafficPreset, ids) });
        }}
      >
        {baseFlows && <option value="base">{t('traffic.presets.base')}</option>}
        {TRAFFIC_PRESETS.map((p) => (
          <option key={p} value={p} disabled={p === 'vm-to-vm' && ids.length < 2}>
            {t(`traffic.presets.${p}`)}
          </option>
        ))}
        <option value="custom" disabled>
          {t('traffic.presets.custom')}
        </option>
      </select>
      <FlowList flows={config.flows} onRemove={(i) => setFlows(config.flows.filter((_, j) => j !== i))} />
      <FlowEditor vms={ids} onAdd={(f) => setFlows([...config.flows, f])} />
    </Section>
  );
}

/**
 * The flow list, rendered again only when the flows change (not on a host switch flip: at 64 VMs
 * its ≈100 localised lines took ≈10 ms of every flip, issue 13). The `onRemove` of an earlier render
 * with the same flows does the same thing.
 */
const FlowList = memo(
  function FlowList({ flows, onRemove }: { flows: readonly FlowConfig[]; onRemove: (i: number) => void }) {
    const { t } = useTranslation();
    if (flows.length === 0) return null;
    return (
      <ul className="mt-2 flex max-h-40 flex-col gap-1 overflow-y-auto text-sm" aria-label={t('traffic.flowList')}>
        {flows.map((f, i) => {
          const line = describeFlow(f, t);
          return (
            <li key={`${f.id}-${i}`} className="flex items-center justify-between gap-2 rounded bg-raised px-2 py-1">
              <span className="font-mono">{line}</span>
              <button
                type="button"
                className="rounded px-1 font-semibold text-danger hover:bg-panel"
                aria-label={t('traffic.removeFlow', { n: i + 1, flow: line })}
                onClick={() => onRemove(i)}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          );
        })}
      </ul>
    );
  },
  (a, b) => a.flows === b.flows,
);

function FlowEditor({ vms, onAdd }: { vms: VmId[]; onAdd: (f: FlowConfig) => void }) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<FlowDirection>('vm-to-external');
  const [vm, setVm] = useState<VmId>('vm1');
  const [peer, setPeer] = useState<VmId>('vm2');
  const [protocol, setProtocol] = useState<Protocol>('udp');
  const [rate, setRate] = useState(100_000);
  const [size, setSize] = useState(1500);
  const ids = { dir: useId(), vm: useId(), peer: useId(), proto: useId(), rate: useId(), size: useId() };
  const vmOk = vms.includes(vm) ? vm : (vms[0] as VmId);
  const peerOk = vms.includes(peer) && peer !== vmOk ? peer : (vms.find((v) => v !== vmOk) ?? null);
  const valid =
    rate >= FLOW_LIMITS.minPps && rate <= FLOW_LIMITS.maxPps && size >= FLOW_LIMITS.minBytes && size <= FLOW_LIMITS.maxBytes && (direction !== 'vm-to-vm' || peerOk !== null);
  const field = 'flex flex-col gap-0.5 text-sm text-muted';
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-semibold">{t('traffic.editor')}</summary>
      <form
        className="mt-2 grid grid-cols-2 gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          onAdd({
            id: 'new',
            direction,
            vm: vmOk,
            ...(direction === 'vm-to-vm' && peerOk ? { peerVm: peerOk } : {}),
            protocol,
            packetBytes: size,
            ratePps: rate,
          });
        }}
      >
        <label htmlFor={ids.dir} className={`${field} col-span-2`}>
          {t('traffic.direction')}
          <select id={ids.dir} className={selectCls} value={direction} onChange={(e) => setDirection(e.target.value as FlowDirection)}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d} disabled={d === 'vm-to-vm' && vms.length < 2}>
                {t(`traffic.directions.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.vm} className={field}>
          {direction === 'external-to-vm' ? t('traffic.toVm') : t('traffic.fromVm')}
          <select id={ids.vm} className={selectCls} value={vmOk} onChange={(e) => setVm(e.target.value as VmId)}>
            {vms.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        {direction === 'vm-to-vm' ? (
          <label htmlFor={ids.peer} className={field}>
            {t('traffic.toVm')}
            <select id={ids.peer} className={selectCls} value={peerOk ?? ''} onChange={(e) => setPeer(e.target.value as VmId)}>
              {vms
                .filter((v) => v !== vmOk)
                .map((v) => (
                  <option key={v}>{v}</option>
                ))}
            </select>
          </label>
        ) : (
          <span />
        )}
        <label htmlFor={ids.proto} className={field}>
          {t('traffic.protocol')}
          <select id={ids.proto} className={selectCls} value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)}>
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {t(`traffic.protocols.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.size} className={field}>
          {t('traffic.size')}
          <input
            id={ids.size}
            type="number"
            inputMode="numeric"
            min={FLOW_LIMITS.minBytes}
            max={FLOW_LIMITS.maxBytes}
            className={selectCls}
            value={size}
            onChange={(e) => setSize(Number(e.target.value))}
          />
        </label>
        <label htmlFor={ids.rate} className={`${field} col-span-2`}>
          {t('traffic.rate')}
          <input
            id={ids.rate}
            type="number"
            inputMode="numeric"
            min={FLOW_LIMITS.minPps}
            max={FLOW_LIMITS.maxPps}
            step="any"
            className={selectCls}
            value={rate}
            onChange={(e) => setRate(Number(e.target.value))}
          />
        </label>
        <button type="submit" className={`${primaryCls} col-span-2`} disabled={!valid}>
          {t('traffic.addFlow')}
        </button>
      </form>
    </details>
  );
}

function ExtensionsSection() {
  const { t } = useTranslation();
  const ext = useSim(selectors.extensions);
  const on = { capture: ext.capture, filter: ext.filter.enabled, forwarding: ext.forwarding };
  const set = (name: (typeof EXTENSION_ORDER)[number], value: boolean) => {
    const next = {
      capture: name === 'capture' ? value : ext.capture,
      filter: { ...ext.filter, enabled: name === 'filter' ? value : ext.filter.enabled },
      forwarding: name === 'forwarding' ? value : ext.forwarding,
    };
    useSim.getState().apply({ kind: 'set-extensions', extensions: next });
  };
  return (
    <Section title={t('controls.extensions')}>
      {EXTENSION_ORDER.map((x) => (
        <Switch
          key={x}
          label={t(`extensions.${x}`)}
          checked={on[x]}
          onChange={(v) => set(x, v)}
          description={t(`extensions.${x}Help`)}
          onText={t('common.on')}
          offText={t('common.off')}
        />
      ))}
    </Section>
  );
}

function FaultsSection() {
  const { t } = useTranslation();
  const vms = useSim(selectors.vms);
  const linkUp = useSim(selectors.linkUp);
  const [target, setTarget] = useState<VmId>('vm1');
  const id = useId();
  const vm = vms.some((v) => v.id === target) ? target : (vms[0]?.id ?? 'vm1');
  const fault = (kind: 'vf-remove' | 'vf-add' | 'link-down' | 'link-up' | 'ring-exhaust') =>
    useSim.getState().apply({ kind: 'fault', fault: kind === 'link-down' || kind === 'link-up' ? { kind } : { kind, vm } });
  return (
    <Section title={t('controls.faults')}>
      <label htmlFor={id} className="mb-1 block text-sm text-muted">
        {t('faults.target')}
      </label>
      <select id={id} className={selectCls} value={vm} onChange={(e) => setTarget(e.target.value as VmId)}>
        {vms.map((v) => (
          <option key={v.id} value={v.id}>
            {v.id} · {t(`adapter.${v.adapter}`)}
          </option>
        ))}
      </select>
      <div className="mt-2 grid grid-cols-2 gap-2">
        <button type="button" className={buttonCls} onClick={() => fault('vf-remove')}>
          {t('faults.vfRemove')}
        </button>
        <button type="button" className={buttonCls} onClick={() => fault('vf-add')}>
          {t('faults.vfAdd')}
        </button>
        <button type="button" className={buttonCls} onClick={() => fault('ring-exhaust')}>
          {t('faults.ringExhaust')}
        </button>
        <button type="button" className={buttonCls} onClick={() => fault(linkUp ? 'link-down' : 'link-up')}>
          {linkUp ? t('faults.linkDown') : t('faults.linkUp')}
        </button>
      </div>
    </Section>
  );
}
