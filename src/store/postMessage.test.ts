import { describe, expect, it, vi } from 'vitest';
import { createBridge, originAllowed, parseCommand, type BridgeDeps, type MessageTarget } from './postMessage';
import { parseOrigins } from './url';

function deps(): BridgeDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    play: () => calls.push('play'),
    pause: () => calls.push('pause'),
    step: () => calls.push('step'),
    goToStep: (l, s) => (calls.push(`goTo ${l} ${s}`), l !== 'nope'),
    configure: (c) => (calls.push(`configure ${JSON.stringify(c)}`), c.vms === 99 ? { ok: false, errors: [{ key: 'vms' }] } : { ok: true }),
    state: () => ({ playing: false }),
  };
}

const target = () => {
  const sent: [unknown, string][] = [];
  const t: MessageTarget & { sent: typeof sent } = { sent, postMessage: (m, o) => sent.push([m, o]) };
  return t;
};

describe('command schema', () => {
  it('accepts each documented command', () => {
    expect(parseCommand({ type: 'hvv:play' })).toEqual({ type: 'hvv:play' });
    expect(parseCommand({ type: 'hvv:pause', id: 3 })).toEqual({ type: 'hvv:pause', id: 3 });
    expect(parseCommand({ type: 'hvv:step', id: 'a' })).not.toBeNull();
    expect(parseCommand({ type: 'hvv:goToStep', lesson: 'sriov', step: 2 })).not.toBeNull();
    expect(parseCommand({ type: 'hvv:configure', config: { sriov: true, adapter: ['sriov'], vms: 2 } })).not.toBeNull();
    expect(parseCommand({ type: 'hvv:getState' })).not.toBeNull();
  });

  it.each([
    ['a string', 'hvv:play'],
    ['null', null],
    ['an array', [{ type: 'hvv:play' }]],
    ['an unknown type', { type: 'hvv:explode' }],
    ['no type', { lesson: 'sriov', step: 1 }],
    ['an extra field', { type: 'hvv:play', code: 'alert(1)' }],
    ['a step of 0', { type: 'hvv:goToStep', lesson: 'sriov', step: 0 }],
    ['a fractional step', { type: 'hvv:goToStep', lesson: 'sriov', step: 1.5 }],
    ['a step as a string', { type: 'hvv:goToStep', lesson: 'sriov', step: '2' }],
    ['a lesson id with markup', { type: 'hvv:goToStep', lesson: '<img>', step: 1 }],
    ['configure without config', { type: 'hvv:configure' }],
    ['configure with an empty config', { type: 'hvv:configure', config: {} }],
    ['configure with an unknown key', { type: 'hvv:configure', config: { __proto__x: 1, vmq: true } }],
    ['configure with an object value', { type: 'hvv:configure', config: { vmq: { on: true } } }],
    ['an object id', { type: 'hvv:play', id: { x: 1 } }],
  ])('rejects %s', (_, data) => {
    expect(parseCommand(data)).toBeNull();
  });
});

describe('origin allow-list', () => {
  it('allows any origin without a list, only listed ones with a list', () => {
    expect(originAllowed('https://evil.example', null)).toBe(true);
    expect(originAllowed('https://a.example', ['https://a.example'])).toBe(true);
    expect(originAllowed('https://a.example:8443', ['https://a.example'])).toBe(false);
    expect(originAllowed('http://a.example', ['https://a.example'])).toBe(false);
    expect(originAllowed('null', ['https://a.example'])).toBe(false);
    expect(originAllowed('https://a.example', [])).toBe(false);
  });

  it('parses origins= into normalised origins and reports bad entries', () => {
    expect(parseOrigins('https://a.example, https://B.example:8443/,http://127.0.0.1:4174')).toEqual({
      origins: ['https://a.example', 'https://b.example:8443', 'http://127.0.0.1:4174'],
      bad: [],
    });
    expect(parseOrigins('javascript:alert(1),https://a.example/path,*,ftp://x.example')).toEqual({
      origins: [],
      bad: ['javascript:alert(1)', 'https://a.example/path', '*', 'ftp://x.example'],
    });
  });
});

