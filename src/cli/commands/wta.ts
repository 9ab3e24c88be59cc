/**
 * `rampart wta <instance.json>`: solve a static weapon-target assignment instance
 * (shared/formats/wta-instance.md), target-based or — when the file has an "assets" member —
 * asset-based (docs/models/battle-management.md, "Asset-based WTA"). By default the exact solver proves optimality within the time
 * limit and otherwise reports its best assignment and proven bound.
 */
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import type { WtaInstance } from '../../decide/wta/index.js';

interface WtaCliOptions {
  timeLimit: string;
  json?: boolean;
  method: string;
}

export function register(program: Command): void {
  program
    .command('wta')
    .description('solve a weapon-target assignment instance (exact on HiGHS, or the fast heuristic)')
    .argument('<instance>', 'instance file (JSON, shared WTA instance format; with "assets", "aims", "lethality": asset-based)')
    .option('--time-limit <s>', 'time limit in seconds', '60')
    .option('--method <m>', 'exact (prove optimality) | heuristic (greedy + VLSN local search, with a bound) | greedy', 'exact')
    .option('--json', 'print {"objective", "lowerBound", "status", "assignment", "time_s"} as JSON (asset-based: also "survivingValue", "survivingValueBound")')
    .addHelpText(
      'after',
      '\nAsset-based instances minimise the expected LOST asset value (+ firing costs); survivingValue is the\n' +
        'expected surviving asset value and survivingValueBound an upper bound on it (null with firing costs).\n' +
        'status is "optimal" when (objective − lowerBound)/objective ≤ 1e-6, else "feasible".\n' +
        'assignment[i] is the target weapon i fires at, or -1 when it holds fire.\n\nExit codes: 0 success, 2 bad input, 1 internal error.',
    )
    .action(async (file: string, opts: WtaCliOptions) => {
      const timeLimit = Number(opts.timeLimit);
      if (!/^\s*[0-9.eE+-]+\s*$/.test(opts.timeLimit) || !Number.isFinite(timeLimit) || timeLimit <= 0) {
        throw new UserError(`--time-limit must be a positive number of seconds (got '${opts.timeLimit}')`);
      }
      if (!['exact', 'heuristic', 'greedy'].includes(opts.method)) {
        throw new UserError(`--method must be exact, heuristic or greedy (got '${opts.method}')`);
      }
      const method = opts.method as 'exact' | 'heuristic' | 'greedy';
      const { readAnyWtaInstance, solveWta, solveAssetWta } = await import('../../decide/wta/index.js');
      const read = readAnyWtaInstance(file);
      // The CLI owns the wall clock; the solvers only see this function (DESIGN.md rule 2).
      const clock = (): number => performance.now() / 1000;
      const t0 = clock();
      const solveOpts = { method, timeLimit, clock, lowerBound: method === 'heuristic' };
      const asset = read.kind === 'asset' ? await solveAssetWta(read.instance, solveOpts) : null;
      const res = asset ?? (await solveWta(read.instance as WtaInstance, solveOpts));
      const time = clock() - t0;
      if (opts.json) {
        const out: Record<string, unknown> = {
          objective: res.objective,
          lowerBound: res.lowerBound,
          status: res.status,
          assignment: Array.from(res.assignment),
          time_s: time,
        };
        if (asset) {
          out.survivingValue = asset.survivingValue;
          out.survivingValueBound = asset.survivingValueBound;
        }
        process.stdout.write(JSON.stringify(out) + '\n');
        return;
      }
      const inst = read.instance;
      const shape =
        read.kind === 'asset'
          ? `${inst.weapons} weapons × ${inst.targets} targets × ${read.instance.assets} assets (asset-based: objective = expected lost asset value)`
          : `${inst.weapons} weapons × ${inst.targets} targets`;
      const lines = [
        `${inst.name ?? file}: ${shape}, method ${method}`,
        `objective    ${res.objective}`,
        `lower bound  ${res.lowerBound ?? '(none)'}`,
        `status       ${res.status}${res.lowerBound !== null ? ` (relative gap ${relGap(res.objective, res.lowerBound).toExponential(2)})` : ''}`,
      ];
      if (asset) {
        lines.push(`surviving    ${asset.survivingValue} (expected surviving asset value${asset.survivingValueBound !== null ? `; at most ${asset.survivingValueBound}` : ''})`);
      }
      lines.push(`time         ${time.toFixed(3)} s`);
      if (res.stats.note) lines.push(`note         ${res.stats.note}`);
      lines.push(`assignment   [${Array.from(res.assignment).join(', ')}]`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}

function relGap(objective: number, lowerBound: number): number {
  if (objective === 0) return 0;
  return Math.max(0, (objective - lowerBound) / Math.abs(objective));
}
