/**
 * Maximum marginal return (MMR) greedy for the static WTA.
 *
 * Repeatedly fire the (weapon, target) pair with the largest decrease of F:
 *   gain(i, j) = s_j · p_ij − c_i,   s_j = V_j · Π_{weapons already on j} q_ij
 * and stop when no free weapon has a positive gain (it holds fire). den Broeder, Ellison &
 * Emerling ("On optimum target assignments", Operations Research 7(3), 1959) proved this greedy
 * optimal when p does not depend on the weapon (p_ij = p_j, c = 0); in general it is the standard
 * start for local search (Ahuja et al. 2007, §4).
 *
 * Implementation: each target keeps its best free weapon and gain; one step picks the best target
 * (O(T)), fires, and refreshes only the targets whose best weapon was just used and the target
 * just fired at. Without firing costs a target's best free weapon is simply its largest free p
 * (s_j is a common factor), so each target keeps a short list of its TOP weapons by p, built once,
 * and falls back to a full O(W) scan (on the target-major arrays) only when that list runs out.
 * Ties break to the lowest weapon index, so the result is deterministic.
 */
import type { WtaInstance } from './instance.js';
import { statusOf, wtaModel, wtaObjective, type WtaModel, type WtaResult } from './objective.js';

const TOP = 8;

/** MMR greedy on a prepared model; returns the assignment (−1 = hold fire). */
export function greedyAssignment(m: WtaModel): Int32Array {
  const { W, T, V, qT, feasT, c } = m;
  const a = new Int32Array(W).fill(-1);
  const used = new Uint8Array(W);
  const s = Float64Array.from(V);
  const bestW = new Int32Array(T);
  const bestGain = new Float64Array(T);
  const noCost = c.every((x) => x === 0);

  // Pure case: per target, its TOP free weapons by smallest q (largest p), ascending q.
  const topW = new Int32Array(noCost ? T * TOP : 0);
  const topN = new Int32Array(noCost ? T : 0);
  const topPos = new Int32Array(noCost ? T : 0);
  const fillTop = (j: number): void => {
    const base = j * W;
    const o = j * TOP;
    let n = 0;
    for (let i = 0; i < W; i++) {
      if (used[i] || feasT[base + i] === 0) continue;
      const x = qT[base + i];
      if (n === TOP && x >= qT[base + topW[o + n - 1]]) continue;
      let p = n < TOP ? n++ : TOP - 1;
      while (p > 0 && qT[base + topW[o + p - 1]] > x) {
        topW[o + p] = topW[o + p - 1];
        p--;
      }
      topW[o + p] = i;
    }
    topN[j] = n;
    topPos[j] = 0;
  };

  const rescan = (j: number): void => {
    const sj = s[j];
    const base = j * W;
    if (noCost) {
      // first free weapon of the list; refill when it runs out
      for (;;) {
        while (topPos[j] < topN[j] && used[topW[j * TOP + topPos[j]]]) topPos[j]++;
        if (topPos[j] < topN[j]) break;
        if (topN[j] < TOP) {
          topPos[j] = topN[j];
          break; // fewer than TOP free feasible weapons existed at the last fill and all are used
        }
        fillTop(j);
      }
      if (topPos[j] < topN[j]) {
        const i = topW[j * TOP + topPos[j]];
        const g = sj * (1 - qT[base + i]);
        bestW[j] = g > 0 ? i : -1;
        bestGain[j] = g > 0 ? g : 0;
      } else {
        bestW[j] = -1;
        bestGain[j] = 0;
      }
      return;
    }
    let bw = -1;
    let bg = 0; // only strictly positive gains fire
    for (let i = 0; i < W; i++) {
      if (used[i] || feasT[base + i] === 0) continue;
      const g = sj * (1 - qT[base + i]) - c[i];
      if (g > bg) {
        bg = g;
        bw = i;
      }
    }
    bestW[j] = bw;
    bestGain[j] = bg;
  };

  for (let j = 0; j < T; j++) {
    if (noCost) fillTop(j);
    rescan(j);
  }
  for (let step = 0; step < W; step++) {
    let jb = -1;
    let gb = 0;
    for (let j = 0; j < T; j++) {
      if (bestW[j] >= 0 && bestGain[j] > gb) {
        gb = bestGain[j];
        jb = j;
      }
    }
    if (jb < 0) break;
    const i = bestW[jb];
    a[i] = jb;
    used[i] = 1;
    s[jb] *= qT[jb * W + i];
    for (let j = 0; j < T; j++) if (j === jb || bestW[j] === i) rescan(j);
  }
  return a;
}

/** Greedy alone, as a solver result (no bound). */
export function solveWtaGreedy(inst: WtaInstance): WtaResult {
  const assignment = greedyAssignment(wtaModel(inst));
  const objective = wtaObjective(inst, assignment);
  return { assignment, objective, lowerBound: null, status: statusOf(objective, null), stats: { method: 'greedy', greedyObjective: objective } };
}