describe('bridge', () => {
  it('runs valid commands and replies to the sender origin only', () => {
    const d = deps();
    const b = createBridge(d, { allow: null, parent: null });
    const src = target();
    b.handle({ data: { type: 'hvv:play', id: 1 }, origin: 'https://a.example', source: src });
    b.handle({ data: { type: 'hvv:goToStep', lesson: 'sriov', step: 3 }, origin: 'https://a.example', source: src });
    expect(d.calls).toEqual(['play', 'goTo sriov 3']);
    expect(src.sent).toEqual([
      [{ type: 'hvv:ack', id: 1, command: 'hvv:play', ok: true }, 'https://a.example'],
      [{ type: 'hvv:ack', id: undefined, command: 'hvv:goToStep', ok: true }, 'https://a.example'],
    ]);
    expect(b.stats()).toEqual({ accepted: 2, malformed: 0, rejectedOrigin: 0 });
  });

  it('ignores and counts malformed messages without running anything', () => {
    const d = deps();
    const b = createBridge(d, { allow: null, parent: null });
    const src = target();
    for (const data of ['hvv:play', { type: 'hvv:play', extra: 1 }, { type: 'hvv:configure', config: { vmq: [[]] } }, 42])
      b.handle({ data, origin: 'https://a.example', source: src });
    expect(d.calls).toEqual([]);
    expect(src.sent).toEqual([]);
    expect(b.stats()).toEqual({ accepted: 0, malformed: 4, rejectedOrigin: 0 });
  });

  it('ignores and counts messages from origins outside the allow-list', () => {
    const d = deps();
    const b = createBridge(d, { allow: ['https://a.example'], parent: null });
    const src = target();
    b.handle({ data: { type: 'hvv:play' }, origin: 'https://b.example', source: src });
    b.handle({ data: { type: 'hvv:pause' }, origin: 'https://a.example', source: src });
    expect(d.calls).toEqual(['pause']);
    expect(src.sent.map(([, o]) => o)).toEqual(['https://a.example']);
    expect(b.stats()).toEqual({ accepted: 1, malformed: 0, rejectedOrigin: 1 });
  });

  it('getState replies with the state and the counters', () => {
    const b = createBridge(deps(), { allow: null, parent: null });
    const src = target();
    b.handle({ data: 'junk', origin: 'https://a.example', source: src });
    b.handle({ data: { type: 'hvv:getState', id: 'q' }, origin: 'https://a.example', source: src });
    expect(src.sent[0]?.[0]).toEqual({ type: 'hvv:state', id: 'q', state: { playing: false, messages: { accepted: 1, malformed: 1, rejectedOrigin: 0 } } });
  });

  it('reports configure errors in the ack', () => {
    const b = createBridge(deps(), { allow: null, parent: null });
    const src = target();
    b.handle({ data: { type: 'hvv:configure', config: { vms: 99 } }, origin: 'https://a.example', source: src });
    expect(src.sent[0]?.[0]).toMatchObject({ type: 'hvv:ack', command: 'hvv:configure', ok: false, errors: [{ key: 'vms' }] });
  });

  it('never replies to an opaque origin and ignores its own window', () => {
    const d = deps();
    const self = {};
    const b = createBridge(d, { allow: null, parent: null, self });
    const src = target();
    b.handle({ data: { type: 'hvv:play' }, origin: 'null', source: src });
    b.handle({ data: { type: 'hvv:pause' }, origin: 'https://a.example', source: self as MessageTarget });
    expect(d.calls).toEqual(['play']);
    expect(src.sent).toEqual([]);
  });

  it('a failing command is answered with ok: false, not thrown', () => {
    const d = { ...deps(), step: vi.fn(() => { throw new Error('boom'); }) };
    const b = createBridge(d, { allow: null, parent: null });
    const src = target();
    expect(() => b.handle({ data: { type: 'hvv:step' }, origin: 'https://a.example', source: src })).not.toThrow();
    expect(src.sent[0]?.[0]).toMatchObject({ ok: false });
  });

  it('sends events to the allow-list, else to commanding origins, else the referrer', () => {
    const parent = target();
    createBridge(deps(), { allow: ['https://a.example', 'https://b.example'], parent }).emit({ type: 'hvv:ready', version: 1 });
    expect(parent.sent.map(([, o]) => o)).toEqual(['https://a.example', 'https://b.example']);

    const p2 = target();
    const b2 = createBridge(deps(), { allow: null, parent: p2, referrerOrigin: 'https://slides.example' });
    b2.emit({ type: 'hvv:ready', version: 1 });
    b2.handle({ data: { type: 'hvv:play' }, origin: 'https://lms.example', source: target() });
    b2.emit({ type: 'hvv:stepReached', lesson: 'sriov', step: 1, steps: 4 });
    expect(p2.sent.map(([, o]) => o)).toEqual(['https://slides.example', 'https://lms.example']);

    const p3 = target();
    createBridge(deps(), { allow: null, parent: p3 }).emit({ type: 'hvv:ready', version: 1 });
    expect(p3.sent.map(([, o]) => o)).toEqual(['*']);
  });
});

describe('lesson ids', () => {
  it('accepts the lesson ids in use (camelCase included)', () => {
    expect(parseCommand({ type: 'hvv:goToStep', lesson: 'vspVsc', step: 1 })).not.toBeNull();
  });
});
