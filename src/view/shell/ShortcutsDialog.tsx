import { useTranslation } from 'react-i18next';
import { useUi } from '../../store/uiStore';
import { useModalDialog } from './useModalDialog';

const KEYS: [string, string][] = [
  ['Space', 'shortcuts.playPause'],
  ['→', 'shortcuts.step'],
  ['←', 'shortcuts.stepBack'],
  ['+', 'shortcuts.faster'],
  ['−', 'shortcuts.slower'],
  ['?', 'shortcuts.help'],
  ['Esc', 'shortcuts.close'],
];

/**
 * The keyboard shortcuts, in a modal <dialog>: showModal() makes the rest of the page inert (so
 * Tab stays inside), Esc closes it, and focus returns to what opened it.
 */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const open = useUi((s) => s.shortcutsOpen);
  const dialog = useModalDialog(open, () => useUi.getState().setShortcutsOpen(false));

  return (
    <dialog
      {...dialog}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(32rem,92vw)] rounded-xl border border-line bg-panel p-0 text-ink shadow-2xl backdrop:bg-black/50"
    >
      <div className="p-6">
        <h2 id="shortcuts-title" className="mb-4 text-xl font-bold">
          {t('shortcuts.title')}
        </h2>
        <table className="w-full text-base">
          <tbody>
            {KEYS.map(([k, label]) => (
              <tr key={k} className="border-b border-line last:border-0">
                <td className="py-2 pr-4">
                  <kbd className="rounded border border-line bg-raised px-2 py-0.5 font-mono font-semibold">{k}</kbd>
                </td>
                <td className="py-2">{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-sm text-muted">{t('shortcuts.note')}</p>
        <div className="mt-4 flex justify-end">
          <button
            type="button"
            autoFocus
            className="rounded-md border border-accent bg-accent px-4 py-1.5 font-semibold text-accent-ink"
            onClick={() => useUi.getState().setShortcutsOpen(false)}
          >
            {t('common.close')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
