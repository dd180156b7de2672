import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LessonsPanel } from './LessonsPanel';
import { QuizPanel } from './QuizPanel';

type Tab = 'lessons' | 'quiz';
const TABS: readonly Tab[] = ['lessons', 'quiz'];

/**
 * Lessons and the quiz in one panel with two tabs, for the shell to mount as a side panel.
 * Both tabs stay mounted-on-demand; the simulation is shared, so switching tabs never resets it.
 */
export function TeachingPanel({ initialTab = 'lessons' }: { initialTab?: Tab }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(initialTab);
  const id = useId();
  const label = (x: Tab) => (x === 'lessons' ? t('lessons.ui.panelTitle') : t('quiz.ui.panelTitle'));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    e.stopPropagation();
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    const nextTab = TABS[next] as Tab;
    setTab(nextTab);
    document.getElementById(`${id}-tab-${nextTab}`)?.focus();
  };

  return (
    <div className="flex h-full flex-col bg-panel text-ink" data-testid="teaching-panel">
      <div role="tablist" aria-label={t('lessons.ui.tabsLabel')} className="flex border-b border-line" onKeyDown={onKeyDown}>
        {TABS.map((x) => (
          <button
            key={x}
            id={`${id}-tab-${x}`}
            type="button"
            role="tab"
            aria-selected={tab === x}
            aria-controls={`${id}-panel-${x}`}
            tabIndex={tab === x ? 0 : -1}
            className={`min-h-11 flex-1 px-4 py-2 text-lg font-semibold ${tab === x ? 'border-b-4 border-accent text-ink' : 'text-muted hover:bg-raised'}`}
            onClick={() => setTab(x)}
          >
            {label(x)}
          </button>
        ))}
      </div>
      <div id={`${id}-panel-${tab}`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`} className="min-h-0 flex-1 overflow-y-auto">
        {tab === 'lessons' ? <LessonsPanel hideHeading onOpenQuiz={() => setTab('quiz')} /> : <QuizPanel hideHeading />}
      </div>
    </div>
  );
}
