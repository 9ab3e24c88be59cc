/**
 * WTA benchmarks on Ahuja-recipe instances (V ~ U[25, 100], p ~ U[0.6, 0.9]; Ahuja, Kumar, Jha &
 * Orlin 2007), generated from fixed RNG streams:
 *  - exact solver (HiGHS): time, status and relative gap for 10×10 … 80×80 (time limit 10 s each),
 *    plus two larger shapes beyond the target;
 *  - heuristic (greedy + VLSN local search + ruin-and-recreate): time and objective against greedy for 100×100 and
 *    1000×1000 (budget 1 s), with the exact optimum beside it where it is cheap to get.
 *  - asset-based problem (Rampart's recipe, asset.ts `assetInstance`): exact solver (plan column
 *    generation + enumeration + HiGHS MIP, then the outer-approximation MIP of assetOa.ts) and
 *    heuristic for 8×8×3 … 40×40×10 (weapons × targets × assets), 5 seeds, time limit 10 s.
 *    Run only this part with `WTA_BENCH=asset npm run bench -- wta`.
 * The first HiGHS solve of a process pays the WebAssembly warm-up; a throw-away solve runs first.
 */
import {
  ahujaInstance,
  assetInstance,
  solveAssetWtaExact,
  solveAssetWtaHeuristic,
  type AssetWtaInstance,
  solveWtaExact,
  solveWtaGreedy,
  solveWtaHeuristic,
  type WtaInstance,
} from '../src/decide/wta/index.js';
import { stream } from '../src/math/rng.js';

const clock = (): number => performance.now() / 1000;
const SEEDS = [1, 2, 3, 4, 5];

function instance(W: number, T: number, seed: number): WtaInstance {
  const rng = stream(seed, `bench/wta/${W}x${T}`);
  return ahujaInstance(W, T, () => rng.uniform(), `ahuja_${W}x${T}_s${seed}`);
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]): string => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

export async function run(): Promise<void> {
  if (process.env.WTA_BENCH !== 'asset') await runTargetBased();
  await runAssetBased();
}

function assetCase(W: number, T: number, K: number, seed: number): AssetWtaInstance {
  const rng = stream(seed, `bench/wta-asset/${W}x${T}x${K}`);
  return assetInstance(W, T, K, () => rng.uniform(), `asset_${W}x${T}x${K}_s${seed}`);
}

/** Asset-based: time to prove optimality, final gap, and the heuristic's distance to the optimum / bound. */
async function runAssetBased(): Promise<void> {
  await solveAssetWtaExact(assetCase(6, 6, 2, 99), { clock, timeLimit: 10 }); // warm-up
  console.log('\nasset-based WTA, exact solver (per-asset plan column generation + enumeration + HiGHS MIP, then outer-approximation MIP), time limit 10 s');
  console.log('objective = expected lost asset value; heuristic = greedy + local search + rounds, budget 1 s, vs the exact result');
  const rows: string[][] = [];
  for (const [W, T, K] of [[8, 8, 3], [10, 10, 3], [20, 20, 5], [40, 40, 10]] as const) {
    const times: number[] = [];
    const proven: number[] = [];
    let worstGap = 0;
    const gaps: number[] = [];
    let heurAboveOpt = 0;
    let heurAboveBest = 0;
    for (const seed of SEEDS) {
      const inst = assetCase(W, T, K, seed);
      const t0 = clock();
      const r = await solveAssetWtaExact(inst, { clock, timeLimit: 10 });
      const t = clock() - t0;
      times.push(t);
      if (r.status === 'optimal') proven.push(t);
      const gap = r.lowerBound === null ? Infinity : (r.objective - r.lowerBound) / r.objective;
      worstGap = Math.max(worstGap, gap);
      gaps.push(gap);
      const h = solveAssetWtaHeuristic(inst, { clock, timeLimit: 1 });
      const rel = (h.objective - r.objective) / r.objective;
      if (r.status === 'optimal') heurAboveOpt = Math.max(heurAboveOpt, rel);
      heurAboveBest = Math.max(heurAboveBest, rel);
    }
    times.sort((a, b) => a - b);
    proven.sort((a, b) => a - b);
    gaps.sort((a, b) => a - b);
    const pct = (g: number): string => (g === Infinity ? '∞' : `${(100 * g).toFixed(1)} %`);
    rows.push([
      `${W}×${T}×${K}`,
      `${proven.length}/${SEEDS.length} optimal`,
      proven.length ? proven[Math.floor(proven.length / 2)]!.toFixed(3) : '—',
      proven.length ? proven[proven.length - 1]!.toFixed(3) : '—',
      times[times.length - 1]!.toFixed(3),
      pct(gaps[Math.floor(gaps.length / 2)]!),
      pct(worstGap),
      proven.length ? `${(100 * heurAboveOpt).toFixed(2)} %` : '—',
      `${(100 * heurAboveBest).toFixed(2)} %`,
    ]);
  }
  table(['size W×T×K', 'status', 'median s (proven)', 'max s (proven)', 'max s (all)', 'median gap', 'max gap', 'heuristic above opt (max)', 'heuristic vs exact best (max)'], rows);
}

