/**
 * Serves the production build (`dist/`) with `vite preview` on a free loopback port for the
 * browser benchmarks. The server runs in its own process group and is stopped as a group, so no
 * `vite preview` outlives the benchmark (npx would otherwise leave its child running).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not answer at ${url}`);
}

/**
 * Start the server; `base` ends without a slash. Call `stop()` when done (also runs on exit).
 * `outDir` serves another build (an older commit's `dist/`, the baseline page's `dist-bench/`).
 */
export async function startPreview(timeoutMs = 60_000, outDir?: string): Promise<{ base: string; stop: () => void }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dirArgs = outDir ? ['--outDir', outDir] : [];
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', ...dirArgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  let stopped = false;
  const stop = () => {
    if (stopped || !server.pid) return;
    stopped = true;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => (stop(), process.exit(130)));
  try {
    await waitForHttp(base, timeoutMs);
  } catch (e) {
    stop();
    throw e;
  }
  return { base, stop };
}
