import { describe, expect, it } from 'vitest';
import { isThemeChoice, resolveMotion, resolveTheme } from './theme';
import { formatViewParams, keepViewParams, parseViewParams } from './url';

describe('theme', () => {
  it('follows the system until a theme is picked; presenter mode projects', () => {
    expect(resolveTheme('system', false, false)).toBe('light');
    expect(resolveTheme('system', true, false)).toBe('dark');
    expect(resolveTheme('light', true, false)).toBe('light');
    expect(resolveTheme('dark', false, true)).toBe('projector');
    expect(isThemeChoice('projector')).toBe(true);
    expect(isThemeChoice('neon')).toBe(false);
  });

  it('reduced motion follows the system unless the toggle overrides it', () => {
    expect(resolveMotion('system', true)).toBe(true);
    expect(resolveMotion('system', false)).toBe(false);
    expect(resolveMotion('full', true)).toBe(false);
    expect(resolveMotion('reduce', false)).toBe(true);
  });
});

describe('view parameters', () => {
  it('parses embed, theme, lesson, step, origins and notes', () => {
    const { view, issues } = parseViewParams('?embed=1&theme=dark&lesson=sriov&step=3&origins=https://a.example&notes=0', { lessons: ['sriov'] });
    expect(issues).toEqual([]);
    expect(view).toEqual({ embed: true, theme: 'dark', lesson: 'sriov', step: 3, origins: ['https://a.example'], notes: false });
  });

  it('reports bad values and keeps the defaults', () => {
    const { view, issues } = parseViewParams('?embed=maybe&theme=neon&lesson=nope&step=0&origins=*', { lessons: ['sriov'] });
    expect(view).toEqual({ embed: false, theme: null, lesson: null, step: null, origins: [], notes: false });
    expect(issues.map((i) => i.param)).toEqual(['embed', 'theme', 'lesson', 'step', 'origins']);
  });

  it('formats and keeps view parameters beside the simulation state', () => {
    const q = formatViewParams({ embed: true, theme: 'projector', lesson: 'vmq', step: 2 });
    expect(q).toBe('embed=1&theme=projector&lesson=vmq&step=2');
    expect(parseViewParams(q).view).toMatchObject({ embed: true, theme: 'projector', lesson: 'vmq', step: 2 });
    expect(keepViewParams('vms=2&vmq=1', '?vms=1&embed=1&lesson=vmq&step=2&foo=bar')).toBe('vms=2&vmq=1&embed=1&lesson=vmq&step=2');
    expect(keepViewParams('vms=2', '?vms=1')).toBe('vms=2');
  });
});
