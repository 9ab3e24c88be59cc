/**
 * Track-to-track fusion of allied (remote) tracks into a force's local picture
 * (docs/models/tracking.md, "Track-to-track fusion"). Each allied force runs its own tracker on
 * its own sensors and reports its confirmed tracks over a data link with latency; the receiver
 * fuses those reports with its local tracks:
 *
 * 1. Latency compensation — a report made at the remote track's time t_r (received at
 *    t_r + latency) is predicted to the fusion time t_f (the tick's time; local tracks of the
 *    picture tracker are already at t_f), with the nearly-constant-velocity model
 *    (white acceleration, spectral density q; Bar-Shalom, Li & Kirubarajan 2001, §6.3.2):
 *      x⁻ = F x,  P⁻ = F P Fᵀ + Q,  F = [I  τI; 0  I],
 *      Q = q [τ³/3·I  τ²/2·I; τ²/2·I  τ·I],  τ = t_f − t_r.
 *    The mean is exact for a constant-velocity target. Default q = 100 m²/s³ (a few g of
 *    unmodelled manoeuvre over a report interval: the picture tracker's `air` value).
 * 2. Association — the χ² test of the hypothesis that two estimates are of one target on their
 *    difference Δ = x_l − x_r (Bar-Shalom 1981; Bar-Shalom et al. 2001 §8.6):
 *      d² = Δᵀ (P_l + P_r)⁻¹ Δ ≤ γ = χ²₆(P_G).
 *    The cross-covariance P_lr of the two forces' errors is unknown (common process noise, shared
 *    geometry) and IGNORED in the gate: with positive correlation the true covariance of Δ is
 *    P_l + P_r − P_lr − P_lrᵀ ⪯ P_l + P_r, so ignoring it only widens the gate (conservative).
 *    Pairs are chosen by optimal assignment (Jonker–Volgenant, ./assignment.ts) on cost d², each
 *    remote track having a "no partner" option at cost γ, one remote force at a time. A pairing
 *    is remembered: a remote track once paired with a fused track keeps it while the gate holds
 *    (track-number continuity through crossings), before any new assignment is made.
 * 3. Fusion — covariance intersection (Julier & Uhlmann, "A non-divergent estimation algorithm in
 *    the presence of unknown correlations", ACC 1997):
 *      P⁻¹ = ω P_a⁻¹ + (1 − ω) P_b⁻¹,   x = P (ω P_a⁻¹ x_a + (1 − ω) P_b⁻¹ x_b),   ω ∈ [0, 1],
 *    consistent (P ⪰ true error covariance) for ANY cross-correlation. ω minimises det P (default;
 *    invariant to the units of position vs velocity, which the trace is not) or tr P: ln det of
 *    the information matrix is concave in ω and tr P convex, so a golden-section search on [0, 1]
 *    finds the optimum (endpoints included).
 * 4. Remote tracks with no local partner enter the fused picture as their own tracks, with a stable
 *    id `<force>-R<n>` of the receiving force, the remote sensors and status `confirmed`, predicted
 *    to t_f like the rest of the picture. Reports older than `maxReportAge` (t_f − t_r) are stale
 *    and dropped. (Which reports a receiver still holds between messages — complete vs partial
 *    reports, explicit drops, staleness since the last refresh — is `RemoteTrackStore`'s job.)
 * A later remote force (in id order) is associated against the local tracks AND the remote-only
 * tracks admitted before it, so two allies' tracks of a target the receiver does not see are one
 * fused track, not two.
 */
import { chiSquareQuantile } from '../math/index.js';
import { choleskyInto, choleskyInverseInto, invQuadFormFromCholesky, logDetFromCholesky } from '../math/matrix.js';
import { AssignmentSolver } from './assignment.js';
import type { PictureTrack } from './picture.js';

/** A remote force's track as received over a data link. */
export interface RemoteTrackReport {
  /** The reporting force. */
  force: string;
  /** The reporting force's track (its id, its time `t`, state and covariance). */
  track: PictureTrack;
  /** Time the report was sent and delivered (s since epoch). */
  sent: number;
  delivered: number;
}

/**
 * One track report message of a data link (sim/datalink.ts): the sender's tracks it carries (at
 * most its track capacity), the ids of the tracks it dropped recently, and whether it carries the
 * sender's whole confirmed picture.
 */
