import { describe, expect, it } from 'vitest';
import { iframeSnippet, SIZE_PRESETS, withViewParams } from './shareLinks';

describe('share links', () => {
  it('adds embed and view parameters, replacing old ones and keeping the simulation state', () => {
    const link = 'https://hvv.example/app/?vms=2&vmq=1&t=5000&theme=dark&lesson=vmq&step=3';
    expect(withViewParams(link, { embed: true, theme: 'projector' })).toBe('https://hvv.example/app/?vms=2&vmq=1&t=5000&embed=1&theme=projector');
    expect(withViewParams(link, {})).toBe('https://hvv.example/app/?vms=2&vmq=1&t=5000');
    expect(withViewParams('https://hvv.example/', { lesson: 'sriov', step: 2 })).toBe('https://hvv.example/?lesson=sriov&step=2');
    expect(withViewParams('https://hvv.example/?a=1#x', { embed: true })).toBe('https://hvv.example/?a=1&embed=1#x');
  });

  it('builds an escaped iframe snippet at each preset size', () => {
    expect(SIZE_PRESETS.map((s) => `${s.w}x${s.h}`)).toEqual(['480x320', '800x450', '1280x720']);
    const s = iframeSnippet('https://hvv.example/?embed=1&vms=2', { w: 480, h: 320 }, 'A "quoted" <title>');
    expect(s).toBe(
      '<iframe src="https://hvv.example/?embed=1&amp;vms=2" width="480" height="320" title="A &quot;quoted&quot; &lt;title&gt;" style="border:0;max-width:100%" loading="lazy" allow="fullscreen; clipboard-write"></iframe>',
    );
  });
});
