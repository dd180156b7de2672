import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { requestRedraw } from '../../store/simStore';
import { THEME_CHOICES, useTheme, type ThemeChoice } from '../../store/theme';
import { useModeUi } from './modeUi';
import { togglePresenter } from './presenter';

const btn = (on = false) =>
  `rounded-md border px-2.5 py-1 text-sm font-semibold ${on ? 'border-accent bg-accent text-accent-ink' : 'border-line bg-raised text-ink'}`;

/**
 * The header's presentation controls: theme, reduced motion, the component list, presenter mode
 * and Share. The header mounts this group once, next to the language switcher.
 */
export function HeaderTools() {
  const { t } = useTranslation();
  const themeId = useId();
  const choice = useTheme((s) => s.choice);
  const presenter = useTheme((s) => s.presenter);
  const reducedMotion = useTheme((s) => s.reducedMotion);
  const listOpen = useModeUi((s) => s.componentListOpen);

  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="header-tools">
      {/* The visible label gives way on narrower screens (the select keeps its name "Theme"). */}
      <label htmlFor={themeId} className="text-sm text-muted max-2xl:sr-only">
        {t('theme.label')}
      </label>
      <select
        id={themeId}
        className="rounded-md border border-line bg-panel px-2 py-1 text-sm"
        value={choice}
        onChange={(e) => useTheme.getState().setTheme(e.target.value as ThemeChoice)}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`theme.${c}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        role="switch"
        aria-checked={reducedMotion}
        title={t('a11y.reduceMotionHelp')}
        className={btn(reducedMotion)}
        onClick={() => {
          useTheme.getState().setReducedMotion(!reducedMotion);
          requestRedraw();
        }}
      >
        {t('a11y.reduceMotion')}
      </button>
      <button
        type="button"
        id="component-list-toggle"
        aria-pressed={listOpen}
        className={btn(listOpen)}
        onClick={() => useModeUi.getState().setComponentListOpen(!listOpen)}
      >
        {t('a11y.componentList')}
      </button>
      <button type="button" aria-pressed={presenter} aria-keyshortcuts="P" className={btn(presenter)} onClick={togglePresenter}>
        {t('presenter.enter')}
      </button>
      <button type="button" className={btn()} onClick={() => useModeUi.getState().setShareOpen(true)}>
        {t('share.button')}
      </button>
    </div>
  );
}
