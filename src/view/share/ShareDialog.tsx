import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonKeys } from '../../lessons/types';
import { THEMES, type ThemeName } from '../../store/theme';
import { useUi } from '../../store/uiStore';
import { linkInfo } from '../../store/urlSync';
import { host } from '../../store/engineHost';
import { useLessons } from '../lessons/lessonController';
import { useModeUi } from '../presenter/modeUi';
import { iframeSnippet, SIZE_PRESETS, withViewParams } from './shareLinks';
import { useModalDialog } from '../shell/useModalDialog';

const field = 'w-full rounded-md border border-line bg-surface px-2 py-1.5 font-mono text-sm text-ink';
const button = 'rounded-md border border-line bg-raised px-3 py-1.5 font-semibold text-ink hover:bg-panel';

/** Copy `text`; when the clipboard is refused, select it in `el` so Ctrl+C works. */
async function copyText(text: string, el: HTMLInputElement | HTMLTextAreaElement | null, ok: string, failed: string) {
  try {
    await navigator.clipboard.writeText(text);
    useUi.getState().setStatus(ok);
  } catch {
    el?.focus();
    el?.select();
    useUi.getState().setStatus(failed);
  }
}

/**
 * "Share": a link and an `<iframe>` snippet for the current state (configuration and time from the
 * URL formatter, plus the open lesson step), with size presets and the embed's theme. A modal
 * <dialog>: the rest of the page is inert, Tab cycles inside, Esc closes, focus returns.
 */
export function ShareDialog() {
  const open = useModeUi((s) => s.shareOpen);
  const dialog = useModalDialog(open, () => useModeUi.getState().setShareOpen(false));

  return (
    <dialog
      {...dialog}
      aria-labelledby="share-title"
      data-testid="share-dialog"
      className="m-auto w-[min(44rem,94vw)] rounded-xl border border-line bg-panel p-0 text-ink shadow-2xl backdrop:bg-black/50"
    >
      {open && <ShareBody />}
    </dialog>
  );
}

function ShareBody() {
  const { t } = useTranslation();
  const id = useId();
  const position = useLessons((s) => s.position);
  // The state when the dialog opened: the link does not change under the user's cursor.
  const [info] = useState(() => ({ ...linkInfo(), changes: host.changes.length }));
  const base = info.link;
  const [size, setSize] = useState(0);
  const [theme, setTheme] = useState<ThemeName | ''>('');
  const [withLesson, setWithLesson] = useState(position !== null);
  const linkRef = useRef<HTMLInputElement>(null);
  const snippetRef = useRef<HTMLTextAreaElement>(null);

  const lessonView = withLesson && position ? { lesson: position.lessonId, step: position.step + 1 } : {};
  const link = withViewParams(base, position ? { lesson: position.lessonId, step: position.step + 1 } : {});
  const embedSrc = withViewParams(base, { embed: true, ...(theme ? { theme } : {}), ...lessonView });
  const preset = SIZE_PRESETS[size] ?? SIZE_PRESETS[0] ?? { w: 480, h: 320 };
  const snippet = iframeSnippet(embedSrc, preset, t('share.frameTitle', { what: position ? t(lessonKeys.title(position.lessonId)) : t('share.frameWhat') }));

  return (
    <div className="flex flex-col gap-4 p-6">
      <div>
        <h2 id="share-title" className="text-xl font-bold">
          {t('share.title')}
        </h2>
        <p className="text-muted">{t('share.intro')}</p>
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-link`} className="font-semibold">
          {t('share.link')}
        </label>
        <div className="flex gap-2">
          <input id={`${id}-link`} ref={linkRef} readOnly value={link} className={field} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className={button} onClick={() => void copyText(link, linkRef.current, t('share.copied'), t('share.copyFailed'))}>
            {t('share.copyLink')}
          </button>
        </div>
        {info.shortened ? (
          <p role="note" data-testid="link-shortened" className="rounded-md border border-warn bg-raised p-2 text-sm">
            {t(`share.shortened.${info.shortened}`, { length: info.exactLength.toLocaleString() })}
          </p>
        ) : info.changes > 0 ? (
          <p className="text-sm text-muted">{t('share.exact', { count: info.changes })}</p>
        ) : null}
      </div>

      <fieldset className="flex flex-col gap-3 rounded-lg border border-line p-3">
        <legend className="px-1 font-semibold">{t('share.embed')}</legend>
        <div role="radiogroup" aria-labelledby={`${id}-size`} className="flex flex-wrap items-center gap-3">
          <span id={`${id}-size`} className="font-semibold">
            {t('share.size')}
          </span>
          {SIZE_PRESETS.map((p, i) => (
            <label key={`${p.w}x${p.h}`} className="inline-flex items-center gap-1.5">
              <input type="radio" name={`${id}-size`} checked={size === i} onChange={() => setSize(i)} className="accent-accent" />
              {t('share.sizeOption', { w: p.w, h: p.h })}
            </label>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-theme`} className="font-semibold">
            {t('share.theme')}
          </label>
          <select id={`${id}-theme`} value={theme} onChange={(e) => setTheme(e.target.value as ThemeName | '')} className="rounded-md border border-line bg-panel px-2 py-1">
            <option value="">{t('share.themeSame')}</option>
            {THEMES.map((th) => (
              <option key={th} value={th}>
                {t(`theme.${th}`)}
              </option>
            ))}
          </select>
        </div>
        {position && (
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={withLesson} onChange={(e) => setWithLesson(e.target.checked)} className="accent-accent" />
            {t('share.includeLesson', { lesson: t(lessonKeys.title(position.lessonId)), step: position.step + 1 })}
          </label>
        )}
        <label htmlFor={`${id}-snippet`} className="font-semibold">
          {t('share.snippet')}
        </label>
        <textarea id={`${id}-snippet`} ref={snippetRef} readOnly rows={4} value={snippet} className={field} onFocus={(e) => e.currentTarget.select()} data-testid="share-snippet" />
        <div>
          <button type="button" className={button} onClick={() => void copyText(snippet, snippetRef.current, t('share.copied'), t('share.copyFailed'))}>
            {t('share.copySnippet')}
          </button>
        </div>
      </fieldset>

      <div className="flex justify-end">
        <button type="button" className="rounded-md border border-accent bg-accent px-4 py-1.5 font-semibold text-accent-ink" onClick={() => useModeUi.getState().setShareOpen(false)}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
