import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi, type PanelName } from '../../store/uiStore';
import { MenuCheck, PresentationMenuActions, PresentationViewItems } from '../presenter/HeaderTools';
import { Icon } from './Icon';
import { btn, menuHeading, menuItem, popoverCls, separator } from './ui';
import { OfflineCopyItem } from './OfflineCopyItem';

const PANELS: PanelName[] = ['controls', 'inspector', 'log', 'powershell'];

/** The controls of the popover that arrows, Home and End move between (visible ones only). */
function items(root: HTMLElement | null): HTMLElement[] {
  if (!root) return [];
  return Array.from(root.querySelectorAll<HTMLElement>('button, select, input, [href]')).filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
}

/**
 * "View": a button that opens a small popover with the panel toggles (Controls, Inspector, Event
 * log), Component list, Reduce motion and Theme; below 1280 px also Share, Copy link and Presenter
 * mode. The controls keep their own roles (toggle buttons, a switch, a select), so the popover is a
 * non-modal dialog rather than an ARIA menu, with menu-like keys:
 *
 * - on the button: Enter / Space / ↓ open it on the first control, ↑ on the last;
 * - inside: ↓ / ↑ move (wrapping), Home / End jump, Esc closes and returns focus to the button
 *   (a select keeps its own arrow keys), Tab moves on and closes it when the focus leaves;
 * - a click outside closes it.
 *
 * Toggles leave it open (several can be changed in a row); Share, Copy link and Presenter mode
 * close it first.
 */
export function ViewMenu() {
  const { t } = useTranslation();
  const panels = useUi((s) => s.panels);
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pop = useRef<HTMLDivElement>(null);
  /** Which control takes the focus when the popover has rendered: the first (Enter, Space, ↓, a click) or the last (↑). */
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const popId = useId();

  useEffect(() => {
    if (!open) return;
    const list = items(pop.current);
    (focusOnOpen.current === 'last' ? list[list.length - 1] : list[0])?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    focusOnOpen.current = e.key === 'ArrowUp' ? 'last' : 'first';
    if (open) {
      const list = items(pop.current);
      (e.key === 'ArrowUp' ? list[list.length - 1] : list[0])?.focus();
    } else setOpen(true);
  };

  const onPopoverKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    // A select changes its value with the arrow keys: leave them to it (Tab moves on).
    if (e.target instanceof HTMLSelectElement) return;
    const list = items(pop.current);
    const i = list.indexOf(document.activeElement as HTMLElement);
    const to =
      e.key === 'ArrowDown' ? list[(i + 1) % list.length] : e.key === 'ArrowUp' ? list[(i - 1 + list.length) % list.length] : e.key === 'Home' ? list[0] : e.key === 'End' ? list[list.length - 1] : undefined;
    if (!to) return;
    e.preventDefault();
    to.focus();
  };

  return (
    <div
      ref={wrap}
      className="relative"
      onBlur={(e) => {
        // Tab (or a click) took the focus somewhere else on the page: the popover goes away.
        if (open && e.relatedTarget instanceof Node && !wrap.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        id="view-menu-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popId : undefined}
        className={btn(open)}
        onKeyDown={onButtonKey}
        onClick={() => {
          focusOnOpen.current = 'first';
          setOpen((o) => !o);
        }}
      >
        {t('header.view')}
        <Icon name="chevronDown" className={`h-4 w-4 transition-transform ${open ? 'rotate-180' : ''}`} />
      </button>
      {open && (
        <div
          ref={pop}
          id={popId}
          role="dialog"
          aria-label={t('header.viewOptions')}
          // The arrow keys belong to the popover, not to the global step/step-back shortcuts.
          data-owns-arrows="all"
          className={`${popoverCls} absolute right-0 top-full z-50 mt-1.5 flex max-h-[calc(100vh-4rem)] w-72 max-w-[calc(100vw-1rem)] flex-col overflow-y-auto`}
          onKeyDown={onPopoverKey}
          data-testid="view-menu"
          data-export-ignore
        >
          <div role="group" aria-labelledby={`${popId}-panels`} className="flex flex-col">
            <div id={`${popId}-panels`} className={menuHeading}>
              {t('header.panels')}
            </div>
            {PANELS.map((p) => (
              <button key={p} type="button" aria-pressed={panels[p]} className={menuItem} onClick={() => useUi.getState().togglePanel(p)}>
                <span className="min-w-0 flex-1">{t(`header.panel.${p}`)}</span>
                <MenuCheck on={panels[p]} />
              </button>
            ))}
          </div>
          <div aria-hidden="true" className={`${separator} mx-2 my-1 h-px`} />
          {/* The Display group (ending with the Theme select, which keeps the arrow keys for itself)
              comes last, so ↓ from the first item reaches every control. */}
          <OfflineCopyItem />
          {/* Below 1280 px the header row has no room for these: they live here instead. */}
          <div className="flex flex-col xl:hidden">
            <div aria-hidden="true" className={`${separator} mx-2 my-1 h-px`} />
            <div role="group" aria-labelledby={`${popId}-actions`} className="flex flex-col">
              <div id={`${popId}-actions`} className={menuHeading}>
                {t('header.actions')}
              </div>
              <PresentationMenuActions done={() => close(true)} />
            </div>
          </div>
          <div aria-hidden="true" className={`${separator} mx-2 my-1 h-px`} />
          <div role="group" aria-labelledby={`${popId}-display`} className="flex flex-col">
            <div id={`${popId}-display`} className={menuHeading}>
              {t('header.display')}
            </div>
            <PresentationViewItems />
          </div>
        </div>
      )}
    </div>
  );
}
