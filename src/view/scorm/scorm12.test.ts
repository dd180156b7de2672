import { describe, expect, it } from 'vitest';
import { cmiTimespan, decodeSuspend, encodeSuspend, findApi, lessonScore, SUSPEND_MAX, type ApiWindow } from './scorm12';

const api = () => ({ LMSInitialize: () => 'true', LMSSetValue: () => 'true' });

describe('findApi (SCORM 1.2 RTE search)', () => {
  it('finds window.API on the window itself, then up the parents', () => {
    const own = { API: api() };
    expect(findApi(own)).toBe(own.API);
    const top: ApiWindow = { API: api() };
    top.parent = top;
    const mid: ApiWindow = { parent: top };
    const frame: ApiWindow = { parent: mid };
    expect(findApi(frame)).toBe(top.API);
  });
  it('then the opener and its parents', () => {
    const lms: ApiWindow = { API: api() };
    const opener: ApiWindow = { parent: lms };
    const popup: ApiWindow = { parent: null, opener };
    expect(findApi(popup)).toBe(lms.API);
  });
  it('gives up after 7 parents, on a parent of another origin, and on a non-API object', () => {
    const far: ApiWindow = { API: api() };
    let w: ApiWindow = far;
    for (let i = 0; i < 9; i++) w = { parent: w };
    expect(findApi(w)).toBeNull();
    const crossOrigin = { get API(): unknown { throw new Error('SecurityError'); } };
    expect(findApi({ parent: crossOrigin as ApiWindow })).toBeNull();
    expect(findApi({ API: { LMSInitialize: 'no' } })).toBeNull();
  });
});

describe('cmiTimespan', () => {
  it('formats HHHH:MM:SS.SS', () => {
    expect(cmiTimespan(0)).toBe('00:00:00.00');
    expect(cmiTimespan(61_230)).toBe('00:01:01.23');
    expect(cmiTimespan(3_723_000)).toBe('01:02:03.00');
    expect(cmiTimespan(1e12)).toMatch(/^9999:\d\d:\d\d\.\d\d$/);
    expect(cmiTimespan(-5)).toBe('00:00:00.00');
  });
});

describe('suspend_data', () => {
  it('round-trips the place and the answers, compactly', () => {
    const s = { step: 4, answers: { 4: true, 2: false } };
    const raw = encodeSuspend(s);
    expect(raw).toBe('{"v":1,"s":4,"q":{"2":0,"4":1}}');
    expect(decodeSuspend(raw, 7)).toEqual(s);
  });
  it('stays within 4,096 characters even with absurdly many answers', () => {
    const answers: Record<number, boolean> = {};
    for (let i = 0; i < 2000; i++) answers[i] = true;
    const raw = encodeSuspend({ step: 3, answers });
    expect(raw.length).toBeLessThanOrEqual(SUSPEND_MAX);
    expect(decodeSuspend(raw, 2001)?.step).toBe(3);
  });
  it('ignores what it did not write, and drops out-of-range parts', () => {
    for (const bad of ['', 'x', '[]', 'null', '{"v":2,"s":1}', '{"v":1,"s":9}', '{"v":1,"s":-1}', '{"v":1,"s":1.5}']) expect(decodeSuspend(bad, 7)).toBeNull();
    expect(decodeSuspend('{"v":1,"s":2,"q":{"1":1,"9":1,"x":1,"3":"yes"}}', 7)).toEqual({ step: 2, answers: { 1: true } });
  });
});

describe('lessonScore', () => {
  it('is the share of questions answered correctly, null without questions', () => {
    expect(lessonScore([4], { 4: true })).toBe(100);
    expect(lessonScore([4], { 4: false })).toBe(0);
    expect(lessonScore([2, 5, 8], { 2: true, 5: true })).toBe(67);
    expect(lessonScore([], {})).toBeNull();
  });
});
