#!/usr/bin/env node
/**
 * The `rampart` command. Each subcommand lives in `commands/<name>.ts` and is loaded lazily, so
 * `rampart --help` and `rampart validate` start fast without loading solvers or the simulator.
 * Exit codes: 0 success, 2 user error (message only), 1 internal error.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { isUserError } from '../errors.js';

/** Subcommands: name → lazy module. Each module exports `register(program: Command): void`. */
const COMMANDS: Record<string, () => Promise<{ register(program: Command): void }>> = {
  run: () => import('./commands/run.js'),
  validate: () => import('./commands/validate.js'),
  schema: () => import('./commands/schema.js'),
  trajectory: () => import('./commands/trajectory.js'),
  coverage: () => import('./commands/coverage.js'),
  wta: () => import('./commands/wta.js'),
  track: () => import('./commands/track.js'),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('rampart')
    .description('Open IAMD simulator and battle manager (notional, unclassified)')
    .version(version(), '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // Load only the command that was asked for (or all of them for --help / unknown).
  const asked = argv.find((a) => !a.startsWith('-'));
  const versionOnly = !asked && (argv.includes('-V') || argv.includes('--version'));
  const names = versionOnly ? [] : asked && asked in COMMANDS ? [asked] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]!()).register(program);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors are user errors.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(e)) {
      process.stderr.write(`rampart: ${e.message}\n`);
      for (const d of e.details) process.stderr.write(`  ${d}\n`);
      return 2;
    }
    process.stderr.write(`rampart: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`rampart: internal error: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
