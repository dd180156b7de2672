import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { requestRedraw } from '../../store/simStore';
import { THEME_CHOICES, useTheme, type ThemeChoice } from '../../store/theme';
import { copyLink } from '../shell/copyLink';
import { Icon } from '../shell/Icon';
import { btn, iconBtn, menuItem, selectCls } from '../shell/ui';
import { useModeUi } from './modeUi';
import { togglePresenter } from './presenter';

/**
 * The header's presentation actions: Share, Copy link and Presenter mode. On narrower screens
 * (below 1280 px) they give way to the same actions in the View menu (`PresentationMenuActions`).
 */
export function HeaderTools() {
  const { t } = useTranslation();
  const presenter = useTheme((s) => s.presenter);
  return (
    <div className="flex items-center gap-1.5 max-xl:hidden" data-testid="header-tools">
      <button type="button" aria-haspopup="dialog" className={btn()} onClick={() => useModeUi.getState().setShareOpen(true)}>
        {t('share.button')}
      </button>
      <button type="button" aria-label={t('header.copyLink')} title={t('header.copyLink')} className={iconBtn()} onClick={() => void copyLink()}>
        <Icon name="link" />
      </button>
      <button type="button" aria-pressed={presenter} aria-keyshortcuts="P" title={t('header.presenterHint')} className={btn(presenter)} onClick={togglePresenter}>
        {t('presenter.enter')}
      </button>
    </div>
  );
}

/** The tick box at the end of a toggle row: a mark as well as the colour shows the state. */
export function MenuCheck({ on }: { on: boolean }) {
  return (
    <span aria-hidden="true" className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded border ${on ? 'border-accent bg-accent text-accent-ink' : 'border-muted bg-panel'}`}>
      {on && <Icon name="check" className="h-3.5 w-3.5" />}
    </span>
  );
}

/**
 * The View menu's presentation rows: Component list (a toggle), Reduce motion (a switch) and the
 * Theme select. The names stay "Component list", "Reduce motion" and "Theme".
 */
export function PresentationViewItems() {
  const { t } = useTranslation();
  const themeId = useId();
  const helpId = useId();
  const choice = useTheme((s) => s.choice);
  const reducedMotion = useTheme((s) => s.reducedMotion);
  const listOpen = useModeUi((s) => s.componentListOpen);

  return (
    <>
      <button
        type="button"
        id="component-list-toggle"
        aria-pressed={listOpen}
        className={menuItem}
        onClick={() => useModeUi.getState().setComponentListOpen(!listOpen)}
      >
        <span className="min-w-0 flex-1">{t('a11y.componentList')}</span>
        <MenuCheck on={listOpen} />
      </button>
      <button
        type="button"
        role="switch"
        aria-checked={reducedMotion}
        aria-describedby={helpId}
        className={`${menuItem} items-start`}
        onClick={() => {
          useTheme.getState().setReducedMotion(!reducedMotion);
          requestRedraw();
        }}
      >
        <span className="min-w-0 flex-1">
          {t('a11y.reduceMotion')}
          <span id={helpId} className="block text-xs font-normal text-muted">
            {t('a11y.reduceMotionHelp')}
          </span>
        </span>
        {/* The switch's knob: position and fill show the state. */}
        <span aria-hidden="true" className={`relative mt-0.5 inline-flex h-4 w-7 shrink-0 rounded-full border ${reducedMotion ? 'border-accent bg-accent' : 'border-muted bg-raised'}`}>
          <span className={`absolute top-0.5 h-2.5 w-2.5 rounded-full ${reducedMotion ? 'left-3.5 bg-accent-ink' : 'left-0.5 bg-muted'}`} />
        </span>
      </button>
      <div className="flex items-center gap-2 px-2 py-1.5">
        <label htmlFor={themeId} className="text-sm font-semibold">
          {t('theme.label')}
        </label>
        <select
          id={themeId}
          className={`${selectCls} min-w-0 flex-1`}
          value={choice}
          onChange={(e) => useTheme.getState().setTheme(e.target.value as ThemeChoice)}
        >
          {THEME_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`theme.${c}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/**
 * Share, Copy link and Presenter mode as View-menu rows, for screens too narrow for them in the
 * header row. `done` closes the menu (and puts the focus back on its button) before the action.
 */
export function PresentationMenuActions({ done }: { done: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        className={menuItem}
        onClick={() => {
          done();
          useModeUi.getState().setShareOpen(true);
        }}
      >
        {t('share.button')}
      </button>
      <button
        type="button"
        className={menuItem}
        onClick={() => {
          done();
          void copyLink();
        }}
      >
        <span className="min-w-0 flex-1">{t('header.copyLink')}</span>
        <Icon name="link" />
      </button>
      <button
        type="button"
        aria-keyshortcuts="P"
        className={menuItem}
        onClick={() => {
          done();
          togglePresenter();
        }}
      >
        <span className="min-w-0 flex-1">{t('presenter.enter')}</span>
        <kbd aria-hidden="true" className="rounded border border-line bg-raised px-1 font-mono text-xs text-muted">
          P
        </kbd>
      </button>
    </>
  );
}
