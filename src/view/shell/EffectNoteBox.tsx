import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../store/simStore';
import { btn } from './ui';

/**
 * At the switch: why the flip changed no route ("no VM uses an SR-IOV adapter"), and the one
 * change that would give it an effect ("give vm2 an SR-IOV adapter"). `toggle` limits it to the
 * note of one switch (the controls panel shows each under its own switch).
 */
export function EffectNoteBox({ toggle, compact = false }: { toggle?: 'vmq' | 'sriov'; compact?: boolean }) {
  const { t } = useTranslation();
  const note = useSim(selectors.effectNote);
  if (!note || (toggle && note.toggle !== toggle)) return null;
  return (
    <div
      role="note"
      aria-label={t('effect.noteLabel')}
      data-testid="effect-note"
      className={`rounded-md border border-warn bg-raised text-sm ${compact ? 'flex flex-wrap items-center gap-2 px-2 py-1' : 'my-1 p-2'}`}
    >
      <p className={compact ? 'min-w-0 flex-1' : ''}>
        <span aria-hidden="true" className="mr-1 text-warn">
          ▸
        </span>
        {t(`effect.${note.key}`, note.params)}
      </p>
      <div className={`flex flex-wrap gap-2 ${compact ? '' : 'mt-1.5'}`}>
        {note.fix && (
          <button type="button" className={btn(true)} onClick={() => useSim.getState().applyEffectFix()}>
            {t(`effect.fix.${note.fix.key}`, { vm: note.fix.vm })}
          </button>
        )}
        <button type="button" className={btn()} onClick={() => useSim.getState().dismissEffectNote()}>
          {t('common.dismiss')}
        </button>
      </div>
    </div>
  );
}