export interface RemoteTrackBatch {
  tracks: RemoteTrackReport[];
  /** Ids (in the sender's picture) of tracks the sender deleted: receivers drop them at once. */
  dropped: string[];
  /** The report is the sender's whole confirmed picture: a track absent from it was dropped. */
  complete: boolean;
}

/**
 * What a receiver holds of its partners' tracks between reports (docs/models/battle-management.md,
 * "Data links"): per sender, the latest report of each of its tracks and the receiver time it was
 * last refreshed. A complete report replaces the sender's tracks whole (absent ⇒ dropped); a
 * partial one (capacity-limited) refreshes the tracks it carries and removes its `dropped` ids,
 * leaving the others as they were — a track not carried (or a lost report) is "no news". `prune`
 * drops a track that no report has refreshed for the sender's `staleAfter` seconds:
 *   dropped at the first receiver time t with t − t_refresh ≥ staleAfter.
 * The fuser extrapolates a held report from its track time to the fusion time (NCV), as for any report.
 */
export class RemoteTrackStore {
  private readonly bySender = new Map<string, { staleAfter: number; tracks: Map<string, { report: RemoteTrackReport; refreshed: number }> }>();

  /** Apply a track report of `from` acted on at receiver time t (staleAfter: the sender's, s). */
  receive(from: string, batch: RemoteTrackBatch, t: number, staleAfter: number): void {
    if (!(staleAfter > 0)) throw new RangeError(`RemoteTrackStore: staleAfter must be > 0 (got ${staleAfter})`);
    let s = this.bySender.get(from);
    if (!s) {
      s = { staleAfter, tracks: new Map() };
      this.bySender.set(from, s);
    }
    s.staleAfter = staleAfter;
    if (batch.complete) s.tracks.clear();
    else for (const id of batch.dropped) s.tracks.delete(id);
    for (const r of batch.tracks) s.tracks.set(r.track.id, { report: r, refreshed: t });
  }

  /** Drop remote tracks not refreshed for their sender's staleAfter by time t; returns how many. */
  prune(t: number): number {
    let n = 0;
    for (const s of this.bySender.values()) {
      for (const [id, e] of s.tracks) {
        if (t - e.refreshed >= s.staleAfter - 1e-9) {
          s.tracks.delete(id);
          n++;
        }
      }
    }
    return n;
  }

  /** The reports held, by sender (first-received order) then in the order they were stored. */
  reports(): RemoteTrackReport[] {
    const out: RemoteTrackReport[] = [];
    for (const s of this.bySender.values()) for (const e of s.tracks.values()) out.push(e.report);
    return out;
  }

  /** Ids of the tracks held from one sender (in storage order). */
  heldFrom(from: string): string[] {
    return [...(this.bySender.get(from)?.tracks.keys() ?? [])];
  }
}

export interface TrackFuserOptions {
  /** The receiving force: remote-only tracks are named `<force>-R<n>`. */
  force: string;
  /** Gate probability P_G of the 6-dof χ² track-to-track test. Default 0.999 (γ ≈ 22.46). */
  gateProbability?: number;
  /** NCV white-acceleration spectral density q (m²/s³) of the latency compensation. Default 100. */
  processNoise?: number;
  /** Reports older than this (fusion time − track time, s) are stale and dropped. Default 60 s:
   *  as long as a force's own tracker coasts a track without an update (maxCoastTime). */
  maxReportAge?: number;
  /** What ω minimises: 'determinant' (default) or 'trace' of the fused covariance. */
  criterion?: CiCriterion;
}

export type CiCriterion = 'determinant' | 'trace';

/** Default q (m²/s³), gate probability and staleness limit (s) of `TrackFuser`. */
export const FUSION_DEFAULTS = { processNoise: 100, gateProbability: 0.999, maxReportAge: 60 } as const;

const N = 6;
const NN = N * N;

/**
 * NCV prediction in place of a 6-state [r, v] mean and its 6×6 covariance over τ ≥ 0 s with
 * white-acceleration spectral density q (m²/s³): x ← F x, P ← F P Fᵀ + Q (see the file header).
 * Extra state entries (acceleration) beyond the first six are not touched.
 */
