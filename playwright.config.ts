import { defineConfig } from '@playwright/test';
import { findChromium, chromiumArgs } from './scripts/chromium-path.mjs';

const executablePath = findChromium();
/**
 * The preview server's port. `E2E_PORT` lets several checkouts on one machine (git worktrees) run
 * their suites without one reusing another's server (`reuseExistingServer` outside CI).
 */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath, args: chromiumArgs },
    viewport: { width: 1600, height: 900 },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
