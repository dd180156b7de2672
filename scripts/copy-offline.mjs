// Puts the offline copy beside index.html so the app's "Download offline copy" item finds it.
import { copyFileSync } from 'node:fs';
copyFileSync('dist-offline/hyperv-visualizer.html', 'dist/hyperv-visualizer.html');
