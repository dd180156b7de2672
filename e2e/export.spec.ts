import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { checkCapture, requireTshark, tsharkFields } from './export-tshark';
import { downloadVia, openApp, openExportPanel, readText, runCli, runCliBytes, watchErrors } from './export-helpers';

/** Exports: diagram PNG/SVG with edges, trace JSONL and summary equal to the CLI's, pcapng via tshark. */

/** Pause with packets in flight, at a simulated time that is a whole number of µs. */
async function pauseWithPackets(page: Page) {
  await page.evaluate(() => window.hvv!.pause());
  for (let i = 0; i < 200; i++) {
    const s = await page.evaluate(() => {
      const h = window.hvv!;
      const now = h.stats().simTimeNs;
      return h.advance(1000 - (now % 1000) + 1000);
    });
    if (s.inFlight >= 3) return s;
  }
  throw new Error('no packets in flight');
}

/** Edge paths of the live diagram, each with 9 points along it in the diagram root's CSS pixels. */
async function liveEdges(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid="diagram"]')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll<SVGPathElement>('.react-flow__edge path')).flatMap((p) => {
      const d = p.getAttribute('d');
      const len = p.getTotalLength?.() ?? 0;
      const ctm = p.getScreenCTM();
      if (!d || len < 20 || !ctm) return [];
      const points = Array.from({ length: 9 }, (_, k) => {
        const m = p.getPointAtLength((len * (k + 1)) / 10).matrixTransform(ctm);
        return { x: m.x - root.left, y: m.y - root.top };
      });
      return [{ d, points }];
    });
  });
}

/**
 * Decode two PNGs in the page; for each edge, does any of its points differ between the images
 * (7×7 window at the export's scale)? Several points per edge, because a dashed edge has gaps
 * and part of an edge may run under a node.
 */
async function pixelsDiffer(page: Page, a: Buffer, b: Buffer, edges: { points: { x: number; y: number }[] }[], scale: number) {
  return page.evaluate(
    async ({ a, b, edges, scale }) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return { ctx, w: c.width, h: c.height };
      };
      const A = await load(a);
      const B = await load(b);
      return edges.map((e) =>
        e.points.some(({ x, y }) => {
          const px = Math.round(x * scale);
          const py = Math.round(y * scale);
          const da = A.ctx.getImageData(px - 3, py - 3, 7, 7).data;
          const db = B.ctx.getImageData(px - 3, py - 3, 7, 7).data;
          let diff = 0;
          for (let i = 0; i < da.length; i++) diff = Math.max(diff, Math.abs((da[i] as number) - (db[i] as number)));
          return diff > 12;
        }),
      );
    },
    { a: a.toString('base64'), b: b.toString('base64'), edges, scale },
  );
}

test('diagram SVG and PNG contain the edges, the packets in flight and the legend', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?speed=5us&flows=vm1:ext:udp:1500:200k,ext:vm2:udp:1500:200k');
  await expect(page.getByTestId('diagram')).toBeVisible();
  await page.waitForTimeout(800);
  await pauseWithPackets(page);
  await page.waitForTimeout(300); // one redraw of the overlay

  const edges = await liveEdges(page);
  expect(edges.length).toBeGreaterThan(20);

  const svg = readText((await downloadVia(page, 'Diagram as SVG')).file);
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).not.toContain('foreignObject');
  expect(edges.filter((e) => !svg.includes(`d="${e.d}"`))).toEqual([]);
  expect(svg).toContain('Legend');
  // The packet overlay is in the file as an image, and it has packets drawn on it.
  const overlay = /<image [^>]*href="(data:image\/png;base64,[^"]+)"/.exec(svg)?.[1];
  expect(overlay).toBeTruthy();
  const painted = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if ((d[i] as number) > 0) n++;
    return n;
  }, overlay!);
  expect(painted).toBeGreaterThan(10);

  // PNG: export and screenshot the diagram with its edges, then again with the edges hidden. An
  // edge shows where the two differ. Every edge the screen shows must show in the export too.
  const closePanel = () => page.getByTestId('export-menu-button').click();
  const withEdges = readFileSync((await downloadVia(page, 'Diagram as PNG')).file);
  expect(withEdges.subarray(1, 4).toString()).toBe('PNG');
  await closePanel();
  const screenWith = await page.getByTestId('diagram').screenshot();
  await page.addStyleTag({ content: '.react-flow__edges, .react-flow__edge { visibility: hidden !important; }' });
  const screenWithout = await page.getByTestId('diagram').screenshot();
  const withoutEdges = readFileSync((await downloadVia(page, 'Diagram as PNG')).file);
  await closePanel();
  // Nothing moved meanwhile (the points below are those of the first export).
  expect((await liveEdges(page)).map((e) => e.points)).toEqual(edges.map((e) => e.points));
  const inExport = await pixelsDiffer(page, withEdges, withoutEdges, edges, 2);
  const onScreen = await pixelsDiffer(page, screenWith, screenWithout, edges, 1);
  const shownOnScreen = onScreen.filter(Boolean).length;
  const missing = edges.filter((_, i) => onScreen[i] && !inExport[i]).map((e) => e.d);
  expect(shownOnScreen / edges.length).toBeGreaterThan(0.5);
  expect(missing).toEqual([]);
  errors.check();
});

