/**
 * Entering and leaving presenter mode: full screen (when the browser allows it), the projector
 * theme and large type (through `data-presenter` / `data-theme` on <html>, see theme.ts), side
 * panels closed and restored on the way out.
 */
import i18next from 'i18next';
import { useTheme } from '../../store/theme';
import { useUi, type PanelName } from '../../store/uiStore';

let savedPanels: Record<PanelName, boolean> | null = null;
/** True while the full screen we asked for is on: leaving it (browser Esc) leaves presenter mode. */
let ownFullscreen = false;

export function enterPresenter() {
  const theme = useTheme.getState();
  if (theme.presenter || theme.embed) return;
  const ui = useUi.getState();
  savedPanels = { ...ui.panels };
  for (const p of Object.keys(ui.panels) as PanelName[]) ui.togglePanel(p, false);
  theme.setPresenter(true);
  ui.setStatus(i18next.t('presenter.entered'));

  const el = document.documentElement;
  const refused = () => useUi.getState().setStatus(i18next.t('presenter.fullscreenRefused'));
  if (document.fullscreenElement || typeof el.requestFullscreen !== 'function') {
    if (!document.fullscreenElement) refused();
    return;
  }
  try {
    el.requestFullscreen({ navigationUI: 'hide' }).then(
      () => {
        ownFullscreen = true;
      },
      refused,
    );
  } catch {
    refused();
  }
}

export function leavePresenter() {
  if (!useTheme.getState().presenter) return;
  useTheme.getState().setPresenter(false);
  if (savedPanels) {
    const ui = useUi.getState();
    for (const [p, open] of Object.entries(savedPanels) as [PanelName, boolean][]) ui.togglePanel(p, open);
    savedPanels = null;
  }
  if (ownFullscreen && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  ownFullscreen = false;
  useUi.getState().setStatus(i18next.t('presenter.left'));
}

export function togglePresenter() {
  if (useTheme.getState().presenter) leavePresenter();
  else enterPresenter();
}

/** Follow the browser: leaving full screen with its own Esc handling also leaves presenter mode. */
export function watchFullscreen(): () => void {
  const onChange = () => {
    if (!document.fullscreenElement && ownFullscreen) {
      ownFullscreen = false;
      leavePresenter();
    }
  };
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}
