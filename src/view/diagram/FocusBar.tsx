import { useTranslation } from 'react-i18next';
import { clearFocus, focusPacket, focusVm, useFocus, type Focus } from '../../store/focus';

/** Says what the focused diagram shows, and the way back to the whole host (issue 8). */
export function FocusBar({ focus, count }: { focus: Focus; count: number }) {
  const { t } = useTranslation();
  return (
    <div
      className="pointer-events-auto absolute left-2 top-2 z-10 flex max-w-[calc(100%-4.5rem)] flex-wrap items-center gap-x-2 gap-y-1 rounded-md border border-line bg-panel/95 px-2 py-1 text-[13px] shadow-sm"
      data-testid="focus-bar"
    >
      <span role="status" className="font-semibold text-ink">
        {focus.kind === 'packet' ? t('diagram.focus.statusPacket', { id: focus.id, count }) : t('diagram.focus.statusVm', { vm: focus.vm, count })}
      </span>
      <button
        type="button"
        onClick={clearFocus}
        className="rounded border border-line bg-raised px-2 py-0.5 font-semibold text-ink hover:bg-surface focus-visible:outline focus-visible:outline-2 focus-visible:outline-focus"
        data-testid="focus-exit"
      >
        <span aria-hidden="true">← </span>
        {t('diagram.focus.exit')}
      </button>
    </div>
  );
}

/** "Focus on this path" for a packet or a VM, offered by the inspector. */
export function FocusPathButton({ packet, vm }: { packet?: number; vm?: string | null }) {
  const { t } = useTranslation();
  const focus = useFocus((s) => s.focus);
  const on = focus && (packet !== undefined ? focus.kind === 'packet' && focus.id === packet : focus.kind === 'vm' && focus.vm === vm);
  if (packet === undefined && !vm) return null;
  const label = on ? t('diagram.focus.exit') : packet !== undefined ? t('diagram.focus.offerPacket', { id: packet }) : t('diagram.focus.offerVm', { vm });
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 rounded border border-line bg-raised px-2 py-0.5 text-sm font-semibold text-ink hover:bg-panel"
      aria-pressed={!!on}
      onClick={() => (on ? clearFocus() : packet !== undefined ? focusPacket(packet) : vm ? focusVm(vm) : false)}
      data-testid="inspector-focus"
    >
      <span aria-hidden="true">{on ? '⤢' : '⌖'}</span>
      {label}
    </button>
  );
}
