import { useTranslation } from 'react-i18next';
import { requestPanelFocus } from './LessonsPanel';
import { TeachingPanel } from './TeachingPanel';
import { useTeachingUi } from './teachingUi';

export { useTeachingUi, type TeachingUi } from './teachingUi';

/**
 * A self-contained side dock for lessons and the quiz: a slim "Lessons" tab at the window's edge
 * while closed, a panel while open. The shell mounts it once, at the right end of its main row.
 */
export function LessonsDock() {
  const { t } = useTranslation();
  const open = useTeachingUi((s) => s.open);
  if (!open) {
    return (
      // On a phone the side rail would take a sixth of the width from the diagram: there the tab
      // is a pill over the diagram's bottom-right corner instead (horizontal text, no rail).
      <div className="flex shrink-0 border-l border-line bg-panel max-sm:fixed max-sm:bottom-16 max-sm:right-2 max-sm:z-30 max-sm:rounded-full max-sm:border max-sm:shadow-lg">
        <button
          type="button"
          className="min-h-11 px-2 py-4 text-lg font-semibold text-ink [writing-mode:vertical-rl] hover:bg-raised max-sm:rounded-full max-sm:px-4 max-sm:py-2 max-sm:text-base max-sm:[writing-mode:horizontal-tb]"
          aria-expanded={false}
          onClick={() => {
            requestPanelFocus();
            useTeachingUi.getState().setOpen(true);
          }}
          data-testid="lessons-dock-open"
        >
          {t('lessons.ui.dockOpen')}
        </button>
      </div>
    );
  }
  return (
    <aside
      aria-label={t('lessons.ui.tabsLabel')}
      className="flex w-[28rem] max-w-[90vw] shrink-0 flex-col border-l border-line bg-panel max-lg:fixed max-lg:inset-y-0 max-lg:right-0 max-lg:z-40 max-lg:shadow-2xl 2xl:w-[32rem]"
      data-testid="lessons-dock"
    >
      <div className="flex justify-end border-b border-line p-1">
        <button
          type="button"
          className="min-h-11 rounded-lg px-3 text-base font-semibold text-ink hover:bg-raised"
          aria-expanded={true}
          onClick={() => useTeachingUi.getState().setOpen(false)}
        >
          {t('lessons.ui.dockClose')}
        </button>
      </div>
      <div className="min-h-0 flex-1">
        <TeachingPanel />
      </div>
    </aside>
  );
}
