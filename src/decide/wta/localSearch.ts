/**
 * Very large-scale neighborhood (VLSN) local search for the static WTA, after Ahuja, Kumar, Jha &
 * Orlin (2007, §5) and the multi-exchange framework of Ahuja, Orlin & Sharma ("Very large-scale
 * neighborhood search", International Transactions in OR 7, 2000; Thompson & Orlin 1989).
 *
 * Improvement graph. Nodes are the W weapons plus one "null weapon" (dummy) per target and one for
 * "hold fire". An arc x → y means: x joins y's target and y leaves it. Its cost is the exact change
 * of that target's term of F:
 *   x → y (weapon y on target t):   s_t^{−y} · q_xt − s_t + c_x − c_y
 *   x → dummy_t (nobody leaves t):  s_t · q_xt − s_t + c_x
 *   dummy → y (nobody joins t(y)):  s_t^{−y} − s_t − c_y
 * (s_t = V_t Π q over t's weapons, s_t^{−y} the same without y; hold fire has no cost and no
 * capacity.) A cycle whose heads lie on pairwise distinct targets (a "subset-disjoint" cycle) is
 * a feasible multi-exchange, and its cost is exactly the sum of its arc costs, because every target
 * in it gains one weapon and loses one. Cycles through a dummy are path exchanges (a target gains a
 * weapon without giving one, another loses one); 2-cycles are swaps and single moves. So moves,
 * swaps, ejection chains and cyclic exchanges are all negative subset-disjoint cycles.
 *
 * Search. Finding a most negative subset-disjoint cycle is NP-hard, so — like Ahuja et al. — we
 * use a label-correcting heuristic: Bellman–Ford-style levels k = 1..K, one label per node and
 * level (best cost, root, predecessor), started from every node at once; a label is kept only if
 * its cost is negative (by the cycle lemma every negative cycle has a rotation whose every prefix
 * is negative) and its path stays subset-disjoint; every label is tested for closing back to its
 * root. Each pass collects the negative cycles found, applies them most-negative first as long as
 * they touch no weapon or target already changed in this pass (their gains are then exact and add
 * up), and repeats until a pass finds nothing, the pass limit, or the deadline.
 *
 * All state lives in typed arrays; a pass allocates nothing.
 */
import type { WtaModel } from './objective.js';

export interface LocalSearchOptions {
  /** Longest exchange cycle, in arcs (≥ 2: 2-cycles are moves and swaps); default 4. */
  maxCycleLength?: number;
  /** Stop after this many passes (deterministic budget); default unlimited. */
  maxPasses?: number;
  /** Targets considered per weapon per pass (the best by current gain); default 24. */
  candidateTargets?: number;
  /** Checked between passes and levels; true stops the search (best found is kept). */
  expired?: () => boolean;
}

export interface LocalSearchStats {
  passes: number;
  exchanges: number;
}

/**
 * Improve `assignment` in place (−1 = hold fire) and return counts. The result is never worse
 * than the start: only negative-cost exchanges are applied.
 */
