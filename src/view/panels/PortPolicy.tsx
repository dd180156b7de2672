/**
 * vSwitch port policy in the UI (issue 11; engine/model/port-policy.ts): the per-VM disclosure in
 * the controls panel (VLAN mode, bandwidth limit, mirroring, a small ACL editor), the inspector's
 * section for a VM's port, and the badge on the VM's port (its NetVSP node) in the diagram. Every
 * change is a `set-vm-nic` (so it is in the link's `ch=` list); the numbers come from the engine.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PortAclRule, Protocol, VmId, VmNicSettings } from '../../engine/types';
import { metrics as engineMetrics } from '../../store/engineQueries';
import { useSim } from '../../store/simStore';
import { formatDuration } from '../../store/speed';
import { H } from './inspector/parts';
import { hasPolicy } from '../diagram/nodes/PortPolicyBadge';

export { hasPolicy };

const inputCls = 'w-full rounded-md border border-line bg-panel px-2 py-1 text-base text-ink';
const buttonCls = 'rounded-md border border-line bg-raised px-2 py-1 font-semibold text-ink hover:bg-panel disabled:opacity-50 disabled:cursor-not-allowed';


const useNic = (vm: VmId) => useSim((s) => s.config.vms.find((v) => v.id === vm)?.nic);
const useBypassed = (vm: VmId) => useSim((s) => s.live.vms.find((v) => v.id === vm)?.activePath === 'sriov');

const setNic = (vm: VmId, settings: VmNicSettings) => useSim.getState().apply({ kind: 'set-vm-nic', vm, settings });

/** One ACL rule as a line: "deny inbound udp 53". */
export function ruleLine(t: TFunction, r: PortAclRule): string {
  return t('portPolicy.ruleLine', {
    action: t(`portPolicy.action.${r.action}`),
    direction: t(`portPolicy.dir.${r.direction}`),
    protocol: r.protocol ? r.protocol.toUpperCase() : t('portPolicy.anyProtocol'),
    port: r.remotePort !== undefined ? t('portPolicy.remotePortN', { port: r.remotePort }) : t('portPolicy.anyPort'),
  });
}

/** Controls panel: the port settings of one VM, folded by default. */
export function PortPolicyDisclosure({ vm }: { vm: VmId }) {
  const { t } = useTranslation();
  const nic = useNic(vm);
  const bypassed = useBypassed(vm);
  const active = hasPolicy(nic);
  return (
    <details className="order-last basis-full pl-14" data-testid={`port-policy-${vm}`}>
      <summary className="cursor-pointer text-sm text-muted">
        {t('portPolicy.summary', { vm })}
        {active ? ` · ${t(bypassed ? 'diagram.portPolicy.badgeBypassed' : 'diagram.portPolicy.badge')}` : ''}
      </summary>
      <PortPolicyForm vm={vm} nic={nic ?? {}} bypassed={bypassed && active} />
    </details>
  );
}

function Field({ label, id, children, help }: { label: string; id: string; children: ReactNode; help?: string }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-sm text-muted">
        {label}
      </label>
      {children}
      {help ? <span className="text-sm text-muted">{help}</span> : null}
    </div>
  );
}

