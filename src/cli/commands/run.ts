import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import { UserError } from '../../errors.js';

export function register(program: Command): void {
  program
    .command('run')
    .description('run a scenario: fly the threats, play the kill chain, write the recording and summary')
    .argument('<scenario>', 'scenario file (.yaml, .yml or .json)')
    .option('--seed <n>', 'override the scenario seed (integer)')
    .option('--out <dir>', 'output directory for recording.ndjson and summary.json (default: out/<scenario name>)')
    .option('--undefended', 'remove every battery: the undefended baseline for comparison')
    .option('--no-cueing', 'space-IR tracks do not cue radars or trackers: the uncued baseline for comparison')
    .option('--json', 'print the summary as JSON on stdout (no progress bar)')
    .option('--no-progress', 'do not show the progress bar')
    .addHelpText(
      'after',
      '\nOutputs:\n  <out>/recording.ndjson  every event, one JSON object per line, flushed each tick\n  <out>/summary.json      the end-of-run summary\n\nExit codes: 0 success, 2 bad input, 1 internal error.',
    )
    .action(async (file: string, opts: { seed?: string; out?: string; json?: boolean; progress: boolean; undefended?: boolean; cueing: boolean }) => {
      let seed: number | undefined;
      if (opts.seed !== undefined) {
        if (!/^-?\d+$/.test(opts.seed) || !Number.isSafeInteger(Number(opts.seed))) {
          throw new UserError(`--seed must be an integer (got '${opts.seed}')`);
        }
        seed = Number(opts.seed);
      }
      const { loadScenarioFile } = await import('../../scenario/index.js');
      const scenario = loadScenarioFile(file);
      const outDir = opts.out ?? join('out', basename(file, extname(file)));
      const { runScenario } = await import('../../run/runner.js');
      const { formatSummary } = await import('../../run/summary.js');
      const showBar = !opts.json && opts.progress && process.stderr.isTTY === true;
      let bar: { update(v: number): void; stop(): void } | undefined;
      if (showBar) {
        const { SingleBar, Presets } = (await import('cli-progress')).default;
        const b = new SingleBar(
          { format: '  {bar} {percentage}% | sim {value}/{total} s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true },
          Presets.shades_classic,
        );
        b.start(Math.round(scenario.duration), 0);
        bar = b;
      }
      let lastShown = -1;
      try {
        const { summary } = runScenario(scenario, {
          ...(seed !== undefined ? { seed } : {}),
          ...(opts.undefended ? { undefended: true } : {}),
          ...(opts.cueing === false ? { cueing: false } : {}),
          outDir,
          now: () => performance.now(),
          onProgress: (t) => {
            const v = Math.floor(t);
            if (bar && v !== lastShown) {
              lastShown = v;
              bar.update(v);
            }
          },
        });
        bar?.stop();
        if (opts.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        else process.stdout.write(formatSummary(summary) + '\n');
      } finally {
        bar?.stop();
      }
    });
}
