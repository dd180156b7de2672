/**
 * The store driven headlessly over a stand-in engine: boot from a URL, playback, replay, notes,
 * the automation API. The real engine's paths are covered by its own tests and by e2e.
 */
import { installPageGlobals } from './testing/pageGlobals';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../engine', () => import('./testing/fakeEngine'));

// Node has no rAF or window; the clock and automation only need these small pieces.
beforeAll(() => installPageGlobals());

const load = async () => {
  const store = await import('./simStore');
  const boot = await import('./boot');
  const automation = await import('./automation');
  const host = (await import('./engineHost')).host;
  const fake = await import('./testing/fakeEngine');
  return { ...store, ...boot, ...automation, host, fake };
};

beforeEach(async () => {
  const { useSim } = await load();
  useSim.getState().pause();
});

describe('boot', () => {
  it('autoplay waits for idle, survives unrelated store updates, and yields to a learner who paused first', async () => {
    const { boot, useSim } = await load();
    let go: () => void = () => {};
    await boot('?vms=2', { autoplay: (g) => (go = g) });
    expect(useSim.getState().playing).toBe(false);
    // Panels, notes, selection: not a reason to keep a fresh page still.
    useSim.getState().select({ kind: 'component', id: 'nic' });
    go();
    expect(useSim.getState().playing).toBe(true);

    for (const drive of [() => useSim.getState().step(), () => useSim.getState().pause()]) {
      useSim.getState().pause();
      await boot('?vms=2', { autoplay: (g) => (go = g) });
      drive(); // a step, or a pause of a page that is not playing yet (window.hvv.pause())
      go();
      expect(useSim.getState().playing).toBe(false);
    }
  });

  it('starts just before the first data packet when the link has no t, and plays', async () => {
    const { boot, useSim, host, fake } = await load();
    await boot('?vms=2');
    expect(host.sim.now()).toBe(fake.firstDataNs - 200);
    expect(useSim.getState().playing).toBe(true);
    expect(useSim.getState().issues).toEqual([]);
    // The handshake before it is in the log (fast-forwarding records it).
    expect(host.log.tail(10).some((e) => e.detail === 'OFFERCHANNEL')).toBe(true);
    useSim.getState().pause();
  });

  it('restores configuration, time and pause from the URL', async () => {
    const { boot, useSim, host } = await load();
    await boot('?vms=3&adapter=emulated,synthetic,sriov&vmq=0&sriov=1&t=12345&play=0&speed=20us&seed=9');
    const s = useSim.getState();
    expect(s.config.vms.map((v) => v.adapter)).toEqual(['emulated', 'synthetic', 'sriov']);
    expect([s.config.vmq, s.config.sriov, s.seed, s.speed, s.playing]).toEqual([false, true, 9, 20_000, false]);
    expect(host.sim.now()).toBe(12_345);
  });

  it('reports bad parameters and carries on with defaults', async () => {
    const { boot, useSim, host } = await load();
    await boot('?vms=0&vmq=perhaps&play=0');
    const s = useSim.getState();
    expect(s.issues.map((i) => i.param).sort()).toEqual(['vmq', 'vms']);
    expect(s.config.vms).toHaveLength(2);
    expect(host.sim.now()).toBeGreaterThan(0);
    s.dismissIssue(0);
    expect(useSim.getState().issues).toHaveLength(1);
  });
});

describe('playback', () => {
  it('step advances to the next traced event, step back replays to just before it', async () => {
    const { boot, useSim, host } = await load();
    await boot('?vms=1&t=5000&play=0');
    const before = host.log.length;
    useSim.getState().step();
    expect(host.log.length).toBeGreaterThan(before);
    const last = host.log.at(host.log.length - 1);
    useSim.getState().stepBack();
    expect(host.sim.now()).toBe((last?.t ?? 0) - 1);
    expect(useSim.getState().playing).toBe(false);
  });

  it('changes made while running are replayed by step back at the time they were made', async () => {
    const { boot, useSim, host } = await load();
    await boot('?vms=1&t=8000&play=0&adapter=synthetic');
    useSim.getState().apply({ kind: 'set-adapter', vm: 'vm1', adapter: 'emulated' });
    useSim.getState().seek(12_000);
    useSim.getState().stepBack();
    expect(host.sim.config.vms[0]?.adapter).toBe('emulated');
    useSim.getState().seek(7_000);
    expect(host.sim.config.vms[0]?.adapter).toBe('synthetic');
  });
});