async function runTargetBased(): Promise<void> {
  await solveWtaExact(instance(20, 20, 99), { clock, timeLimit: 10 }); // warm-up (WASM tier-up)

  console.log('exact solver (column generation + reduced-cost enumeration + HiGHS MIP), time limit 10 s');
  const rows: string[][] = [];
  for (const [W, T] of [[10, 10], [20, 20], [40, 40], [80, 80], [100, 100], [200, 100]] as const) {
    const times: number[] = [];
    let worstGap = 0;
    let optimal = 0;
    let heurGap = 0;
    for (const seed of SEEDS) {
      const inst = instance(W, T, seed);
      const t0 = clock();
      const r = await solveWtaExact(inst, { clock, timeLimit: 10 });
      times.push(clock() - t0);
      const gap = r.lowerBound === null ? Infinity : (r.objective - r.lowerBound) / r.objective;
      worstGap = Math.max(worstGap, gap);
      if (r.status === 'optimal') optimal++;
      heurGap = Math.max(heurGap, (r.stats.heuristicObjective! - r.objective) / r.objective);
    }
    times.sort((a, b) => a - b);
    rows.push([
      `${W}×${T}`,
      `${optimal}/${SEEDS.length} optimal`,
      `${times[Math.floor(times.length / 2)]!.toFixed(3)}`,
      `${times[times.length - 1]!.toFixed(3)}`,
      worstGap.toExponential(1),
      `${(100 * heurGap).toFixed(2)} %`,
    ]);
  }
  table(['size', 'status', 'median s', 'max s', 'max gap', 'heuristic above opt (max)'], rows);

  console.log('\nheuristic: greedy (maximum marginal return) + VLSN local search + ruin-and-recreate rounds, budget 1 s');
  const hrows: string[][] = [];
  for (const n of [100, 1000]) {
    for (const seed of SEEDS.slice(0, n === 1000 ? 3 : 5)) {
      const inst = instance(n, n, seed);
      let t0 = clock();
      const g = solveWtaGreedy(inst);
      const tg = clock() - t0;
      t0 = clock();
      const h = solveWtaHeuristic(inst, { clock, timeLimit: 0.95 });
      const th = clock() - t0;
      let opt = '';
      if (n <= 100) {
        const e = await solveWtaExact(inst, { clock, timeLimit: 10 });
        opt = e.status === 'optimal' ? `${((100 * (h.objective - e.objective)) / e.objective).toFixed(2)} %` : '?';
      }
      hrows.push([
        `${n}×${n} s${seed}`,
        g.objective.toFixed(3),
        tg.toFixed(3),
        h.objective.toFixed(3),
        th.toFixed(3),
        `${((100 * (g.objective - h.objective)) / g.objective).toFixed(2)} %`,
        `${h.stats.localSearchPasses}/${h.stats.exchanges}`,
        opt || '—',
      ]);
    }
  }
  table(['instance', 'greedy F', 'greedy s', 'heuristic F', 'heuristic s', 'better than greedy', 'passes/exchanges', 'above optimum'], hrows);
}
