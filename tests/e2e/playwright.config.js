// Playwright configuration for Headroom's browser tests.
//
// Drives Debian's Chromium (never a browser Playwright downloads: that fails on
// this network) against the built site in ../../dist, served by Python's
// http.server on 127.0.0.1 at a free port. scripts/e2e.sh builds dist/ when it is
// stale, writes the CLI's projection the tests compare with, then runs this.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { args, executablePath } from './chromium.js';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../../dist');

if (!existsSync(resolve(dist, 'index.html'))) {
  throw new Error(`${dist}/index.html is missing: build the site first (scripts/e2e.sh does)`);
}

// Pick a free port once, in the runner process; the worker processes load this
// file again but inherit the runner's environment, so they agree on the port.
if (!process.env.HEADROOM_E2E_PORT) {
  process.env.HEADROOM_E2E_PORT = execFileSync(
    'python3',
    ['-c', 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'],
    { encoding: 'utf8' },
  ).trim();
}
const port = Number(process.env.HEADROOM_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './specs',
  globalSetup: './global-setup.js',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args }, // chromium.js: Debian's Chromium and its flags
  },
  webServer: {
    // http.server serves .wasm as application/wasm.
    command: `python3 -m http.server ${port} --bind 127.0.0.1`,
    cwd: dist,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    // http.server logs every request on stderr: keep the test list readable.
    stdout: 'ignore',
    stderr: 'ignore',
  },
});