describe('because notes', () => {
  it('a VMQ toggle leaves a note at the queue with the engine numbers', async () => {
    const { boot, useSim } = await load();
    await boot('?vms=1&vmq=0&t=6000&play=0');
    useSim.getState().apply({ kind: 'set-vmq', on: true });
    const notes = useSim.getState().notes;
    expect(notes).toMatchObject([{ componentId: 'nic.queue.1', key: 'because.vmqQueue', params: { vm: 'vm1', queue: 1, lp: 1 } }]);
    useSim.getState().apply({ kind: 'set-vmq', on: false });
    expect(useSim.getState().notes.at(-1)).toMatchObject({ componentId: 'nic.queue.default', key: 'because.vmqOffOne' });
  });

  it('a restart clears notes and does not invent new ones', async () => {
    const { boot, useSim } = await load();
    await boot('?vms=1&vmq=0&t=6000&play=0');
    useSim.getState().apply({ kind: 'set-vmq', on: true });
    useSim.getState().reset();
    expect(useSim.getState().notes).toEqual([]);
  });
});

describe('window.hvv', () => {
  it('stats come straight from the engine', async () => {
    const { boot, stats, host } = await load();
    await boot('?vms=1&t=9000&play=0');
    expect(stats()).toMatchObject({ simTimeNs: 9000, events: host.sim.metrics().events });
  });

  it('configure validates everything first and applies nothing on error', async () => {
    const { boot, configure, useSim } = await load();
    await boot('?vms=1&vmq=0&t=9000&play=0');
    const r = configure({ vmq: true, vms: 99 });
    expect(r.ok).toBe(false);
    expect(useSim.getState().config.vmq).toBe(false);
    expect(configure({ nonsense: 1 } as never)).toMatchObject({ ok: false, errors: [{ key: 'nonsense' }] });
  });

  it('configure applies live changes at the current time', async () => {
    const { boot, configure, useSim, host } = await load();
    await boot('?vms=1&vmq=0&traffic=udp-out&t=9000&play=0');
    expect(configure({ vms: 3, vmq: 'on', adapter: 'emulated', ext: ['capture'] })).toEqual({ ok: true });
    const c = useSim.getState().config;
    expect(c.vms.map((v) => v.adapter)).toEqual(['emulated', 'emulated', 'emulated']);
    expect(c.vmq).toBe(true);
    expect(c.extensions.capture).toBe(true);
    // The preset followed the new VMs.
    expect(c.flows.map((f) => f.vm)).toEqual(['vm1', 'vm2', 'vm3']);
    expect(host.sim.now()).toBe(9000);
    expect(host.changes.every((ch) => ch.atNs === 9000)).toBe(true);
  });

  it('configure turns vRSS/VMMQ on and sets queues per vNIC live (issue 11)', async () => {
    const { boot, configure, useSim, host } = await load();
    await boot('?vms=2&t=9000&play=0');
    expect(configure({ vrss: 'on', vmmq: true, queues: [4, 2] })).toEqual({ ok: true });
    // The store's test engine records the changes (the real engine's effect: model/vrss.test.ts).
    expect(host.changes.map((ch) => ch.change)).toEqual([
      { kind: 'set-vrss', on: true },
      { kind: 'set-vmmq', on: true },
      { kind: 'set-vm-nic', vm: 'vm1', settings: { queues: 4 } },
      { kind: 'set-vm-nic', vm: 'vm2', settings: { queues: 2 } },
    ]);
    expect(useSim.getState().config.vms).toHaveLength(2);
    expect(configure({ queues: 17 })).toMatchObject({ ok: false, errors: [{ key: 'queues', reason: 'range' }] });
  });

  it('configure with a scenario reloads from t = 0', async () => {
    const { boot, configure, useSim, host } = await load();
    await boot('?vms=1&t=9000&play=0');
    expect(configure({ scenario: 'stress', vms: 4 })).toEqual({ ok: true });
    expect(useSim.getState().scenario).toEqual({ name: 'stress', packets: null });
    expect(useSim.getState().config.vms).toHaveLength(4);
    expect(host.sim.now()).toBe(0);
  });

  it('trace filters by kind, packet and component, oldest first', async () => {
    const { boot, trace } = await load();
    await boot('?vms=2&t=9000&play=0');
    const hops = trace({ kind: 'hop' });
    expect(hops.length).toBeGreaterThan(0);
    expect(hops.every((e) => e.kind === 'hop')).toBe(true);
    expect(hops.map((e) => e.seq)).toEqual([...hops.map((e) => e.seq)].sort((a, b) => a - b));
    const p = hops[0]?.packet as number;
    expect(trace({ packet: p }).every((e) => e.packet === p)).toBe(true);
    expect(trace({ component: 'vm2.netvsc' }).every((e) => e.from === 'vm2.netvsc' || e.to === 'vm2.netvsc')).toBe(true);
    expect(trace({ limit: 3 })).toHaveLength(3);
  });

  it('add and remove VMs keep a traffic preset in step and clear a stale selection', async () => {
    const { boot, useSim } = await load();
    await boot('?vms=2&traffic=ping&t=9000&play=0');
    useSim.getState().select({ kind: 'component', id: 'vm2.netvsc' });
    useSim.getState().removeVm('vm2');
    expect(useSim.getState().selection).toBeNull();
    expect(useSim.getState().config.flows.map((f) => [f.vm, f.protocol])).toEqual([['vm1', 'icmp']]);
  });
});
