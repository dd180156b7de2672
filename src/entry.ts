/**
 * The page's entry script (index.html). It is small on purpose: index.html's app shell (a title
 * and a "starting" line, pure HTML and CSS) is painted first, and only then is the app itself
 * (main.tsx, with React, the engine and the page's language) fetched and run. Loaded together, the
 * browser ran the app's scripts before its first frame, so nothing showed until they were done
 * (issue 12: first contentful paint 3.1 s on Lighthouse's mobile profile).
 */

// The stylesheet is the entry's (index.html links it, render-blocking), so the shell is styled.
import './index.css';
import { listenForEarlyKeys } from './view/presenter/earlyKeys';

// The scripts run, so the page was not opened from a folder: the "cannot start from this file"
// notice in index.html (shown by CSS alone after 3 s) must not cover a slow phone's start.
document.querySelector('.hvv-file-notice')?.remove();

// A presenter's P pressed while the app loads is kept for when its keys attach.
listenForEarlyKeys();

const start = () => void import('./main');
// After the next frame is painted (a hidden tab paints nothing, so it starts at once).
if (document.visibilityState === 'hidden') start();
else requestAnimationFrame(() => setTimeout(start, 0));