export function predictNcvInPlace(x: Float64Array, P: Float64Array, tau: number, q: number): void {
  if (!(tau >= 0)) throw new RangeError(`predictNcvInPlace: τ must be ≥ 0 (got ${tau})`);
  if (tau === 0) return;
  for (let i = 0; i < 3; i++) x[i] = x[i]! + tau * x[i + 3]!;
  // F P Fᵀ with F = [I τI; 0 I]: P_rr += τ(P_rv + P_vr) + τ² P_vv; P_rv += τ P_vv; P_vr += τ P_vv.
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const rr = i * N + j, rv = i * N + j + 3, vr = (i + 3) * N + j, vv = (i + 3) * N + j + 3;
      const pvv = P[vv]!;
      P[rr] = P[rr]! + tau * (P[rv]! + P[vr]!) + tau * tau * pvv;
      P[rv] = P[rv]! + tau * pvv;
      P[vr] = P[vr]! + tau * pvv;
    }
  }
  const q3 = (q * tau * tau * tau) / 3, q2 = (q * tau * tau) / 2, q1 = q * tau;
  for (let i = 0; i < 3; i++) {
    P[i * N + i] = P[i * N + i]! + q3;
    P[i * N + i + 3] = P[i * N + i + 3]! + q2;
    P[(i + 3) * N + i] = P[(i + 3) * N + i]! + q2;
    P[(i + 3) * N + i + 3] = P[(i + 3) * N + i + 3]! + q1;
  }
}

export interface CovarianceIntersection {
  /** Weight of the first estimate. */
  omega: number;
  x: Float64Array;
  P: Float64Array;
}

/**
 * Covariance intersection of two n-dimensional estimates (x_a, P_a), (x_b, P_b) with unknown
 * cross-correlation (Julier & Uhlmann 1997): ω ∈ [0, 1] minimising det P (or tr P) by golden-section
 * search — the objective is unimodal in ω (ln det(ωI_a + (1−ω)I_b) is concave, tr of its inverse
 * convex). Throws RangeError if a covariance is not positive definite. Allocates; for tests and
 * the occasional caller — `TrackFuser` uses the scratch-buffer form.
 */
export function covarianceIntersection(
  xa: ArrayLike<number>, Pa: ArrayLike<number>, xb: ArrayLike<number>, Pb: ArrayLike<number>, n: number,
  criterion: CiCriterion = 'determinant',
): CovarianceIntersection {
  const w = new CiWorkspace(n);
  const x = new Float64Array(n);
  const P = new Float64Array(n * n);
  const omega = w.fuse(xa, Pa, xb, Pb, criterion, x, P);
  if (Number.isNaN(omega)) throw new RangeError('covarianceIntersection: a covariance is not symmetric positive definite');
  return { omega, x, P };
}

/** Golden-section tolerance on ω. */
const OMEGA_TOL = 1e-9;
const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Scratch buffers for covariance intersection of n-dimensional estimates (no allocation per call). */
class CiWorkspace {
  private readonly Ia: Float64Array;
  private readonly Ib: Float64Array;
  private readonly M: Float64Array;
  private readonly L: Float64Array;
  private readonly y: Float64Array;
  constructor(private readonly n: number) {
    this.Ia = new Float64Array(n * n);
    this.Ib = new Float64Array(n * n);
    this.M = new Float64Array(n * n);
    this.L = new Float64Array(n * n);
    this.y = new Float64Array(n);
  }

  /** Objective to MINIMISE at ω: −ln det(ωI_a + (1−ω)I_b) (= ln det P) or tr P. +∞ if singular. */
  private objective(omega: number, criterion: CiCriterion): number {
    const { n, Ia, Ib, M, L } = this;
    for (let k = 0; k < n * n; k++) M[k] = omega * Ia[k]! + (1 - omega) * Ib[k]!;
    if (!choleskyInto(L, M, n)) return Infinity;
    if (criterion === 'determinant') return -logDetFromCholesky(L, n);
    choleskyInverseInto(M, L, n);
    let tr = 0;
    for (let i = 0; i < n; i++) tr += M[i * n + i]!;
    return tr;
  }

