import i18next from 'i18next';
import { useUi } from '../../store/uiStore';
import { currentLink } from '../../store/urlSync';

/**
 * "Copy link": the link to this simulation at this moment, to the clipboard, announced in the
 * status region. Without a clipboard (insecure context, denied permission) the link is shown in a
 * prompt to copy by hand.
 */
export async function copyLink(): Promise<void> {
  const link = currentLink();
  try {
    await navigator.clipboard.writeText(link);
    useUi.getState().setStatus(i18next.t('header.copied'));
  } catch {
    window.prompt(i18next.t('header.copyPrompt'), link);
  }
}
