import { ComponentList } from '../a11y/ComponentList';
import { LiveNarration } from '../a11y/LiveNarration';
import { useEmbedBridge } from '../embed/useEmbedBridge';
import { ShareDialog } from '../share/ShareDialog';
import { PresenterLayer } from './PresenterLayer';
import { usePresenterKeys } from './presenterKeys';
import { useViewParams } from './useViewParams';

/**
 * Everything the presenter, share, embed-API and accessibility work adds to the full app, in one
 * element the shell mounts once: presenter keys and bar, the Share dialog, the component list,
 * the event narration, the postMessage bridge and the `lesson`/`step` URL parameters.
 */
export function ModeLayer() {
  usePresenterKeys();
  useEmbedBridge();
  useViewParams();
  return (
    <>
      <PresenterLayer />
      <ShareDialog />
      <ComponentList />
      <LiveNarration />
    </>
  );
}