  /** Writes the fused x, P; returns ω, or NaN if P_a or P_b is not SPD. */
  fuse(
    xa: ArrayLike<number>, Pa: ArrayLike<number>, xb: ArrayLike<number>, Pb: ArrayLike<number>, criterion: CiCriterion,
    x: Float64Array, P: Float64Array,
  ): number {
    const { n, Ia, Ib, M, L, y } = this;
    if (!choleskyInto(L, Pa, n)) return NaN;
    choleskyInverseInto(Ia, L, n);
    if (!choleskyInto(L, Pb, n)) return NaN;
    choleskyInverseInto(Ib, L, n);
    // Golden-section search on [0, 1] (Kiefer 1953); endpoints compared at the end.
    let a = 0, b = 1;
    let c = b - INV_PHI * (b - a), d = a + INV_PHI * (b - a);
    let fc = this.objective(c, criterion), fd = this.objective(d, criterion);
    while (b - a > OMEGA_TOL) {
      if (fc <= fd) {
        b = d; d = c; fd = fc;
        c = b - INV_PHI * (b - a);
        fc = this.objective(c, criterion);
      } else {
        a = c; c = d; fc = fd;
        d = a + INV_PHI * (b - a);
        fd = this.objective(d, criterion);
      }
    }
    let omega = (a + b) / 2;
    let best = this.objective(omega, criterion);
    for (const e of [0, 1]) {
      const f = this.objective(e, criterion);
      if (f < best) { best = f; omega = e; }
    }
    // P = (ωI_a + (1−ω)I_b)⁻¹;  x = P (ω I_a x_a + (1−ω) I_b x_b).
    for (let k = 0; k < n * n; k++) M[k] = omega * Ia[k]! + (1 - omega) * Ib[k]!;
    if (!choleskyInto(L, M, n)) return NaN;
    choleskyInverseInto(P, L, n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += omega * Ia[i * n + k]! * xa[k]! + (1 - omega) * Ib[i * n + k]! * xb[k]!;
      y[i] = s;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += P[i * n + k]! * y[k]!;
      x[i] = s;
    }
    return omega;
  }
}

/** One entry of the fused picture while it is being built. */
interface Candidate {
  id: string;
  track: PictureTrack;
  /** Remote-only (an `R` track). */
  remoteOnly: boolean;
}

/**
 * A force's track-to-track fusion (see the file header). Stateful only for track-number
 * continuity: the remembered pairing (remote force, remote track) → fused track id, and the
 * counter of `R` ids. Deterministic: inputs are processed in the order given, remote forces in id
 * order, reports in track-id order.
 */
export class TrackFuser {
  readonly force: string;
  readonly gate: number;
  readonly processNoise: number;
  readonly maxReportAge: number;
  readonly criterion: CiCriterion;
  private readonly memory = new Map<string, string>();
  /**
   * Remote-only fused ids of reports that are gone, and when they went: a report of the same remote
   * track that comes back within `maxReportAge` (a capacity-limited or lossy link let it go stale)
   * takes its old id back instead of a new one — the same object, the same track for the battle
   * manager and for the picture's continuity.
   */
  private readonly departed = new Map<string, { id: string; gone: number }>();
  private nextRemoteId = 0;
  private readonly ci = new CiWorkspace(N);
  private readonly solver = new AssignmentSolver();
  // Scratch for the gate (no allocation per pair).
  private readonly xa = new Float64Array(N);
  private readonly Pa = new Float64Array(NN);
  private readonly xb = new Float64Array(N);
  private readonly Pb = new Float64Array(NN);
  private readonly S = new Float64Array(NN);
  private readonly L = new Float64Array(NN);
  private readonly diff = new Float64Array(N);
  private readonly tmp = new Float64Array(N);

  constructor(o: TrackFuserOptions) {
    if (typeof o.force !== 'string' || o.force.length === 0) throw new RangeError('TrackFuser: force must be a non-empty string');
    const pg = o.gateProbability ?? FUSION_DEFAULTS.gateProbability;
    if (!(pg > 0 && pg < 1)) throw new RangeError(`TrackFuser: gateProbability must be in (0, 1) (got ${pg})`);
    const q = o.processNoise ?? FUSION_DEFAULTS.processNoise;
    if (!(q >= 0)) throw new RangeError(`TrackFuser: processNoise must be ≥ 0 (got ${q})`);
    const age = o.maxReportAge ?? FUSION_DEFAULTS.maxReportAge;
    if (!(age >= 0)) throw new RangeError(`TrackFuser: maxReportAge must be ≥ 0 (got ${age})`);
    this.force = o.force;
    this.gate = chiSquareQuantile(pg, N);
    this.processNoise = q;
    this.maxReportAge = age;
    this.criterion = o.criterion ?? 'determinant';
  }

