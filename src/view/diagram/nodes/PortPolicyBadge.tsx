import { useTranslation } from 'react-i18next';
import type { VmId, VmNicSettings } from '../../../engine/types';
import { useSim } from '../../../store/simStore';

/**
 * The diagram's port-policy badges (issue 11), apart from the controls and inspector text in
 * panels/PortPolicy.tsx, which load later: these are drawn with the first paint.
 */

/** Does this VM's port carry any policy (the engine's rule: port-policy.ts hasPortPolicy)? */
export function hasPolicy(n: VmNicSettings | undefined): boolean {
  return !!n && (n.vlanMode === 'trunk' || (n.acl?.length ?? 0) > 0 || (n.maxMbps ?? 0) > 0 || (n.mirror !== undefined && n.mirror !== 'none'));
}

const useNic = (vm: VmId) => useSim((s) => s.config.vms.find((v) => v.id === vm)?.nic);
const useBypassed = (vm: VmId) => useSim((s) => s.live.vms.find((v) => v.id === vm)?.activePath === 'sriov');

/** Diagram: a small badge on the VM's port when it has policy ("policy", or "bypassed" on a VF). */
export function PortPolicyBadge({ vm }: { vm: VmId }) {
  const { t } = useTranslation();
  const nic = useNic(vm);
  const bypassed = useBypassed(vm);
  if (!hasPolicy(nic)) return null;
  const label = t(bypassed ? 'diagram.portPolicy.badgeBypassed' : 'diagram.portPolicy.badge');
  return (
    <span
      className={`pointer-events-none absolute -top-2 right-0 rounded border px-1 text-[12px] font-semibold leading-tight ${bypassed ? 'border-dashed border-warn bg-panel text-warn' : 'border-accent bg-panel text-ink'}`}
      title={bypassed ? t('diagram.portPolicy.bypassNote', { vm }) : t('diagram.portPolicy.badgeTitle', { vm })}
      data-testid={`port-policy-badge-${vm}`}
    >
      {label}
    </span>
  );
}

/** Diagram: on the extensible switch, how many VM ports carry a policy (all ports share the node). */
export function PortPolicySwitchBadge() {
  const { t } = useTranslation();
  const vms = useSim((s) => s.config.vms.filter((v) => hasPolicy(v.nic)).map((v) => v.id).join(', '));
  const bypassed = useSim((s) => s.live.vms.filter((v) => v.activePath === 'sriov' && hasPolicy(s.config.vms.find((c) => c.id === v.id)?.nic)).map((v) => v.id).join(', '));
  if (!vms) return null;
  const count = vms.split(', ').length;
  const title = t('diagram.portPolicy.badgeCountTitle', { vms }) + (bypassed ? ` · ${bypassed}: ${t('diagram.portPolicy.badgeBypassed')}` : '');
  return (
    <span className="pointer-events-none absolute -top-2 right-0 rounded border border-accent bg-panel px-1 text-[12px] font-semibold leading-tight text-ink" title={title} data-testid="port-policy-switch-badge">
      {t('diagram.portPolicy.badgeCount', { count })}
    </span>
  );
}
