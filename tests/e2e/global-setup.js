// Before any test: make sure the CLI's projection of the default scenario is on
// disk, and tell the tests where (HEADROOM_E2E_EXPECTED, inherited by workers).
//
// scripts/e2e.sh writes it and sets HEADROOM_E2E_EXPECTED; when the tests run
// without it (`npx playwright test` in this folder), the CLI is run here, so the
// expected figures always come from the same model the site was built from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

export default function globalSetup() {
  const given = process.env.HEADROOM_E2E_EXPECTED;
  if (given) {
    if (!existsSync(given)) {
      throw new Error(`HEADROOM_E2E_EXPECTED=${given}: no such file`);
    }
    return;
  }
  const out = resolve(root, 'target/e2e/b2b-saas.json');
  console.log('global setup: running the CLI for the expected projection (b2b-saas)');
  const json = execFileSync(
    'cargo',
    ['run', '-q', '--release', '-p', 'headroom-cli', '--', 'project', '--preset', 'b2b-saas', '--format', 'json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  JSON.parse(json); // fail here, clearly, if the CLI printed something else
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, json);
  renameSync(`${out}.tmp`, out);
  process.env.HEADROOM_E2E_EXPECTED = out;
}
