import i18next from 'i18next';
import { useUi } from '../../store/uiStore';
import { linkInfo } from '../../store/urlSync';

/**
 * "Copy link": the link to this simulation at this moment, to the clipboard, announced in the
 * status region. Without a clipboard (insecure context, denied permission) the link is shown in a
 * prompt to copy by hand.
 */
export async function copyLink(): Promise<void> {
  const { link, shortened, exactLength } = linkInfo();
  try {
    await navigator.clipboard.writeText(link);
    // A shortened link says so: it does not reopen the changes made while running.
    const why = shortened ? ` ${i18next.t(`share.shortened.${shortened}`, { length: exactLength.toLocaleString() })}` : '';
    useUi.getState().setStatus(`${i18next.t('header.copied')}${why}`);
  } catch {
    window.prompt(i18next.t('header.copyPrompt'), link);
  }
}
