import { useTranslation } from 'react-i18next';
import { LESSONS, lessonById } from '../../lessons/lessons';
import { lessonKeys, type RecapItem } from '../../lessons/types';
import { lessonRunner } from './lessonController';
import { focusReadoutWhenShown, readoutKey } from './Readouts';

const link =
  'inline-flex min-h-11 items-center gap-2 rounded-lg border border-line bg-panel px-3 py-1.5 text-left text-base font-semibold text-ink underline decoration-dotted underline-offset-4 hover:bg-raised';

/** The i18n label of the readout a recap item points at (the same label the readout shows). */
export function recapReadoutLabel(t: (k: string, o?: Record<string, unknown>) => string, show: RecapItem['show']): string {
  if (show.readout === 'throughput' && !show.vm) return t('lessons.readout.throughputAll');
  return t(`lessons.readout.${show.readout}`, { vm: show.vm ?? '' });
}

/** Where a recap item's link goes: lesson id and 0-based step, or null if it names no step. */
export function recapTarget(lessonId: string, item: RecapItem): { lessonId: string; step: number } | null {
  const target = item.show.lesson ?? lessonId;
  const step = lessonById(target)?.steps.findIndex((s) => s.id === item.show.step) ?? -1;
  return step >= 0 ? { lessonId: target, step } : null;
}

/**
 * A lesson's recap on its completion screen: the two or three figures worth remembering, each with
 * a link that goes to the step whose live readout shows it and puts the focus on that readout.
 */
export function LessonRecap({ lessonId }: { lessonId: string }) {
  const { t } = useTranslation();
  const lesson = LESSONS.find((l) => l.id === lessonId);
  if (!lesson?.recap?.length) return null;
  return (
    <section aria-labelledby={`recap-${lessonId}`} className="rounded-lg border border-line bg-raised p-3" data-testid="lesson-recap">
      <h4 id={`recap-${lessonId}`} className="mb-2 text-lg font-bold">
        {t('lessons.ui.recapTitle')}
      </h4>
      <ul className="grid gap-3">
        {lesson.recap.map((item) => {
          const target = recapTarget(lessonId, item);
          const what = recapReadoutLabel(t, item.show);
          return (
            <li key={item.id} className="grid gap-1" data-recap={item.id}>
              <p className="text-lg leading-relaxed">{t(lessonKeys.recap(lessonId, item.id))}</p>
              {target && (
                <div>
                  <button
                    type="button"
                    className={link}
                    aria-label={t('lessons.ui.recapShowLabel', {
                      what,
                      step: t(lessonKeys.stepTitle(target.lessonId, item.show.step)),
                    })}
                    onClick={() => {
                      focusReadoutWhenShown(readoutKey(item.show.readout, item.show.vm));
                      lessonRunner().goTo(target.lessonId, target.step);
                    }}
                  >
                    <span aria-hidden="true">↗</span> {t('lessons.ui.recapShow', { what })}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
