// Before any test: write what the tests compare the page with, all of it from the
// CLI (the same model the site is built from), never typed into a test.
//
// - target/e2e/b2b-saas.json: the default scenario's projection (scripts/e2e.sh
//   writes it and sets HEADROOM_E2E_EXPECTED; without it, it is written here).
// - target/e2e/fixtures.json: every other scenario the tests use (FIXTURES below):
//   projections, share-link tokens, scenario files and the CLI's message for a
//   rejected input. Its path goes to the workers in HEADROOM_E2E_FIXTURES.
//
// The CLI is built once (cargo build --release -p headroom-cli, a no-op when it
// is up to date) and then run directly: a dozen runs take well under a second.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const cli = resolve(root, 'target/release/headroom');

/** Scenario edits the tests make, by fixture name: the same `--set` the page's inputs apply. */
export const FIXTURES = {
  projections: {
    'b2b-saas': ['--preset', 'b2b-saas'],
    'b2b-saas users=5000': ['--preset', 'b2b-saas', '--set', 'growth.start_users=5000'],
    'b2b-saas users=5000 rate=0.2': [
      '--preset', 'b2b-saas', '--set', 'growth.start_users=5000', '--set', 'growth.monthly_rate=0.2',
    ],
    'consumer-app': ['--preset', 'consumer-app'],
    'consumer-app users=5000': ['--preset', 'consumer-app', '--set', 'growth.start_users=5000'],
    fintech: ['--preset', 'fintech'],
    'fintech months=24': ['--preset', 'fintech', '--months', '24'],
    marketplace: ['--preset', 'marketplace'],
    'marketplace months=60': ['--preset', 'marketplace', '--months', '60'],
  },
  // Share-link tokens (what follows `#s=`).
  tokens: {
    fintech: ['--preset', 'fintech'],
    'marketplace months=60': ['--preset', 'marketplace', '--months', '60'],
  },
  // Inputs the model refuses: the CLI's one-line message (without "headroom: ").
  rejected: {
    'growth.monthly_rate=9': ['--preset', 'b2b-saas', '--set', 'growth.monthly_rate=9'],
    'horizon_months=500': ['--preset', 'b2b-saas', '--set', 'horizon_months=500'],
  },
};

function run(args) {
  return execFileSync(cli, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function buildCli() {
  execFileSync('cargo', ['build', '-q', '--release', '-p', 'headroom-cli'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(cli)) throw new Error(`${cli} is missing after cargo build`);
}

function writeAtomically(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export default function globalSetup() {
  buildCli();

  const given = process.env.HEADROOM_E2E_EXPECTED;
  if (given) {
    if (!existsSync(given)) throw new Error(`HEADROOM_E2E_EXPECTED=${given}: no such file`);
  } else {
    const out = resolve(root, 'target/e2e/b2b-saas.json');
    console.log('global setup: running the CLI for the expected projection (b2b-saas)');
    const json = run(['project', '--preset', 'b2b-saas', '--format', 'json']);
    JSON.parse(json); // fail here, clearly, if the CLI printed something else
    writeAtomically(out, json);
    process.env.HEADROOM_E2E_EXPECTED = out;
  }

  const fixtures = { projections: {}, tokens: {}, scenarios: {}, rejected: {} };
  for (const [name, args] of Object.entries(FIXTURES.projections)) {
    fixtures.projections[name] = JSON.parse(run(['project', ...args, '--format', 'json']));
  }
  for (const [name, args] of Object.entries(FIXTURES.tokens)) {
    fixtures.tokens[name] = run(['link', ...args, '--token']).trim();
    // The same scenario's projection, from the token (what a link opens).
    fixtures.projections[`token ${name}`] = JSON.parse(
      run(['project', '--link', fixtures.tokens[name], '--format', 'json']),
    );
  }
  for (const [name, args] of Object.entries(FIXTURES.rejected)) {
    const result = spawnSync(cli, ['project', ...args], { cwd: root, encoding: 'utf8' });
    if (result.status !== 2) {
      throw new Error(`headroom project ${args.join(' ')}: expected exit status 2, got ${result.status}`);
    }
    fixtures.rejected[name] = result.stderr.trim().replace(/^headroom: /, '');
  }
  const out = resolve(root, 'target/e2e/fixtures.json');
  writeAtomically(out, JSON.stringify(fixtures));
  process.env.HEADROOM_E2E_FIXTURES = out;
  process.env.HEADROOM_E2E_CLI = cli;
}
