import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useDiagramUi } from '../diagramStore';
import { useVmAdapter } from '../live';
import { useSim } from '../../../store/simStore';
import { PathGlyph } from '../PathGlyph';

const ZONE_BG = {
  root: 'bg-zone-root',
  vm: 'bg-zone-child',
  hardware: 'bg-zone-hardware',
} as const;

/** A partition or the hardware band: background, title and the user-mode band. */
export const ZoneNode = memo(function ZoneNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const zone = (data.zone ?? 'hardware') as keyof typeof ZONE_BG;
  const vm = data.vm;
  const path = useVmAdapter(vm);
  const drops = useDiagramUi((s) => (vm ? (s.vmDrops[vm] ?? 0) : 0));
  const canCollapse = useSim((s) => (vm ? s.topology.components.filter((c) => c.kind === 'guest-stack').length > 3 : false));
  const collapse = useDiagramUi((s) => s.collapse);
  const expanded = useDiagramUi((s) => (vm ? s.expanded.includes(vm) : false));
  const title =
    zone === 'root' ? t('diagram.zones.root') : zone === 'vm' ? t('diagram.zones.child') : t('diagram.zones.hardware');
  const explain = zone === 'root' ? t('diagram.zones.rootBody') : zone === 'vm' ? t('diagram.zones.childBody') : undefined;
  return (
    <div className={`relative h-full w-full rounded-xl border border-line ${ZONE_BG[zone]}`} title={explain}>
      <div className={`absolute top-2 flex items-center gap-2 overflow-hidden whitespace-nowrap leading-none ${data.titleAlign === 'right' ? 'right-3 justify-end' : data.compact ? 'left-3 right-3' : 'left-3 right-28'}`}>
        {vm ? <span className={`hvv-title font-mono ${data.compact ? 'text-[18px]' : 'text-[16px]'} font-bold text-ink`}>{vm}</span> : null}
        <span className={`${vm ? 'hvv-zone-sub min-w-0 truncate text-[13px] text-muted' : `hvv-title ${data.compact ? 'text-[18px]' : 'text-[16px]'} font-semibold text-ink`}`}>{title}</span>
        {zone === 'root' && !data.compact ? <span className="hvv-zone-sub text-[12px] text-muted">{t('diagram.zones.rootSub')}</span> : null}
        {vm && path ? (
          <span className="hvv-badge flex items-center gap-1 rounded-sm border border-line bg-panel px-1.5 py-0.5 text-[12px] text-ink">
            <PathGlyph path={path} size={10} />
            {t(`diagram.node.adapter.${path}`)}
          </span>
        ) : null}
        {drops > 0 ? <span className="hvv-badge text-[12px] font-semibold text-danger">{t('diagram.node.drops', { count: drops })}</span> : null}
        {canCollapse && expanded ? (
          <button
            type="button"
            className="nodrag rounded-sm border border-line bg-panel px-1.5 text-[12px] text-muted hover:text-ink"
            aria-label={t('diagram.collapse', { vm })}
            title={t('diagram.collapse', { vm })}
            onClick={(e) => {
              e.stopPropagation();
              if (vm) collapse(vm);
            }}
          >
            −
          </button>
        ) : null}
      </div>
      {data.userBand ? (
        <div
          className="absolute inset-x-2 rounded-md border border-dashed border-line bg-zone-user"
          style={{ top: data.userBand.y + 4, height: data.userBand.h - 4 }}
        >
          <span className="absolute left-2 top-1 text-[11px] font-semibold uppercase tracking-wide text-warn">
            {t('diagram.zones.userMode')}
          </span>
          {zone === 'vm' ? <span className="absolute bottom-1 left-2 text-[11px] text-muted">{t('diagram.zones.applications')}</span> : null}
        </div>
      ) : null}
      {data.kernelY != null ? (
        <span className="absolute left-3 text-[11px] font-semibold uppercase tracking-wide text-muted" style={{ top: data.kernelY }}>
          {t('diagram.zones.kernelMode')}
        </span>
      ) : null}
    </div>
  );
});