export function vlsnLocalSearch(m: WtaModel, assignment: Int32Array, opts: LocalSearchOptions = {}): LocalSearchStats {
  const { W, T, V, q, feasible, c } = m;
  const K = Math.max(2, Math.min(opts.maxCycleLength ?? 4, 12));
  const maxPasses = opts.maxPasses ?? Infinity;
  const expired = opts.expired ?? (() => false);
  const HOLD = T;
  const N = W + T + 1; // weapons, dummies 0..T−1, hold dummy

  // Target state: survival s_t = V_t · (zeros_t > 0 ? 0 : prodNZ_t), member lists.
  const tgt = new Int32Array(W);
  const s = new Float64Array(T + 1);
  const zeros = new Int32Array(T);
  const prodNZ = new Float64Array(T);
  const head = new Int32Array(T + 1).fill(-1);
  const next = new Int32Array(W).fill(-1);
  const prev = new Int32Array(W).fill(-1);
  let cMax = 0;
  for (let i = 0; i < W; i++) if (c[i] > cMax) cMax = c[i];
  let scale = 1;
  for (let t = 0; t < T; t++) scale += V[t];
  for (let i = 0; i < W; i++) scale += c[i];
  const EPS = 1e-12 * scale;

  const link = (i: number, t: number): void => {
    tgt[i] = t;
    prev[i] = -1;
    next[i] = head[t];
    if (head[t] >= 0) prev[head[t]] = i;
    head[t] = i;
  };
  const unlink = (i: number): void => {
    const t = tgt[i];
    if (prev[i] >= 0) next[prev[i]] = next[i];
    else head[t] = next[i];
    if (next[i] >= 0) prev[next[i]] = prev[i];
    next[i] = prev[i] = -1;
  };
  /** Recompute target t's survival from its member list (exact, no drift from divisions). */
  const refresh = (t: number): void => {
    let z = 0;
    let p = 1;
    for (let i = head[t]; i >= 0; i = next[i]) {
      const x = q[i * T + t];
      if (x === 0) z++;
      else p *= x;
    }
    zeros[t] = z;
    prodNZ[t] = p;
    s[t] = z > 0 ? 0 : V[t] * p;
  };
  for (let i = 0; i < W; i++) link(i, assignment[i] < 0 ? HOLD : assignment[i]);
  for (let t = 0; t < T; t++) refresh(t);

  /** s_t without weapon y (y on real target t). */
  const without = (t: number, y: number): number => {
    const x = q[y * T + t];
    if (x === 0) return zeros[t] > 1 ? 0 : V[t] * prodNZ[t];
    return zeros[t] > 0 ? 0 : (V[t] * prodNZ[t]) / x;
  };
  const nodeTarget = (n: number): number => (n < W ? tgt[n] : n - W);
  /** Cost of arc x → y (Infinity when it does not exist). */
  const arcCost = (x: number, y: number): number => {
    if (x === y || (x >= W && y >= W)) return Infinity;
    const t = nodeTarget(y);
    if (t === HOLD) return 0;
    let base: number;
    let cost: number;
    if (y < W) {
      base = without(t, y);
      cost = -c[y];
    } else {
      base = s[t];
      cost = 0;
    }
    if (x < W) {
      if (feasible[x * T + t] === 0) return Infinity;
      base *= q[x * T + t];
      cost += c[x];
    }
    return base - s[t] + cost;
  };

  // Candidate targets per weapon, rebuilt each pass: the L/2 targets with the most negative
  // "replace" arc x → y (x takes a weapon's place: swaps, cycles) and the L/2 with the most
  // negative "join" arc x → dummy_t (x adds to t: moves, path ends), merged. Ranking by one
  // list only would let the always-negative join arcs crowd out the replace arcs. With T ≤ L
  // every feasible target is a candidate, i.e. no restriction.
  const L = Math.min(T, Math.max(2, opts.candidateTargets ?? 24));
  const L2 = Math.max(1, L >> 1);
  const candT = new Int32Array(W * L);
  const candN = new Int32Array(W);
  const topJ = new Int32Array(L2);
  const topJg = new Float64Array(L2);
  const topR = new Int32Array(L2);
  const topRg = new Float64Array(L2);
  const seen = new Int32Array(T).fill(-1);
  // Per-target minimum of s_t without one of its weapons, and the largest firing cost there: the
  // replace arcs x → y into t are ranked by their lower bound q_xt·minWithout_t − s_t + c_x −
  // maxCost_t (exact when c = 0). Written inline: this loop is W×T per pass.
  const minWithout = new Float64Array(T);
  const maxCostAt = new Float64Array(T);
  const buildCandidates = (): void => {
    for (let t = 0; t < T; t++) {
      let mw = Infinity;
      let mc = 0;
      for (let y = head[t]; y >= 0; y = next[y]) {
        const w = without(t, y);
        if (w < mw) mw = w;
        if (c[y] > mc) mc = c[y];
      }
      minWithout[t] = mw;
      maxCostAt[t] = mc;
    }
    for (let x = 0; x < W; x++) {
      const row = x * T;
      const own = tgt[x];
      if (L === T) {
        let n = 0;
        for (let t = 0; t < T; t++) if (feasible[row + t] !== 0 && t !== own) candT[x * L + n++] = t;
        candN[x] = n;
        continue;
      }
      let nJ = 0;
      let nR = 0;
      const cx = c[x];
      for (let t = 0; t < T; t++) {
        if (feasible[row + t] === 0 || t === own) continue;
        const qx = q[row + t];
        const st = s[t];
        const gJ = st * (qx - 1) + cx;
        if (nJ < L2 || gJ < topJg[nJ - 1]) {
          let p = nJ < L2 ? nJ++ : L2 - 1;
          while (p > 0 && topJg[p - 1] > gJ) {
            topJg[p] = topJg[p - 1];
            topJ[p] = topJ[p - 1];
            p--;
          }
          topJg[p] = gJ;
          topJ[p] = t;
        }
        const mw = minWithout[t];
        if (mw === Infinity) continue;
        const gR = qx * mw - st + cx - maxCostAt[t];
        if (nR < L2 || gR < topRg[nR - 1]) {
          let p = nR < L2 ? nR++ : L2 - 1;
          while (p > 0 && topRg[p - 1] > gR) {
            topRg[p] = topRg[p - 1];
            topR[p] = topR[p - 1];
            p--;
          }
          topRg[p] = gR;
          topR[p] = t;
        }
      }
      let n = 0;
      for (let m = 0; m < nR; m++) {
        candT[x * L + n++] = topR[m];
        seen[topR[m]] = x;
      }
      for (let m = 0; m < nJ && n < L; m++) if (seen[topJ[m]] !== x) candT[x * L + n++] = topJ[m];
      candN[x] = n;
    }
  };
  // Weapons by increasing removal cost (dummy → y arcs), rebuilt each pass.
  const removal = new Float64Array(W);
  const byRemoval = new Int32Array(W);

  // Labels per level k = 0..K: cost, root, predecessor (node at level k−1).
  const LN = (K + 1) * N;
  const dist = new Float64Array(LN);
  const root = new Int32Array(LN);
  const pred = new Int32Array(LN);
  // Negative cycles found in a pass: total cost, and the path (level, node x) closed by x → y → root.
  const CAP = 8 * N;
  let candCost = new Float64Array(CAP);
  let candLevel = new Int32Array(CAP);
  let candX = new Int32Array(CAP);
  let candY = new Int32Array(CAP);
  let nCand = 0;
  const order = new Int32Array(CAP);
  const touchedT = new Uint8Array(T + 1);
  const touchedW = new Uint8Array(W);
  const cycleNodes = new Int32Array(K + 2);
  const newTarget = new Int32Array(K + 2);

  /** Is y a valid extension of the path ending at (level k, node x)? Subset-disjoint and simple. */
  const canExtend = (k: number, x: number, y: number): boolean => {
    const ty = nodeTarget(y);
    let n = x;
    for (let l = k; l >= 0; l--) {
      if (n === y) return false;
      if (ty !== HOLD && nodeTarget(n) === ty) return false;
      n = pred[l * N + n];
    }
    return true;
  };
  const keepBestHalf = (): void => {
    const idx = Array.from({ length: nCand }, (_, i) => i).sort((a, b) => candCost[a] - candCost[b] || a - b);
    const keep = idx.slice(0, CAP >> 1);
    const c2 = new Float64Array(CAP), l2 = new Int32Array(CAP), x2 = new Int32Array(CAP), y2 = new Int32Array(CAP);
    keep.forEach((o, n) => {
      c2[n] = candCost[o];
      l2[n] = candLevel[o];
      x2[n] = candX[o];
      y2[n] = candY[o];
    });
    candCost = c2;
    candLevel = l2;
    candX = x2;
    candY = y2;
    nCand = keep.length;
  };
  /**
   * Consider arc x → y extending the label of x at level k−1 (cost dx, root r): test the cycle
   * closed by y → r, and keep (y, level k) if it is y's best label so far.
   */
  const relax = (k: number, x: number, y: number, dx: number, r: number): void => {
    if (y === r) return;
    const d = dx + arcCost(x, y);
    if (!(d < -EPS)) return;
    const base = k * N;
    const closing = d + arcCost(y, r);
    const better = d < dist[base + y];
    if (!(closing < -EPS) && !better) return;
    if (!canExtend(k - 1, x, y)) return;
    if (closing < -EPS) {
      if (nCand === CAP) keepBestHalf();
      candCost[nCand] = closing;
      candLevel[nCand] = k - 1;
      candX[nCand] = x;
      candY[nCand] = y;
      nCand++;
    }
    if (better && k < K) {
      dist[base + y] = d;
      root[base + y] = r;
      pred[base + y] = x;
    }
  };

  let passes = 0;
  let exchanges = 0;
  while (passes < maxPasses && !expired()) {
    passes++;
    buildCandidates();
    for (let y = 0; y < W; y++) {
      const t = tgt[y];
      removal[y] = t === HOLD ? 0 : without(t, y) - s[t] - c[y];
      byRemoval[y] = y;
    }
    byRemoval.sort((a, b) => removal[a] - removal[b] || a - b);
    dist.fill(Infinity);
    for (let n = 0; n < N; n++) {
      dist[n] = 0;
      root[n] = n;
      pred[n] = -1;
    }
    nCand = 0;
    for (let k = 1; k <= K; k++) {
      const prevBase = (k - 1) * N;
      let labels = 0;
      let out = false;
      for (let x = 0; x < N; x++) {
        if ((x & 255) === 255 && expired()) {
          out = true; // out of time: apply what this pass found so far
          break;
        }
        const dx = dist[prevBase + x];
        if (!(dx <= 0) || (k > 1 && dx >= -EPS)) continue;
        labels++;
        const r = root[prevBase + x];
        if (x < W) {
          // x joins a candidate target t, replacing a weapon y there or nobody (dummy_t) …
          const nc = candN[x];
          for (let m = 0; m < nc; m++) {
            const t = candT[x * L + m];
            // lower bound of any arc into t: −s_t + c_x − cMax
            if (dx - s[t] + c[x] - cMax >= -EPS) continue;
            for (let y = head[t]; y >= 0; y = next[y]) relax(k, x, y, dx, r);
            relax(k, x, W + t, dx, r);
          }
          // … or stops firing (joins hold), letting a held weapon y go or nobody.
          for (let y = head[HOLD]; y >= 0; y = next[y]) relax(k, x, y, dx, r);
          relax(k, x, W + HOLD, dx, r);
        } else {
          // Dummy: nobody joins y's target, y leaves it — cheapest removals first.
          for (let m = 0; m < W; m++) {
            const y = byRemoval[m];
            if (dx + removal[y] >= -EPS) break;
            relax(k, x, y, dx, r);
          }
        }
      }
      if (labels === 0 || out || expired()) break;
    }
    if (nCand === 0) break;

    // Apply non-overlapping cycles, most negative first.
    for (let n = 0; n < nCand; n++) order[n] = n;
    const ord = order.subarray(0, nCand);
    ord.sort((a, b) => candCost[a] - candCost[b] || a - b);
    touchedT.fill(0);
    touchedW.fill(0);
    let applied = 0;
    for (let idx = 0; idx < nCand; idx++) {
      const cnd = ord[idx];
      const kx = candLevel[cnd];
      // Reconstruct x_0 → … → x_kx (= candX) → y (→ x_0).
      let n = candX[cnd];
      for (let l = kx; l >= 0; l--) {
        cycleNodes[l] = n;
        n = pred[l * N + n];
      }
      cycleNodes[kx + 1] = candY[cnd];
      const len = kx + 2;
      let clash = false;
      for (let l = 0; l < len && !clash; l++) {
        const v = cycleNodes[l];
        const t = nodeTarget(v);
        if (v < W && touchedW[v]) clash = true;
        if (t !== HOLD && touchedT[t]) clash = true;
      }
      if (clash) continue;
      // Recheck the cost on the current state (unchanged for an untouched cycle; cheap insurance).
      let total = 0;
      for (let l = 0; l < len; l++) total += arcCost(cycleNodes[l], cycleNodes[(l + 1) % len]);
      if (!(total < -EPS)) continue;
      for (let l = 0; l < len; l++) newTarget[l] = nodeTarget(cycleNodes[(l + 1) % len]);
      for (let l = 0; l < len; l++) {
        const v = cycleNodes[l];
        const t = nodeTarget(v);
        if (t !== HOLD) touchedT[t] = 1;
        if (v < W) touchedW[v] = 1;
      }
      for (let l = 0; l < len; l++) {
        const v = cycleNodes[l];
        if (v >= W) continue;
        unlink(v);
        link(v, newTarget[l]);
      }
      for (let l = 0; l < len; l++) {
        const t = newTarget[l];
        if (t !== HOLD) refresh(t);
      }
      applied++;
    }
    exchanges += applied;
    if (applied === 0) break;
  }
  for (let i = 0; i < W; i++) assignment[i] = tgt[i] === HOLD ? -1 : tgt[i];
  return { passes, exchanges };

}