  /**
   * The fused picture at time t: `local` (this force's own tracks, returned unchanged when they have
   * no remote partner) fused with the latest `remote` reports. Tentative local tracks pass through
   * untouched and take part in no association.
   */
  fuse(t: number, local: readonly PictureTrack[], remote: readonly RemoteTrackReport[]): PictureTrack[] {
    for (const [k, d] of [...this.departed]) if (t - d.gone > this.maxReportAge) this.departed.delete(k);
    const candidates: Candidate[] = local.map((track) => ({ id: track.id, track, remoteOnly: false }));
    const byForce = new Map<string, RemoteTrackReport[]>();
    for (const r of remote) {
      if (r.track.state.length < N || t - r.track.t > this.maxReportAge) continue;
      const list = byForce.get(r.force) ?? [];
      list.push(r);
      byForce.set(r.force, list);
    }
    const seen = new Set<string>();
    for (const force of [...byForce.keys()].sort()) {
      const reports = byForce.get(force)!.sort((a, b) => (a.track.id < b.track.id ? -1 : a.track.id > b.track.id ? 1 : 0));
      this.fuseForce(t, force, reports, candidates, seen);
    }
    for (const [k, id] of [...this.memory]) {
      if (seen.has(k)) continue;
      this.memory.delete(k);
      if (id.startsWith(`${this.force}-R`)) this.departed.set(k, { id, gone: t });
    }
    return candidates.map((c) => c.track);
  }

  /** The fused track id a remote force's track maps to (after the latest `fuse`), if any. */
  localIdOf(remoteForce: string, remoteTrackId: string): string | undefined {
    return this.memory.get(key(remoteForce, remoteTrackId));
  }

  /**
   * The remote tracks fused into a track of the latest fused picture (after the latest `fuse`), in
   * (force, track) order — what an ally needs to map this force's track id into its own picture.
   */
  sourcesOf(fusedId: string): { force: string; track: string }[] {
    const out: { force: string; track: string }[] = [];
    for (const [k, id] of this.memory) {
      if (id !== fusedId) continue;
      const [force, track] = k.split('\u0000') as [string, string];
      out.push({ force, track });
    }
    return out.sort((a, b) => (a.force < b.force ? -1 : a.force > b.force ? 1 : a.track < b.track ? -1 : a.track > b.track ? 1 : 0));
  }

  /** d² of the track-to-track test at the fusion time, or +∞ outside the gate / not SPD. */
  private distance(tf: number, c: PictureTrack, r: PictureTrack): number {
    if (c.status === 'tentative' || c.state.length < N) return Infinity;
    this.load(c, tf, this.xa, this.Pa);
    this.load(r, tf, this.xb, this.Pb);
    for (let k = 0; k < NN; k++) this.S[k] = this.Pa[k]! + this.Pb[k]!;
    if (!choleskyInto(this.L, this.S, N)) return Infinity;
    for (let i = 0; i < N; i++) this.diff[i] = this.xa[i]! - this.xb[i]!;
    const d2 = invQuadFormFromCholesky(this.L, this.diff, N, this.tmp);
    return d2 <= this.gate ? d2 : Infinity;
  }

  /** Copy a track's [r, v] and its 6×6 covariance block into x, P, predicted to tf. */
  private load(p: PictureTrack, tf: number, x: Float64Array, P: Float64Array): void {
    const n = p.state.length;
    for (let i = 0; i < N; i++) {
      x[i] = p.state[i]!;
      for (let j = 0; j < N; j++) P[i * N + j] = p.covariance[i * n + j]!;
    }
    predictNcvInPlace(x, P, Math.max(0, tf - p.t), this.processNoise);
  }

