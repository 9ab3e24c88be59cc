/**
 * Tracking performance metrics (scoring only: they read truth, the tracker never does).
 * Equations and sources: docs/models/tracking.md §Metrics.
 *
 *  - GOSPA (Rahmathullah, García-Fernández & Svensson, "Generalized optimal sub-pattern
 *    assignment metric", FUSION 2017), α = 2:
 *      GOSPA = ( min_γ Σ_{(i,j)∈γ} d_ij^p + c^p/2 · (|X| + |Y| − 2|γ|) )^{1/p},
 *    γ over assignments of truths to tracks with d_ij < c; parts in p-th power units:
 *    localisation Σ d^p, missed c^p/2·#missed, false c^p/2·#false (as Stone Soup reports them).
 *  - OSPA (Schuhmacher, Vo & Vo, IEEE TSP 56(8) 2008):
 *      OSPA = ( (min_π Σ min(d, c)^p + c^p·|n − m|) / max(m, n) )^{1/p}.
 *  - Track continuity from the per-scan GOSPA assignment: id changes (a truth's assigned track id
 *    differs from the one it last had), breaks (an assigned truth becomes unassigned while it
 *    still exists), track swaps (a track id moves to a different truth).
 *  - PCRLB for a linear-Gaussian system with P_D = 1 (Tichavský, Muravchik & Nehorai, IEEE TSP
 *    46(5) 1998, eq. 21 specialised to linear models): J₀ = P₀⁻¹ + HᵀR⁻¹H,
 *    J_{k+1} = (Q + F J_k⁻¹ Fᵀ)⁻¹ + HᵀR⁻¹H; the bound on the estimation covariance is J_k⁻¹.
 */
import { mat } from '../math/index.js';
import { solveDense } from './assignment.js';
import type { MeasurementModel, TransitionModel } from './types.js';

export interface GospaOptions {
  c: number;
  p: number;
  /** Only α = 2 is defined for the localisation/missed/false split. */
  alpha?: number;
}

export interface GospaResult {
  /** GOSPA distance (p-th root of the sum of the parts). */
  distance: number;
  /** Σ d^p over kept pairs. */
  localisation: number;
  /** c^p/2 per missed truth. */
  missed: number;
  /** c^p/2 per false track. */
  false: number;
  /** For each truth, the index of the track it is paired with (d < c), or −1. */
  truthToTrack: Int32Array;
}

function checkOptions(o: GospaOptions): void {
  if (!(o.c > 0) || !(o.p >= 1)) throw new RangeError(`GOSPA/OSPA need c > 0 and p ≥ 1, got c=${o.c}, p=${o.p}`);
  if (o.alpha !== undefined && o.alpha !== 2) throw new RangeError(`GOSPA is implemented for α = 2 only, got ${o.alpha}`);
}

/** Euclidean distances between rows of X (nx×d) and Y (ny×d). */
function distances(X: ArrayLike<number>, nx: number, Y: ArrayLike<number>, ny: number, d: number): Float64Array {
  const D = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const v = X[i * d + k] - Y[j * d + k];
        s += v * v;
      }
      D[i * ny + j] = Math.sqrt(s);
    }
  }
  return D;
}

/** Optimal pairing minimising Σ min(d, c)^p; returns truth → track (−1 if unpaired) and the sum. */
function cutoffAssignment(D: Float64Array, nx: number, ny: number, c: number, p: number): { rowAssign: Int32Array; total: number } {
  if (nx === 0 || ny === 0) return { rowAssign: new Int32Array(nx).fill(-1), total: 0 };
  const cp = Math.pow(c, p);
  const C = new Float64Array(nx * ny);
  for (let k = 0; k < nx * ny; k++) C[k] = D[k] >= c ? cp : Math.pow(D[k], p);
  return solveDense(C, nx, ny);
}

/**
 * GOSPA between truth positions X (nx × d, row-major) and track positions Y (ny × d).
 */
export function gospa(X: ArrayLike<number>, nx: number, Y: ArrayLike<number>, ny: number, d: number, o: GospaOptions): GospaResult {
  checkOptions(o);
  const { c, p } = o;
  const half = Math.pow(c, p) / 2;
  const D = distances(X, nx, Y, ny, d);
  const { rowAssign } = cutoffAssignment(D, nx, ny, c, p);
  const truthToTrack = new Int32Array(nx).fill(-1);
  let loc = 0;
  let kept = 0;
  for (let i = 0; i < nx; i++) {
    const j = rowAssign[i];
    if (j < 0) continue;
    const dij = D[i * ny + j];
    if (dij < c) {
      loc += Math.pow(dij, p);
      kept++;
      truthToTrack[i] = j;
    }
  }
  const missed = half * (nx - kept);
  const fals = half * (ny - kept);
  return { distance: Math.pow(loc + missed + fals, 1 / p), localisation: loc, missed, false: fals, truthToTrack };
}

/** OSPA between X (nx × d) and Y (ny × d); 0 when both are empty. */
export function ospa(X: ArrayLike<number>, nx: number, Y: ArrayLike<number>, ny: number, d: number, o: GospaOptions): number {
  checkOptions(o);
  const n = Math.max(nx, ny);
  if (n === 0) return 0;
  const { c, p } = o;
  if (nx === 0 || ny === 0) return c;
  const D = distances(X, nx, Y, ny, d);
  const { total } = cutoffAssignment(D, nx, ny, c, p);
  return Math.pow((total + Math.pow(c, p) * Math.abs(nx - ny)) / n, 1 / p);
}

