import { lazy, Suspense } from 'react';
import { withAllText } from '../../i18n';
import { useEmbedBridge } from '../embed/useEmbedBridge';
import { usePresenterKeys } from './presenterKeys';
import { useViewParams } from './useViewParams';

// What they draw loads just after the first paint (the event narration brings the engine-text
// tables); the hooks stay here so keys, `?lesson=` and the postMessage bridge work from the start.
const PresenterLayer = lazy(withAllText(() => import('./PresenterLayer').then((m) => ({ default: m.PresenterLayer }))));
const ShareDialog = lazy(withAllText(() => import('../share/ShareDialog').then((m) => ({ default: m.ShareDialog }))));
const ComponentList = lazy(withAllText(() => import('../a11y/ComponentList').then((m) => ({ default: m.ComponentList }))));
const LiveNarration = lazy(withAllText(() => import('../a11y/LiveNarration').then((m) => ({ default: m.LiveNarration }))));

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
    <Suspense fallback={null}>
      <PresenterLayer />
      <ShareDialog />
      <ComponentList />
      <LiveNarration />
    </Suspense>
  );
}