  private fuseForce(tf: number, force: string, reports: RemoteTrackReport[], candidates: Candidate[], seen: Set<string>): void {
    const nr = reports.length;
    const assigned = new Int32Array(nr).fill(-1);
    const taken = new Uint8Array(candidates.length);
    const index = new Map(candidates.map((c, j) => [c.id, j]));
    // 1. Remembered pairings that still pass the gate.
    for (let i = 0; i < nr; i++) {
      const m = this.memory.get(key(force, reports[i]!.track.id));
      const j = m === undefined ? undefined : index.get(m);
      if (j === undefined || taken[j]) continue;
      if (Number.isFinite(this.distance(tf, candidates[j]!.track, reports[i]!.track))) {
        assigned[i] = j;
        taken[j] = 1;
      }
    }
    // 2. Optimal assignment of the rest: gated pairs at cost d², a private "no partner" column per
    //    row at cost γ (so a row always has a feasible choice).
    const rows: number[] = [];
    const rowStart: number[] = [0];
    const cols: number[] = [];
    const costs: number[] = [];
    const nc = candidates.length;
    for (let i = 0; i < nr; i++) {
      if (assigned[i]! >= 0) continue;
      const r = reports[i]!.track;
      let any = false;
      for (let j = 0; j < nc; j++) {
        if (taken[j]) continue;
        const d2 = this.distance(tf, candidates[j]!.track, r);
        if (!Number.isFinite(d2)) continue;
        cols.push(j);
        costs.push(d2);
        any = true;
      }
      if (!any) continue;
      cols.push(nc + rows.length);
      costs.push(this.gate);
      rows.push(i);
      rowStart.push(cols.length);
    }
    if (rows.length > 0) {
      const rowAssign = new Int32Array(rows.length);
      const colAssign = new Int32Array(nc + rows.length);
      this.solver.solve(rows.length, nc + rows.length, Int32Array.from(rowStart), Int32Array.from(cols), Float64Array.from(costs), rowAssign, colAssign);
      rows.forEach((i, k) => {
        const j = rowAssign[k]!;
        if (j >= 0 && j < nc) {
          assigned[i] = j;
          taken[j] = 1;
        }
      });
    }
    // 3. Fuse pairs; admit the rest as remote-only tracks.
    const admitted: Candidate[] = [];
    for (let i = 0; i < nr; i++) {
      const report = reports[i]!;
      const k = key(force, report.track.id);
      seen.add(k);
      const j = assigned[i]!;
      if (j >= 0) {
        const c = candidates[j]!;
        c.track = this.fusePair(tf, c.track, report.track);
        this.memory.set(k, c.id);
        continue;
      }
      const remembered = this.memory.get(k) ?? this.departed.get(k)?.id;
      this.departed.delete(k);
      const id = remembered !== undefined && remembered.startsWith(`${this.force}-R`) && !index.has(remembered) ? remembered : `${this.force}-R${++this.nextRemoteId}`;
      this.memory.set(k, id);
      const r = report.track;
      const x = new Float64Array(N);
      const P = new Float64Array(NN);
      this.load(r, tf, x, P);
      admitted.push({
        id,
        remoteOnly: true,
        track: {
          id,
          t: Math.max(tf, r.t),
          state: x,
          covariance: P,
          classProbabilities: { ...r.classProbabilities },
          classification: r.classification,
          quality: r.quality,
          status: 'confirmed',
          sensors: [...r.sensors],
          ...(r.updated !== undefined ? { updated: r.updated } : {}),
        },
      });
    }
    candidates.push(...admitted);
  }

  /** CI fusion of a picture track (local or already fused) with a remote track at the fusion time. */
  private fusePair(tf: number, c: PictureTrack, r: PictureTrack): PictureTrack {
    this.load(c, tf, this.xa, this.Pa);
    this.load(r, tf, this.xb, this.Pb);
    const x = new Float64Array(N);
    const P = new Float64Array(NN);
    const omega = this.ci.fuse(this.xa, this.Pa, this.xb, this.Pb, this.criterion, x, P);
    if (Number.isNaN(omega)) return c;
    const sensors = [...new Set([...c.sensors, ...r.sensors])].sort();
    // The class belief of the better-quality track (class evidence is not fused here).
    const cls = r.quality > c.quality ? r : c;
    return {
      id: c.id,
      t: Math.max(tf, c.t, r.t),
      state: x,
      covariance: P,
      classProbabilities: { ...cls.classProbabilities },
      classification: cls.classification,
      quality: Math.max(c.quality, r.quality),
      // Coasting locally but updated by the ally: the fused track is held.
      status: c.status === 'coasting' && r.status === 'confirmed' ? 'confirmed' : c.status,
      sensors,
      ...(c.updated !== undefined || r.updated !== undefined ? { updated: Math.max(c.updated ?? -Infinity, r.updated ?? -Infinity) } : {}),
    };
  }
}

function key(force: string, track: string): string {
  return `${force}\u0000${track}`;
}