/** Positions of the objects present at one scan, for scoring. */
export interface ScoredScan {
  /** Truth ids and positions (row-major, d per row). */
  truthIds: readonly string[];
  truth: Float64Array;
  /** Track ids and positions. */
  trackIds: ArrayLike<number>;
  tracks: Float64Array;
}

export interface ScanMetrics {
  gospa: number;
  localisation: number;
  missed: number;
  false: number;
  ospa: number;
  truths: number;
  tracks: number;
}

export interface SequenceMetrics {
  perScan: ScanMetrics[];
  meanGospa: number;
  meanLocalisation: number;
  meanMissed: number;
  meanFalse: number;
  meanOspa: number;
  /** Distinct confirmed track ids over the sequence. */
  trackCount: number;
  continuity: { idChanges: number; breaks: number; trackSwaps: number; meanTracksPerTruth: number };
}

/** GOSPA/OSPA per scan, their means over all scans, and track continuity. */
export function scoreSequence(scans: readonly ScoredScan[], d: number, o: GospaOptions): SequenceMetrics {
  const perScan: ScanMetrics[] = [];
  const lastTrackOfTruth = new Map<string, number>();
  const assignedLastScan = new Set<string>();
  const tracksOfTruth = new Map<string, Set<number>>();
  const lastTruthOfTrack = new Map<number, string>();
  const allTracks = new Set<number>();
  let idChanges = 0;
  let breaks = 0;
  let trackSwaps = 0;
  for (const s of scans) {
    const nx = s.truthIds.length;
    const ny = s.trackIds.length;
    for (let j = 0; j < ny; j++) allTracks.add(s.trackIds[j]);
    const g = gospa(s.truth, nx, s.tracks, ny, d, o);
    perScan.push({
      gospa: g.distance, localisation: g.localisation, missed: g.missed, false: g.false,
      ospa: ospa(s.truth, nx, s.tracks, ny, d, o), truths: nx, tracks: ny,
    });
    const present = new Set<string>();
    for (let i = 0; i < nx; i++) {
      const tid = s.truthIds[i];
      present.add(tid);
      const j = g.truthToTrack[i];
      if (j < 0) {
        if (assignedLastScan.has(tid)) breaks++;
        assignedLastScan.delete(tid);
        continue;
      }
      const trk = s.trackIds[j];
      const prev = lastTrackOfTruth.get(tid);
      if (prev !== undefined && prev !== trk) idChanges++;
      lastTrackOfTruth.set(tid, trk);
      assignedLastScan.add(tid);
      let set = tracksOfTruth.get(tid);
      if (!set) tracksOfTruth.set(tid, (set = new Set()));
      set.add(trk);
      const prevTruth = lastTruthOfTrack.get(trk);
      if (prevTruth !== undefined && prevTruth !== tid) trackSwaps++;
      lastTruthOfTrack.set(trk, tid);
    }
    for (const tid of [...assignedLastScan]) if (!present.has(tid)) assignedLastScan.delete(tid);
  }
  const mean = (f: (m: ScanMetrics) => number) => (perScan.length ? perScan.reduce((a, m) => a + f(m), 0) / perScan.length : 0);
  let tpt = 0;
  for (const set of tracksOfTruth.values()) tpt += set.size;
  return {
    perScan,
    meanGospa: mean((m) => m.gospa),
    meanLocalisation: mean((m) => m.localisation),
    meanMissed: mean((m) => m.missed),
    meanFalse: mean((m) => m.false),
    meanOspa: mean((m) => m.ospa),
    trackCount: allTracks.size,
    continuity: { idChanges, breaks, trackSwaps, meanTracksPerTruth: tracksOfTruth.size ? tpt / tracksOfTruth.size : 0 },
  };
}

export interface PcrlbInput {
  transition: TransitionModel;
  measurement: MeasurementModel;
  /** Measurement noise covariance (m×m). */
  R: ArrayLike<number>;
  /** Prior covariance of the initial state (n×n), before the first measurement. */
  P0: ArrayLike<number>;
  /** Times of the measurements (first at index 0). */
  times: readonly number[];
}

/**
 * Posterior Cramér–Rao lower bound for a linear-Gaussian system with a measurement at every
 * time: returns J_k⁻¹ (n×n) for each time. Uses math's SPD inverse (not a hot path).
 */
export function pcrlbLinearGaussian(input: PcrlbInput): Float64Array[] {
  const { transition: f, measurement: h, times } = input;
  if (!f.linear || !h.selection) throw new RangeError('pcrlbLinearGaussian needs linear transition and measurement models');
  const n = f.ndim;
  const m = h.mdim;
  const H = new Float64Array(m * n);
  h.jacobian(H, new Float64Array(n), 0);
  const Ri = mat.spdInverse(input.R, m);
  const HtRiH = mat.multiply(mat.multiplyAtB(H, Ri, n, m, m), H, n, m, n);
  const out: Float64Array[] = [];
  let J = mat.add(mat.spdInverse(input.P0, n), HtRiH, n, n);
  out.push(mat.spdInverse(J, n));
  const F = new Float64Array(n * n);
  const Q = new Float64Array(n * n);
  const zero = new Float64Array(n);
  for (let k = 1; k < times.length; k++) {
    const dt = times[k] - times[k - 1];
    f.jacobian(F, zero, 0, dt);
    f.covar(Q, dt, zero, 0);
    const Pprev = mat.spdInverse(J, n);
    const pred = mat.add(mat.multiplyABt(mat.multiply(F, Pprev, n, n, n), F, n, n, n), Q, n, n);
    J = mat.add(mat.spdInverse(mat.symmetrize(pred, n), n), HtRiH, n, n);
    out.push(mat.spdInverse(mat.symmetrize(J, n), n));
  }
  return out;
}