test('trace JSONL and summary equal the CLI output for the same scenario file and seed', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?seed=4&speed=5us&t=300000&play=0');
  await page.evaluate(() => window.hvv!.advance(123_000));
  const now = await page.evaluate(() => window.hvv!.stats().simTimeNs);
  expect(now % 1000).toBe(0);

  const scenario = await downloadVia(page, 'Save to file');
  const saved = JSON.parse(readText(scenario.file));
  expect(saved).toMatchObject({ schemaVersion: 2, seed: 4, atNs: now, durationUs: now / 1000, changes: [] });

  const trace = readText((await downloadVia(page, 'Trace (JSONL)')).file);
  const cliTrace = runCli(['--scenario', scenario.file, '--format', 'jsonl']);
  expect(trace.split('\n').length).toBeGreaterThan(100);
  expect(trace).toBe(cliTrace);

  const summary = JSON.parse(readText((await downloadVia(page, 'Summary (JSON)')).file));
  const cliSummary = JSON.parse(runCli(['--scenario', scenario.file, '--format', 'summary']));
  // Same shape and figures; only the label differs (the CLI names the file it read).
  expect({ ...summary, scenario: '' }).toEqual({ ...cliSummary, scenario: '' });
  errors.check();
});

test('pcapng capture at the wire and at a vSwitch port reads back in tshark', async ({ page }) => {
  test.setTimeout(300_000); // the first run may install tshark
  requireTshark();
  const errors = watchErrors(page);
  await openApp(page, '?vms=2&adapter=synthetic,emulated&traffic=ping&seed=2&t=600000&play=0');
  const panel = await openExportPanel(page);

  await panel.getByLabel('Capture at').selectOption('wire');
  const wire = await downloadVia(page, 'Capture (pcapng)');
  const rows = tsharkFields(wire.file, ['frame.interface_name', 'eth.src', 'ip.src', 'ip.dst', '_ws.col.Protocol', 'ip.checksum.status', 'icmp.checksum.status', 'udp.checksum.status', 'tcp.checksum.status']);
  // Frames on the wire = hops between the NIC and the wire in the full trace.
  const trace = readText((await downloadVia(page, 'Trace (JSONL)')).file)
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; from: string; to: string; path: string });
  const wireHops = trace.filter((e) => e.kind === 'hop' && e.path !== 'control' && ((e.from === 'nic' && e.to === 'wire') || (e.from === 'wire' && e.to === 'nic')));
  expect(rows.length).toBe(wireHops.length);
  expect(rows.length).toBeGreaterThan(4);
  expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['wire']));
  expect(new Set(rows.map((r) => r[4]))).toContain('ICMP');
  const ips = new Set(rows.flatMap((r) => [r[2], r[3]]));
  expect(ips).toContain('10.0.0.11');
  for (const r of rows) {
    expect(r[5]).toBe('1'); // IPv4 header checksum Good
    expect([r[6], r[7], r[8]].filter((x) => x !== '')).toEqual(['1']);
  }

  await panel.getByLabel('Capture at').selectOption('port:vm2');
  const port = await downloadVia(page, 'Capture (pcapng)');
  const portRows = tsharkFields(port.file, ['frame.interface_name', 'ip.src', 'ip.dst', '_ws.col.Protocol']);
  expect(portRows.length).toBeGreaterThan(0);
  expect(new Set(portRows.map((r) => r[0]))).toEqual(new Set(['root.vswitch:vm2']));
  for (const r of portRows) expect([r[1], r[2]]).toContain('10.0.0.12');
  errors.check();
});

test('pcapng of a TCP flow: Wireshark finds nothing wrong, and the CLI writes the same bytes', async ({ page }) => {
  test.setTimeout(120_000);
  requireTshark();
  const errors = watchErrors(page);
  await openApp(page, '?vms=1&adapter=synthetic&traffic=tcp-rr&seed=3&t=1500000&play=0');
  const panel = await openExportPanel(page);
  await panel.getByLabel('Capture at').selectOption('wire');
  const wire = await downloadVia(page, 'Capture (pcapng)');
  const k = await checkCapture(wire.file);
  expect(k.errors).toEqual([]);
  expect(k.warnings).toEqual([]);
  expect(k.analysisFlagged).toBe(0);
  expect(k.streams.size).toBeGreaterThan(0);
  for (const completeness of k.streams.values()) expect(completeness & 7).toBe(7); // SYN, SYN-ACK, ACK
  expect(k.frames).toBeGreaterThan(10);

  const scenario = await downloadVia(page, 'Save to file');
  const cli = runCliBytes(['--scenario', scenario.file, '--format', 'pcapng', '--capture', 'wire']);
  expect(cli.equals(readFileSync(wire.file))).toBe(true);
  errors.check();
});

test('the diagram export keeps the current highlight (the rest dimmed)', async ({ page }) => {
  const errors = watchErrors(page);
  // A lesson step highlights a few components and dims the rest.
  await openApp(page, '?lesson=partitions&step=1');
  await page.evaluate(() => window.hvv!.pause());
  await expect.poll(() => page.locator('.react-flow__node .hvv-dim').count()).toBeGreaterThan(5);
  const svg = readText((await downloadVia(page, 'Diagram as SVG')).file);
  const dimmed = svg.match(/ opacity="0\.5"/g) ?? [];
  expect(dimmed.length).toBeGreaterThan(5);
  errors.check();
});
