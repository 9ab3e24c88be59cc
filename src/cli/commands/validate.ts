/**
 * `rampart validate <files…> [--json]`: check scenario files and report every problem of each,
 * as `file:line:column: path: message`. Exit status 0 when all files are valid, 2 otherwise.
 */
import type { Command } from 'commander';
import type { CheckResult, Scenario } from '../../scenario/index.js';

/** One-line census of a valid scenario: `2 forces, 3 assets, …, 4 threats + 1 raid (12 launches)`. */
export function summarizeScenario(s: Scenario): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const launches = s.threats.length + s.raids.reduce((sum, r) => sum + r.count, 0);
  const parts = [
    n(s.forces.length, 'force'),
    n(s.assets.length, 'asset'),
    n(s.sensors.length, 'sensor'),
    n(s.batteries.length, 'battery', 'batteries'),
    n(s.threats.length, 'threat'),
    n(s.raids.length, 'raid'),
  ];
  if (s.jammers.length > 0) parts.push(n(s.jammers.length, 'jammer'));
  return `${parts.join(', ')}; ${n(launches, 'launch', 'launches')} in ${s.duration} s`;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check scenario files (YAML or JSON) and list every problem with file:line:column')
    .argument('<files...>', 'scenario files (.yaml, .yml or .json)')
    .option('--json', 'print a JSON report on stdout instead of text')
    .addHelpText(
      'after',
      `
Each problem is printed as  file:line:column: path: message, e.g.
  scenarios/x.yaml:12:7: threats[3].launch.lat: must be between -90 and 90 (got 123)

Exit status: 0 if every file is valid, 2 if any is not.
The format is described in docs/scenario.md; \`rampart schema\` prints its JSON Schema.`,
    )
    .action(async (files: string[], opts: { json?: boolean }) => {
      // Loaded lazily so `rampart --help` does not pay for the scenario stack.
      const { checkScenarioFile, formatProblem } = await import('../../scenario/index.js');
      const results: { file: string; result: CheckResult }[] = files.map((file) => ({ file, result: checkScenarioFile(file) }));
      const bad = results.some((r) => r.result.scenario === undefined);
      if (opts.json) {
        const report = results.map(({ file, result }) => ({
          file,
          ok: result.scenario !== undefined,
          ...(result.scenario ? { summary: summarizeScenario(result.scenario) } : {}),
          problems: result.problems,
        }));
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        for (const { file, result } of results) {
          if (result.scenario) process.stdout.write(`ok ${file} (${summarizeScenario(result.scenario)})\n`);
          else {
            const n = result.problems.length;
            process.stderr.write(`invalid ${file} (${n} problem${n === 1 ? '' : 's'}):\n`);
            for (const p of result.problems) process.stderr.write(`  ${formatProblem(p)}\n`);
          }
        }
      }
      if (bad) process.exitCode = 2;
    });
}
