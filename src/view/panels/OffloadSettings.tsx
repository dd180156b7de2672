/**
 * A VM's offload settings (issue 11; engine model/offloads.ts) as a compact disclosure under its
 * row in the controls panel: LSO, RSC and checksum offload switches and the MTU, applied live
 * with `set-vm-nic`. Closed by default so the panel stays calm; the summary line says the state in
 * words (never colour alone).
 */
import { memo, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdapterKind, VmId, VmNicSettings } from '../../engine/types';
import { offloadsOf } from '../../engine/model/offloads';
import { useSim } from '../../store/simStore';
import { Switch } from './Switch';

const MTU_MIN = 576;
const MTU_MAX = 9000;

export const OffloadSettings = memo(function OffloadSettings({ vm, adapter, nic }: { vm: VmId; adapter: AdapterKind; nic: VmNicSettings | undefined }) {
  const { t } = useTranslation();
  const o = offloadsOf(nic);
  const apply = (settings: VmNicSettings) => useSim.getState().apply({ kind: 'set-vm-nic', vm, settings });
  const onOff = (b: boolean) => (b ? t('common.on') : t('common.off'));
  const mtuText = o.mtu === null ? '' : ` · MTU ${o.mtu}`;
  return (
    <details className="order-last basis-full pl-2" data-testid={`offloads-${vm}`}>
      <summary className="cursor-pointer rounded text-sm text-muted focus-visible:outline-2 focus-visible:outline-accent">
        {t('controls.offloads')}: {t('controls.offloadsSummary', { lso: onOff(o.lso), rsc: onOff(o.rsc), csum: onOff(o.checksum), mtu: mtuText })}
      </summary>
      <div className="mt-1 flex flex-col border-l-2 border-line pl-2">
        <Switch label={t('controls.lso')} name={t('controls.lsoFor', { vm })} checked={o.lso} onChange={(on) => apply({ lso: on })} onText={t('common.on')} offText={t('common.off')} />
        <Switch label={t('controls.rsc')} name={t('controls.rscFor', { vm })} checked={o.rsc} onChange={(on) => apply({ rsc: on })} onText={t('common.on')} offText={t('common.off')} />
        <Switch label={t('controls.checksum')} name={t('controls.checksumFor', { vm })} checked={o.checksum} onChange={(on) => apply({ checksum: on })} onText={t('common.on')} offText={t('common.off')} />
        <MtuInput vm={vm} mtu={o.mtu} onCommit={(mtu) => apply({ mtu })} />
        {adapter !== 'synthetic' && <p className="m-0 text-sm text-warn">{t('controls.offloadsNoEffect')}</p>}
        <p className="m-0 text-sm leading-snug text-muted">
          {t('controls.lsoHelp')} {t('controls.rscHelp')} {t('controls.checksumHelp')}
        </p>
        <p className="m-0 mt-1 text-sm leading-snug text-muted">{t('controls.offloadsDefaults')}</p>
      </div>
    </details>
  );
});

function MtuInput({ vm, mtu, onCommit }: { vm: VmId; mtu: number | null; onCommit: (mtu: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const helpId = useId();
  const [text, setText] = useState(mtu === null ? '' : String(mtu));
  const [bad, setBad] = useState(false);
  useEffect(() => setText(mtu === null ? '' : String(mtu)), [mtu]);
  const commit = () => {
    if (text.trim() === '' && mtu === null) return setBad(false);
    const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
    if (!Number.isInteger(n) || n < MTU_MIN || n > MTU_MAX) {
      setBad(true);
      setText(mtu === null ? '' : String(mtu));
      return;
    }
    setBad(false);
    if (n !== mtu) onCommit(n);
  };
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-2 py-1">
      <label htmlFor={id} className="font-semibold" aria-hidden="true">
        {t('controls.mtu')}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={MTU_MIN}
        max={MTU_MAX}
        step={1}
        aria-label={t('controls.mtuFor', { vm })}
        aria-describedby={helpId}
        aria-invalid={bad || undefined}
        placeholder={t('controls.mtuAuto')}
        className="w-24 rounded-md border border-line bg-panel px-2 py-1 text-base text-ink"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <p id={helpId} className={`basis-full text-sm ${bad ? 'text-warn' : 'text-muted'}`} role={bad ? 'alert' : undefined}>
        {bad ? t('controls.mtuInvalid', { mtu: mtu ?? t('controls.mtuAuto') }) : t('controls.mtuHelp')}
      </p>
    </div>
  );
}
