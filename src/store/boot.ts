/**
 * Start-up: read the address bar, build the simulation and show it moving.
 * (URL parsing with messages for bad parameters lives in url.ts.)
 */
import { defaultConfig } from '../engine';
import { useSim } from './simStore';

export function boot(_search: string) {
  const s = useSim.getState();
  s.load(defaultConfig(), 1, 0);
  s.play();
}