function PortPolicyForm({ vm, nic, bypassed }: { vm: VmId; nic: VmNicSettings; bypassed: boolean }) {
  const { t } = useTranslation();
  const ids = { vlan: useId(), trunk: useId(), limit: useId(), mirror: useId(), dir: useId(), proto: useId(), port: useId() };
  const [trunkText, setTrunkText] = useState((nic.trunkVlans ?? [10, 20]).join(','));
  const [limitText, setLimitText] = useState(String(nic.maxMbps ?? 0));
  const [dir, setDir] = useState<PortAclRule['direction']>('inbound');
  const [proto, setProto] = useState<Protocol | ''>('udp');
  const [port, setPort] = useState('');
  const acl = nic.acl ?? [];
  const trunkIds = trunkText
    .split(/[,\s.]+/)
    .filter(Boolean)
    .map(Number);
  const trunkOk = trunkIds.length > 0 && trunkIds.length <= 64 && trunkIds.every((n) => Number.isInteger(n) && n >= 1 && n <= 4094);
  const limit = /^\d{1,6}$/.test(limitText.trim()) ? Number(limitText.trim()) : NaN;
  const limitOk = Number.isInteger(limit) && limit >= 0 && limit <= 100_000;
  const portNum = port.trim() === '' ? undefined : Number(port.trim());
  const portOk = portNum === undefined || (/^\d{1,5}$/.test(port.trim()) && (portNum as number) <= 65_535);
  const commitLimit = () => {
    if (limitOk && limit !== (nic.maxMbps ?? 0)) setNic(vm, { maxMbps: limit });
  };
  return (
    <div className="mt-1 flex flex-col gap-2 rounded-md border border-line p-2">
      {bypassed ? (
        <p className="text-sm text-warn" data-testid={`port-bypass-${vm}`}>
          <span aria-hidden="true">⤳ </span>
          {t('portPolicy.bypassNote', { vm })}
        </p>
      ) : null}
      <Field label={t('portPolicy.vlanModeFor', { vm })} id={ids.vlan} help={t('portPolicy.vlanHelp')}>
        <select
          id={ids.vlan}
          className={inputCls}
          value={nic.vlanMode ?? 'access'}
          onChange={(e) => (e.target.value === 'trunk' ? trunkOk && setNic(vm, { vlanMode: 'trunk', trunkVlans: trunkIds }) : setNic(vm, { vlanMode: 'access', trunkVlans: undefined }))}
        >
          <option value="access">{t('portPolicy.vlan.access')}</option>
          <option value="trunk">{t('portPolicy.vlan.trunk')}</option>
        </select>
      </Field>
      {nic.vlanMode === 'trunk' ? (
        <Field label={t('portPolicy.trunkVlansFor', { vm })} id={ids.trunk} help={trunkOk ? undefined : t('portPolicy.trunkBad')}>
          <input
            id={ids.trunk}
            className={inputCls}
            value={trunkText}
            aria-invalid={!trunkOk}
            onChange={(e) => setTrunkText(e.target.value)}
            onBlur={() => trunkOk && setNic(vm, { vlanMode: 'trunk', trunkVlans: trunkIds })}
          />
        </Field>
      ) : null}
      <Field label={t('portPolicy.limitFor', { vm })} id={ids.limit} help={limitOk ? t('portPolicy.limitHelp') : t('portPolicy.limitBad')}>
        <input
          id={ids.limit}
          className={inputCls}
          inputMode="numeric"
          value={limitText}
          aria-invalid={!limitOk}
          onChange={(e) => setLimitText(e.target.value)}
          onBlur={commitLimit}
          onKeyDown={(e) => e.key === 'Enter' && commitLimit()}
        />
      </Field>
      <Field label={t('portPolicy.mirrorFor', { vm })} id={ids.mirror} help={t('portPolicy.mirrorHelp')}>
        <select id={ids.mirror} className={inputCls} value={nic.mirror ?? 'none'} onChange={(e) => setNic(vm, { mirror: e.target.value as 'none' | 'source' | 'destination' })}>
          {(['none', 'source', 'destination'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`portPolicy.mirror.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <div className="text-sm text-muted">{t('portPolicy.aclFor', { vm })}</div>
        {acl.length === 0 ? (
          <p className="text-sm">{t('portPolicy.aclEmpty')}</p>
        ) : (
          <ol className="flex flex-col gap-1" aria-label={t('portPolicy.aclFor', { vm })}>
            {acl.map((r, i) => (
              <li key={i} className="flex items-center justify-between gap-2 text-sm">
                <span>
                  {i + 1}. {ruleLine(t, r)}
                </span>
                <button type="button" className={buttonCls} aria-label={t('portPolicy.removeRule', { n: i + 1, vm })} title={t('portPolicy.removeRule', { n: i + 1, vm })} onClick={() => setNic(vm, { acl: acl.filter((_, k) => k !== i) })}>
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            ))}
          </ol>
        )}
        <div className="mt-1 grid grid-cols-3 gap-1">
          <select id={ids.dir} aria-label={t('portPolicy.newDirection', { vm })} className={inputCls} value={dir} onChange={(e) => setDir(e.target.value as PortAclRule['direction'])}>
            {(['inbound', 'outbound', 'both'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`portPolicy.dir.${d}`)}
              </option>
            ))}
          </select>
          <select id={ids.proto} aria-label={t('portPolicy.newProtocol', { vm })} className={inputCls} value={proto} onChange={(e) => setProto(e.target.value as Protocol | '')}>
            <option value="">{t('portPolicy.anyProtocol')}</option>
            {(['udp', 'tcp', 'icmp'] as const).map((p) => (
              <option key={p} value={p}>
                {p.toUpperCase()}
              </option>
            ))}
          </select>
          <input id={ids.port} aria-label={t('portPolicy.newPort', { vm })} aria-invalid={!portOk} placeholder={t('portPolicy.anyPort')} className={inputCls} inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
        </div>
        <button
          type="button"
          className={`${buttonCls} mt-1`}
          disabled={!portOk || acl.length >= 64}
          aria-label={t('portPolicy.addDenyFor', { vm })}
          onClick={() => {
            const rule: PortAclRule = { direction: dir, action: 'deny', ...(proto ? { protocol: proto } : {}), ...(portNum !== undefined ? { remotePort: portNum } : {}) };
            setNic(vm, { acl: [...acl, rule] });
          }}
        >
          {t('portPolicy.addDeny')}
        </button>
        <p className="mt-1 text-sm text-muted">{t('portPolicy.aclHelp')}</p>
      </div>
    </div>
  );
}

/** Inspector: what the VM's port applies, and whether it applies at all (SR-IOV bypass). */
export function PortPolicySection({ vm }: { vm: VmId }) {
  const { t, i18n } = useTranslation();
  const nic = useNic(vm);
  const bypassed = useBypassed(vm);
  if (!hasPolicy(nic) || !nic) return null;
  const m = engineMetrics()?.perVm[vm]?.portPolicy;
  const rows: [string, ReactNode][] = [];
  rows.push([t('portPolicy.row.vlan'), nic.vlanMode === 'trunk' ? t('portPolicy.trunkOf', { ids: (nic.trunkVlans ?? []).join(', ') }) : t('portPolicy.vlan.access')]);
  rows.push([t('portPolicy.row.acl'), (nic.acl ?? []).length ? (nic.acl ?? []).map((r, i) => `${i + 1}. ${ruleLine(t, r)}`).join(' · ') : t('portPolicy.aclEmpty')]);
  rows.push([t('portPolicy.row.limit'), (nic.maxMbps ?? 0) > 0 ? t('portPolicy.limitValue', { n: (nic.maxMbps as number).toLocaleString(i18n.language) }) : t('portPolicy.noLimit')]);
  rows.push([t('portPolicy.row.mirror'), t(`portPolicy.mirror.${nic.mirror ?? 'none'}`)]);
  rows.push([t('portPolicy.row.applies'), bypassed ? t('portPolicy.bypassNote', { vm }) : t('portPolicy.applies')]);
  if (m) {
    rows.push([t('portPolicy.row.drops'), m.policyDrops.toLocaleString(i18n.language)]);
    if ((nic.maxMbps ?? 0) > 0)
      rows.push([
        t('portPolicy.row.held'),
        m.limitHeld > 0 || m.limitDrops > 0
          ? t('portPolicy.heldValue', { n: m.limitHeld.toLocaleString(i18n.language), avg: formatDuration(m.limitWaitNs / Math.max(1, m.limitHeld)), drops: m.limitDrops.toLocaleString(i18n.language) })
          : t('portPolicy.heldNone'),
      ]);
    if (nic.mirror === 'destination') rows.push([t('portPolicy.row.mirrored'), m.mirrored.toLocaleString(i18n.language)]);
  }
  return (
    <section data-testid={`port-policy-inspector-${vm}`}>
      <H>{t('portPolicy.inspectorTitle', { vm })}</H>
      {bypassed ? (
        <p className="mb-1 rounded bg-raised px-2 py-1 text-sm text-warn" data-testid="port-bypass-note">
          <span aria-hidden="true">⤳ </span>
          {t('portPolicy.bypassNote', { vm })}
        </p>
      ) : null}
      {/* Prose values (rules, reasons): label above value, wrapped at word boundaries. */}
      <dl className="flex flex-col gap-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className="text-muted">{k}</dt>
            <dd className="break-words">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
