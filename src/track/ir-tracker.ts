/**
 * A force's space-IR track picture from the 'los' detections of all its satellites, and the
 * radar cues it makes (issue #5). Model, equations and sources: docs/models/tracking.md
 * ("Space-IR tracks and radar cues").
 *
 *  1. Triangulation. Lines of sight of one plume from n ≥ 2 satellites in one frame give the
 *     weighted least-squares point x̂ = A⁻¹ b, A = Σ wᵢPᵢ, b = Σ wᵢPᵢpᵢ, Pᵢ = I − uᵢuᵢᵀ,
 *     wᵢ = 1/(σᵢ²ρᵢ²) (the closest point to n lines; for two lines and equal weights the midpoint
 *     of their common perpendicular; Hartley & Zisserman, "Multiple View Geometry", 2nd ed.,
 *     §12). Its covariance is the first-order propagation of the angle noise R through the
 *     normal equations: δx = A⁻¹ Σ wᵢ[(uᵢ·dᵢ)I + uᵢdᵢᵀ] Jᵢ δzᵢ, dᵢ = x̂ − pᵢ, Jᵢ = ∂u/∂(α, β),
 *     so C = A⁻¹ (Σ MᵢRᵢMᵢᵀ) A⁻¹ (equal to A⁻¹ when the lines meet and the angle noise is
 *     isotropic). Lines are paired across satellites by their miss distance (χ² gate, greedy
 *     S-D assignment), further satellites join by an angle gate.
 *  2. Tracks. Fixes are associated over time by χ² gating and optimal assignment
 *     (`AssignmentSolver`, cost d², a track's "no fix" at the gate) to ECEF tracks filtered by a Kalman filter with the
 *     nearly-constant-acceleration (white-jerk) model of Bar-Shalom, Li & Kirubarajan,
 *     "Estimation with Applications to Tracking and Navigation" (2001), §6.2.3, with a large
 *     jerk density q (`IR_BOOST_JERK_DENSITY`): a boosting rocket's acceleration grows as its
 *     mass burns (≈ 20 → 80 m/s² per stage) and jumps at staging. Lines of sight that join no fix
 *     update a 3-D track they gate with by an EKF angle update, else feed angle-only tracks.
 *  3. Burnout and coast. A plume no longer seen for 1.5 frames has burnt out: burnout time
 *     τ ~ U(0, T) after the last update (T the frame period) turns the track's acceleration into
 *     a velocity/position spread, and the cue then coasts ballistically (J2 gravity, Coriolis,
 *     centrifugal; RK4) with its covariance carried by the linearised transition.
 *  4. Angle-only tracks (one satellite): the LOS angles and their rates (NCV Kalman filter in
 *     angle); their cue is the segment of the line of sight between the cloud tops and the
 *     burnout height, as a Gaussian elongated along the LOS.
 * Cues are `TrackCue`s (picture.ts): ECEF state and 6×6 covariance at the requested time,
 * classification 'ballistic'. Association reads measurements only — never `truthId`.
 */
import { GM_EARTH, ecefFreeFallAccelerationInto, ellipsoidHeight } from '../geo/index.js';
import { chiSquareQuantile, mat } from '../math/index.js';
import { CLOUD_TOP, losAnglesInto, losFrameInto } from '../sense/infrared.js';
import type { Detection } from '../sense/types.js';
import { AssignmentSolver } from './assignment.js';
import { constantAcceleration } from './models/transition.js';
import { GatedAssignment } from './sparse-gnn.js';
import type { TrackCue } from './picture.js';

/**
 * White-jerk power spectral density of the boost model, m²/s⁵. A frame of T = 10 s lets the
 * acceleration change by √(q·T) ≈ 22 m/s² (1σ): the growth of a stage's thrust acceleration over
 * a frame (≈ 20 → 80 m/s² over a 60 s stage) and most of a staging jump fit within 1–2σ.
 */
export const IR_BOOST_JERK_DENSITY = 50;
/** Notional burnout height that bounds an angle-only cue along its line of sight, m (ICBM burnout ≈ 200–300 km). */
export const IR_BURNOUT_HEIGHT = 400_000;
/** 1σ speed assumed per axis for a cue whose velocity is not observed (boost 0–7 km/s), m/s. */
export const IR_CUE_SPEED_SIGMA = 3_000;

type V3 = [number, number, number];

/** One line of sight: satellite position p (ECEF, m), unit direction u, its angles' noise R (2×2, rad²) and ∂u/∂(α, β) J (3×2 row-major). */
export interface LosLine {
  position: ArrayLike<number>;
  direction: ArrayLike<number>;
  /** Angle noise covariance of (α, β), row-major 2×2 (rad²). */
  R: ArrayLike<number>;
  /** ∂u/∂(α, β), row-major 3×2. */
  J: ArrayLike<number>;
}

export interface LosFix {
  /** Least-squares point (ECEF, m). */
  point: V3;
  /** Its first-order covariance (row-major 3×3, m²). */
  covariance: Float64Array;
  /** Σ of the lines' squared perpendicular misses, each over its variance σᵢ²ρᵢ² (≈ χ² with 2n − 3 dof). */
  chi2: number;
  /** Distance from each satellite to the point, m. */
  ranges: number[];
}

/** The line of sight of an 'los' detection: direction and its Jacobian from the angles z = [α, β]. */
export function losLine(d: Pick<Detection, 'z' | 'R' | 'sensorPosition'>): LosLine {
  const f = losFrameInto(new Float64Array(9), d.sensorPosition);
  const a = d.z[0], b = d.z[1];
  const ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b);
  // u = N sinβ + E cosβ sinα + D cosβ cosα (infrared.ts frame: rows N, E, D).
  const u = new Float64Array(3);
  const J = new Float64Array(6);
  for (let k = 0; k < 3; k++) {
    const N = f[k], E = f[3 + k], D = f[6 + k];
    u[k] = N * sb + E * cb * sa + D * cb * ca;
    J[2 * k] = E * cb * ca - D * cb * sa; // ∂u/∂α
    J[2 * k + 1] = N * cb - E * sb * sa - D * sb * ca; // ∂u/∂β
  }
  return { position: d.sensorPosition, direction: u, R: d.R, J };
}

/** Mean per-axis angle variance of a line (rad²). */
function angleVariance(l: LosLine): number {
  return 0.5 * (l.R[0] + l.R[3]);
}

/**
 * Weighted least-squares point closest to n ≥ 2 lines with its linearised covariance (see the
 * module comment). `weighting`: 'range' (wᵢ = 1/(σᵢ²ρᵢ²), iterated from equal weights; the
 * maximum-likelihood weighting) or 'equal' (wᵢ = 1: the plain closest point). Returns null for
 * fewer than two lines, (nearly) parallel lines or a point behind a satellite.
 */
export function triangulateLos(lines: readonly LosLine[], weighting: 'range' | 'equal' = 'range'): LosFix | null {
  const n = lines.length;
  if (n < 2) return null;
  const A = new Float64Array(9);
  const b = new Float64Array(3);
  const L = new Float64Array(9);
  const x = new Float64Array(3);
  const w = new Float64Array(n).fill(1);
  /** A = Σ wᵢ(I − uᵢuᵢᵀ), b = Σ wᵢ(I − uᵢuᵢᵀ)pᵢ with the current weights. */
  const normalEquations = (): void => {
    A.fill(0);
    b.fill(0);
    for (let i = 0; i < n; i++) {
      const { position: p, direction: u } = lines[i];
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 3; c++) {
          const P = (r === c ? 1 : 0) - u[r] * u[c];
          A[3 * r + c] += w[i] * P;
          b[r] += w[i] * P * p[c];
        }
      }
    }
  };
  const iterations = weighting === 'range' ? 3 : 1;
  for (let iter = 0; iter < iterations; iter++) {
    normalEquations();
    if (!mat.choleskyInto(L, A, 3)) return null;
    const piv = Math.min(L[0] * L[0], L[4] * L[4], L[8] * L[8]);
    if (piv < 1e-10 * Math.max(L[0] * L[0], L[4] * L[4], L[8] * L[8])) return null;
    mat.choleskySolveInto(x, L, b, 3, 1);
    if (weighting === 'range') {
      for (let i = 0; i < n; i++) {
        const p = lines[i].position;
        const rho2 = (x[0] - p[0]) ** 2 + (x[1] - p[1]) ** 2 + (x[2] - p[2]) ** 2;
        w[i] = 1 / (angleVariance(lines[i]) * rho2);
      }
    }
  }
  // Final A with the final weights (for 'range' the weights were refreshed after the last solve).
  if (weighting === 'range') {
    normalEquations();
    if (!mat.choleskyInto(L, A, 3)) return null;
    mat.choleskySolveInto(x, L, b, 3, 1);
  }
  const Ainv = mat.choleskyInverseInto(new Float64Array(9), L, 3);
  // Middle term Σ MᵢRᵢMᵢᵀ, Mᵢ = wᵢ[(uᵢ·dᵢ)I + uᵢdᵢᵀ]Jᵢ (3×2).
  const S = new Float64Array(9);
  const ranges: number[] = [];
  let chi2 = 0;
  const M = new Float64Array(6);
  for (let i = 0; i < n; i++) {
    const { position: p, direction: u, J, R } = lines[i];
    const d0 = x[0] - p[0], d1 = x[1] - p[1], d2 = x[2] - p[2];
    const ud = u[0] * d0 + u[1] * d1 + u[2] * d2;
    if (!(ud > 0)) return null; // behind the satellite
    const rho = Math.hypot(d0, d1, d2);
    ranges.push(rho);
    const cx = d1 * u[2] - d2 * u[1], cy = d2 * u[0] - d0 * u[2], cz = d0 * u[1] - d1 * u[0];
    chi2 += (cx * cx + cy * cy + cz * cz) / (angleVariance(lines[i]) * rho * rho);
    const d = [d0, d1, d2];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 2; c++) {
        // ([(u·d)I + u dᵀ] J)[r][c] = (u·d)J[r][c] + u[r](d·J[:,c])
        const dJ = d[0] * J[c] + d[1] * J[2 + c] + d[2] * J[4 + c];
        M[2 * r + c] = w[i] * (ud * J[2 * r + c] + u[r] * dJ);
      }
    }
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        // (M R Mᵀ)[r][c]
        const m0 = M[2 * r] * R[0] + M[2 * r + 1] * R[2];
        const m1 = M[2 * r] * R[1] + M[2 * r + 1] * R[3];
        S[3 * r + c] += m0 * M[2 * c] + m1 * M[2 * c + 1];
      }
    }
  }
  const covariance = mat.symmetrize(mat.multiply(mat.multiply(Ainv, S, 3, 3, 3), Ainv, 3, 3, 3), 3);
  return { point: [x[0], x[1], x[2]], covariance, chi2, ranges };
}

/** Options of an `IrTracker` (defaults in brackets). */
export interface IrTrackerOptions {
  /** Force whose satellites' detections feed the tracker. */
  force: string;
  /** Cue id prefix [`<force>-IR`]. */
  idPrefix?: string;
  /** IR frame period, s [10]: a track missing 1.5 frames has burnt out (or faded). */
  framePeriod?: number;
  /** Lines of sight within this many seconds form one frame [0.1]. */
  frameWindow?: number;
  /** White-jerk spectral density of the boost model, m²/s⁵ [IR_BOOST_JERK_DENSITY]. */
  jerkDensity?: number;
  /** Gate probability of every χ² gate [0.9999]. */
  gateProbability?: number;
  /** Fixes before a 3-D track cues [2]. */
  confirmHits?: number;
  /** Coasting time after which a 3-D track is dropped, s [1800]. */
  maxCoast?: number;
  /** Height band of an angle-only cue, m [CLOUD_TOP, IR_BURNOUT_HEIGHT]. */
  cloudTop?: number;
  burnoutHeight?: number;
  /** Angle-rate noise density of angle-only tracks, rad²/s³ [1e-10: 10 µrad/s drift per √s]. */
  angleRateDensity?: number;
}

/** A 3-D (multi-satellite) IR track. State interleaved per axis [x, vx, ax, y, vy, ay, z, vz, az]. */
export interface IrTrack3d {
  id: string;
  /** Time of the last update, s. */
  t: number;
  x: Float64Array;
  P: Float64Array;
  hits: number;
  /** Lines of sight used by the last update, and their satellites. */
  lines: number;
  platforms: Set<string>;
  /** Ballistic coast after burnout (state [p, v], 6×6 covariance at `coast.t`). */
  coast: { t: number; x: Float64Array; P: Float64Array } | null;
}

/** An angle-only track of one satellite: state [α, β, α̇, β̇] in that satellite's frame. */
export interface IrAngleTrack {
  id: string;
  platformId: string;
  t: number;
  x: Float64Array;
  P: Float64Array;
  hits: number;
  /** Satellite position at the last update (ECEF, m). */
  sensorPosition: [number, number, number];
}

interface Los {
  d: Detection;
  line: LosLine;
  platform: string;
  used: boolean;
}

const NCA = 9;

/** See the module comment. Feed `update(t, detections)` each tick; ask `cues(t)`. */
export class IrTracker {
  readonly options: Required<Omit<IrTrackerOptions, 'idPrefix'>> & { idPrefix: string };
  readonly tracks: IrTrack3d[] = [];
  readonly angleTracks: IrAngleTrack[] = [];
  /** Fixes formed so far (statistics). */
  fixes = 0;
  private nextId = 1;
  private readonly model;
  private readonly F = new Float64Array(NCA * NCA);
  private readonly Q = new Float64Array(NCA * NCA);
  private readonly tmp = new Float64Array(NCA * NCA);
  private readonly solver = new AssignmentSolver();
  /** The gated assignment problems (fixes to 3-D tracks, lines to angle tracks), built in turn. */
  private readonly gnn = new GatedAssignment();
  private readonly gate3: number;
  private readonly gate2: number;
  private readonly gate1: number;

  constructor(options: IrTrackerOptions) {
    this.options = {
      force: options.force,
      idPrefix: options.idPrefix ?? `${options.force}-IR`,
      framePeriod: options.framePeriod ?? 10,
      frameWindow: options.frameWindow ?? 0.1,
      jerkDensity: options.jerkDensity ?? IR_BOOST_JERK_DENSITY,
      gateProbability: options.gateProbability ?? 0.9999,
      confirmHits: options.confirmHits ?? 2,
      maxCoast: options.maxCoast ?? 1800,
      cloudTop: options.cloudTop ?? CLOUD_TOP,
      burnoutHeight: options.burnoutHeight ?? IR_BURNOUT_HEIGHT,
      angleRateDensity: options.angleRateDensity ?? 1e-10,
    };
    this.model = constantAcceleration(3, this.options.jerkDensity);
    const pg = this.options.gateProbability;
    this.gate3 = chiSquareQuantile(pg, 3);
    this.gate2 = chiSquareQuantile(pg, 2);
    this.gate1 = chiSquareQuantile(pg, 1);
  }

  /** Ingest one tick's detections (anything not 'los' is ignored). */
  update(t: number, detections: readonly Detection[]): void {
    const los = detections.filter((d) => d.kind === 'los').sort((a, b) => a.t - b.t);
    let start = 0;
    for (let i = 1; i <= los.length; i++) {
      if (i === los.length || los[i].t - los[start].t > this.options.frameWindow) {
        this.frame(los[i - 1].t, los.slice(start, i));
        start = i;
      }
    }
    this.prune(t);
  }

  /** One frame of simultaneous lines of sight at time t. */
  private frame(t: number, detections: readonly Detection[]): void {
    const lines: Los[] = detections.map((d) => ({ d, line: losLine(d), platform: d.platformId ?? d.sensorId, used: false }));
    const fixes = this.formFixes(lines);
    this.fixes += fixes.length;
    // Boosting tracks (not coasting) take fixes: predict, gate, assign (cost d²; "no fix" costs the gate).
    const live = this.tracks.filter((tr) => tr.coast === null && t - tr.t <= 1.5 * this.options.framePeriod);
    const pred = live.map((tr) => this.predictNca(tr, t));
    const nr = live.length, nf = fixes.length;
    const gnn = this.gnn;
    gnn.begin(nf);
    const S = new Float64Array(9);
    const Ls = new Float64Array(9);
    const nu = new Float64Array(3);
    const scratch = new Float64Array(3);
    for (let r = 0; r < nr; r++) {
      const { x, P } = pred[r];
      for (let f = 0; f < nf; f++) {
        const fx = fixes[f];
        for (let i = 0; i < 3; i++) {
          nu[i] = fx.point[i] - x[3 * i];
          for (let j = 0; j < 3; j++) S[3 * i + j] = P[3 * i * NCA + 3 * j] + fx.covariance[3 * i + j];
        }
        if (!mat.choleskyInto(Ls, S, 3)) continue;
        const d2 = mat.invQuadFormFromCholesky(Ls, nu, 3, scratch);
        if (d2 <= this.gate3) gnn.add(f, d2);
      }
      // Private "no fix" column at the gate's cost: taken when no fix beats the gate.
      gnn.endRow(this.gate3);
    }
    gnn.solve(this.solver);
    const rowAssign = gnn.rowAssign, colAssign = gnn.colAssign;
    for (let r = 0; r < nr; r++) {
      const tr = live[r];
      const f = rowAssign[r];
      if (f >= 0 && f < nf) {
        tr.x = pred[r].x;
        tr.P = pred[r].P;
        this.updatePosition(tr, fixes[f].point, fixes[f].covariance);
        tr.t = t;
        tr.hits++;
        tr.lines = fixes[f].lines.length;
        tr.platforms = new Set(fixes[f].lines.map((l) => l.platform));
      }
    }
    for (let f = 0; f < nf; f++) if (colAssign[f] < 0) this.tracks.push(this.newTrack(t, fixes[f]));

    // Lines of sight in no fix: an EKF angle update of a 3-D track they gate with, else angle-only tracks.
    for (const l of lines) {
      if (l.used) continue;
      let best: IrTrack3d | null = null;
      let bestD2 = this.gate2;
      let bestPred: { x: Float64Array; P: Float64Array } | null = null;
      for (const tr of this.tracks) {
        if (tr.coast !== null || t - tr.t > 1.5 * this.options.framePeriod) continue;
        // A satellite sees one plume once per frame: not a second line of a satellite already used.
        if (tr.t === t && tr.platforms.has(l.platform)) continue;
        const p = this.predictNca(tr, t);
        const d2 = this.angleInnovation(p, l.d, null);
        if (d2 < bestD2) {
          bestD2 = d2;
          best = tr;
          bestPred = p;
        }
      }
      if (best && bestPred) {
        best.x = bestPred.x;
        best.P = bestPred.P;
        this.angleInnovation(best, l.d, best);
        if (best.t !== t) {
          best.platforms = new Set();
          best.lines = 0;
        }
        best.t = t;
        best.hits++;
        best.lines++;
        best.platforms.add(l.platform);
        l.used = true;
      }
    }
    this.angleOnly(t, lines.filter((l) => !l.used));
  }

  /**
   * Candidate multi-satellite fixes of one frame: pairs of lines from different satellites whose
   * normalised miss χ² (1 dof) passes the gate, best first (greedy S-D assignment); each pair
   * then takes the best gating line of every other satellite (χ² with 2n − 3 dof gate).
   */
  private formFixes(lines: Los[]): (LosFix & { lines: Los[] })[] {
    const pairs: { i: number; j: number; chi2: number }[] = [];
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[i].platform === lines[j].platform) continue;
        const fx = triangulateLos([lines[i].line, lines[j].line]);
        if (!fx || fx.chi2 > this.gate1) continue;
        const h = ellipsoidHeight(fx.point);
        if (h < -50_000 || h > 3_000_000) continue;
        pairs.push({ i, j, chi2: fx.chi2 });
      }
    }
    pairs.sort((a, b) => a.chi2 - b.chi2);
    const out: (LosFix & { lines: Los[] })[] = [];
    for (const p of pairs) {
      if (lines[p.i].used || lines[p.j].used) continue;
      const members = [lines[p.i], lines[p.j]];
      let fx = triangulateLos(members.map((m) => m.line))!;
      const platforms = new Set(members.map((m) => m.platform));
      for (;;) {
        let best: Los | null = null;
        let bestFix: LosFix | null = null;
        let bestChi = Infinity;
        for (const l of lines) {
          if (l.used || members.includes(l) || platforms.has(l.platform)) continue;
          const cand = triangulateLos([...members, l].map((m) => m.line));
          if (!cand) continue;
          const dof = 2 * (members.length + 1) - 3;
          if (cand.chi2 > chiSquareQuantile(this.options.gateProbability, dof)) continue;
          if (cand.chi2 < bestChi) {
            bestChi = cand.chi2;
            best = l;
            bestFix = cand;
          }
        }
        if (!best) break;
        members.push(best);
        platforms.add(best.platform);
        fx = bestFix!;
      }
      for (const m of members) m.used = true;
      out.push({ ...fx, lines: members });
    }
    return out;
  }

  private newTrack(t: number, fx: LosFix & { lines: Los[] }): IrTrack3d {
    const x = new Float64Array(NCA);
    const P = new Float64Array(NCA * NCA);
    for (let i = 0; i < 3; i++) {
      x[3 * i] = fx.point[i];
      for (let j = 0; j < 3; j++) P[3 * i * NCA + 3 * j] = fx.covariance[3 * i + j];
      // Unknown boost velocity and acceleration: zero mean, IR_CUE_SPEED_SIGMA and 50 m/s² (≈ 5 g) per axis.
      P[(3 * i + 1) * NCA + 3 * i + 1] = IR_CUE_SPEED_SIGMA ** 2;
      P[(3 * i + 2) * NCA + 3 * i + 2] = 50 ** 2;
    }
    return {
      id: `${this.options.idPrefix}${this.nextId++}`, t, x, P, hits: 1, lines: fx.lines.length,
      platforms: new Set(fx.lines.map((l) => l.platform)), coast: null,
    };
  }

  /** NCA prediction of a boosting track to t (new arrays). */
  private predictNca(tr: { x: Float64Array; P: Float64Array; t: number }, t: number): { x: Float64Array; P: Float64Array } {
    const dt = t - tr.t;
    const x = new Float64Array(NCA);
    this.model.apply(tr.x, 0, x, 0, dt);
    this.model.jacobian(this.F, tr.x, 0, dt);
    this.model.covar(this.Q, dt, tr.x, 0);
    const P = new Float64Array(NCA * NCA);
    mat.multiplyInto(this.tmp, this.F, tr.P, NCA, NCA, NCA);
    mat.multiplyABtInto(P, this.tmp, this.F, NCA, NCA, NCA);
    for (let i = 0; i < NCA * NCA; i++) P[i] += this.Q[i];
    mat.symmetrizeInto(P, P, NCA);
    return { x, P };
  }

  /** Kalman update of a track with a position fix z (covariance Rz), H = [I 0 0] per axis. */
  private updatePosition(tr: IrTrack3d, z: ArrayLike<number>, Rz: ArrayLike<number>): void {
    const H = new Float64Array(3 * NCA);
    for (let i = 0; i < 3; i++) H[i * NCA + 3 * i] = 1;
    const nu = new Float64Array(3);
    for (let i = 0; i < 3; i++) nu[i] = z[i] - tr.x[3 * i];
    kalmanUpdate(tr.x, tr.P, H, nu, Rz, 3);
  }

  /**
   * Angle innovation of an 'los' detection against a 3-D state (EKF): returns d² and, when
   * `apply` is given, updates it. h(x) = LOS angles of (x − s) in the satellite's frame;
   * with d = x − s, a = E·d, b = D·d, c = N·d, h = √(a² + b²):
   * ∂α/∂d = (bE − aD)/h², ∂β/∂d = (h²N − c(aE + bD))/(h(c² + h²)).
   */
  private angleInnovation(st: { x: Float64Array; P: Float64Array }, d: Detection, apply: { x: Float64Array; P: Float64Array } | null): number {
    const f = losFrameInto(new Float64Array(9), d.sensorPosition);
    const dv: V3 = [st.x[0] - d.sensorPosition[0], st.x[3] - d.sensorPosition[1], st.x[6] - d.sensorPosition[2]];
    const rho = Math.hypot(dv[0], dv[1], dv[2]);
    const ang = losAnglesInto(new Float64Array(2), f, [dv[0] / rho, dv[1] / rho, dv[2] / rho]);
    const c = f[0] * dv[0] + f[1] * dv[1] + f[2] * dv[2];
    const a = f[3] * dv[0] + f[4] * dv[1] + f[5] * dv[2];
    const b = f[6] * dv[0] + f[7] * dv[1] + f[8] * dv[2];
    const h2 = a * a + b * b, h = Math.sqrt(h2);
    const H = new Float64Array(2 * NCA);
    for (let k = 0; k < 3; k++) {
      H[3 * k] = (b * f[3 + k] - a * f[6 + k]) / h2;
      H[NCA + 3 * k] = (h2 * f[k] - c * (a * f[3 + k] + b * f[6 + k])) / (h * (c * c + h2));
    }
    const nu = new Float64Array([wrap(d.z[0] - ang[0]), d.z[1] - ang[1]]);
    if (apply) return kalmanUpdate(apply.x, apply.P, H, nu, d.R, 2);
    const PHt = mat.multiplyABt(st.P, H, NCA, NCA, 2);
    const S = mat.multiply(H, PHt, 2, NCA, 2);
    for (let i = 0; i < 4; i++) S[i] += d.R[i];
    return mat.mahalanobisSquared(nu, S, 2);
  }

  /** Angle-only tracks per satellite: NCV in (α, β), gating and assignment, new tracks from leftovers. */
  private angleOnly(t: number, lines: readonly Los[]): void {
    const byPlatform = new Map<string, Los[]>();
    for (const l of lines) {
      const list = byPlatform.get(l.platform) ?? [];
      list.push(l);
      byPlatform.set(l.platform, list);
    }
    const q = this.options.angleRateDensity;
    for (const [platform, ls] of byPlatform) {
      const tracks = this.angleTracks.filter((a) => a.platformId === platform && t - a.t <= 2.5 * this.options.framePeriod);
      const preds = tracks.map((a) => predictAngle(a, t, q));
      const nr = tracks.length, nc = ls.length;
      const gnn = this.gnn;
      gnn.begin(nc);
      for (let r = 0; r < nr; r++) {
        const { x, P } = preds[r];
        for (let c = 0; c < nc; c++) {
          const z = ls[c].d.z, R = ls[c].d.R;
          const S = [P[0] + R[0], P[1] + R[1], P[4] + R[2], P[5] + R[3]];
          const nu = [wrap(z[0] - x[0]), z[1] - x[1]];
          const d2 = mat.mahalanobisSquared(nu, S, 2);
          if (d2 <= this.gate2) gnn.add(c, d2);
        }
        gnn.endRow(this.gate2);
      }
      gnn.solve(this.solver);
      const rowAssign = gnn.rowAssign, colAssign = gnn.colAssign;
      for (let r = 0; r < nr; r++) {
        const c = rowAssign[r];
        if (c < 0 || c >= nc) continue;
        const a = tracks[r];
        a.x = preds[r].x;
        a.P = preds[r].P;
        const H = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0]);
        const z = ls[c].d.z;
        kalmanUpdate(a.x, a.P, H, new Float64Array([wrap(z[0] - a.x[0]), z[1] - a.x[1]]), ls[c].d.R, 2, 4);
        a.t = t;
        a.hits++;
        a.sensorPosition = [...ls[c].d.sensorPosition];
      }
      for (let c = 0; c < nc; c++) {
        if (colAssign[c] >= 0) continue;
        const d = ls[c].d;
        const P = new Float64Array(16);
        P[0] = d.R[0];
        P[1] = d.R[1];
        P[4] = d.R[2];
        P[5] = d.R[3];
        // Angle rate prior: 7 km/s across the LOS at GEO range ≈ 2e-4 rad/s.
        P[10] = P[15] = 2e-4 ** 2;
        this.angleTracks.push({
          id: `${this.options.idPrefix}A${this.nextId++}`,
          platformId: platform,
          t,
          x: new Float64Array([d.z[0], d.z[1], 0, 0]),
          P,
          hits: 1,
          sensorPosition: [...d.sensorPosition],
        });
      }
    }
  }

  /** Drop 3-D tracks coasting past `maxCoast` or below ground, and stale angle-only tracks. */
  private prune(t: number): void {
    const T = this.options.framePeriod;
    for (let i = this.tracks.length - 1; i >= 0; i--) {
      const tr = this.tracks[i];
      const silent = t - tr.t;
      const dead = silent > this.options.maxCoast || (tr.hits < this.options.confirmHits && silent > 1.5 * T);
      if (dead) this.tracks.splice(i, 1);
      else if (tr.coast && ellipsoidHeight(tr.coast.x) < 0) this.tracks.splice(i, 1);
    }
    for (let i = this.angleTracks.length - 1; i >= 0; i--) if (t - this.angleTracks[i].t > 2.5 * T) this.angleTracks.splice(i, 1);
  }

  /** Predicted 6-state and covariance of a 3-D track at t (boost NCA, or ballistic coast after burnout). */
  predict(tr: IrTrack3d, t: number): { x: Float64Array; P: Float64Array } {
    const T = this.options.framePeriod;
    if (t - tr.t <= 1.5 * T) {
      const p = this.predictNca(tr, t);
      return { x: ncaToState(p.x), P: ncaToCovariance(p.P) };
    }
    if (!tr.coast) tr.coast = burnoutState(tr, T);
    // The coast advances in place (the sim asks for increasing times); an earlier time gets the coast epoch's state.
    if (t > tr.coast.t) coastInPlace(tr.coast, t);
    return { x: tr.coast.x.slice(), P: tr.coast.P.slice() };
  }

  /** Cues at time t: confirmed 3-D tracks (boosting or coasting) and live angle-only tracks. */
  cues(t: number): TrackCue[] {
    const out: TrackCue[] = [];
    const force = this.options.force;
    for (const tr of this.tracks) {
      if (tr.hits < this.options.confirmHits || t < tr.t) continue;
      const p = this.predict(tr, t);
      out.push({ id: tr.id, force, t, state: p.x, covariance: p.P, classification: 'ballistic' });
    }
    for (const a of this.angleTracks) {
      if (a.hits < 2 || t - a.t > 1.5 * this.options.framePeriod || t < a.t) continue;
      const c = this.angleCue(a, t);
      if (c) out.push({ id: a.id, force, t, state: c.x, covariance: c.P, classification: 'ballistic' });
    }
    return out;
  }

  /**
   * The cue of an angle-only track: predicted LOS u at t, the segment of the line between the
   * burnout height (near end) and the cloud tops (far end, or the ray's lowest point if that is
   * higher); mean at its centre, σ along the LOS = half-length/2.576 (the segment's ends at the
   * 99 % point of one axis), across the LOS ρ·σ_angle; velocity: the LOS rate × range across the
   * line, isotropic IR_CUE_SPEED_SIGMA spread.
   */
  angleCue(a: IrAngleTrack, t: number): { x: Float64Array; P: Float64Array } | null {
    const pr = predictAngle(a, t, this.options.angleRateDensity);
    const s = a.sensorPosition;
    const line = losLine({ z: pr.x, R: new Float64Array([pr.P[0], pr.P[1], pr.P[4], pr.P[5]]), sensorPosition: s });
    const u = line.direction;
    const rca = -(s[0] * u[0] + s[1] * u[1] + s[2] * u[2]); // range of the ray's closest approach to the Earth's centre
    if (!(rca > 0)) return null;
    const at = (rho: number): V3 => [s[0] + rho * u[0], s[1] + rho * u[1], s[2] + rho * u[2]];
    const heightAt = (rho: number): number => ellipsoidHeight(at(rho));
    // Height falls monotonically along the ray up to the closest approach: bisect for each bound.
    const solve = (h: number): number => {
      let lo = 0, hi = rca;
      if (heightAt(hi) >= h) return hi;
      for (let k = 0; k < 60; k++) {
        const mid = 0.5 * (lo + hi);
        if (heightAt(mid) > h) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    };
    const near = solve(this.options.burnoutHeight);
    let far = solve(this.options.cloudTop);
    if (far === rca) far = 2 * rca - near; // the ray never dips to the cloud tops: the band is on both sides
    const centre = 0.5 * (near + far);
    const half = 0.5 * (far - near);
    const sAlong = half / 2.576;
    const sAng2 = 0.5 * (pr.P[0] + pr.P[5]);
    const sAcross2 = centre * centre * sAng2 + 1; // + 1 m² keeps it positive definite
    const p = at(centre);
    const x = new Float64Array(6);
    const P = new Float64Array(36);
    // Velocity across the LOS from the angle rates: ρ·J·[α̇, β̇].
    for (let k = 0; k < 3; k++) {
      x[k] = p[k];
      x[3 + k] = centre * (line.J[2 * k] * pr.x[2] + line.J[2 * k + 1] * pr.x[3]);
    }
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const uu = u[r] * u[c];
        P[6 * r + c] = sAlong * sAlong * uu + sAcross2 * ((r === c ? 1 : 0) - uu);
        P[6 * (3 + r) + 3 + c] = r === c ? IR_CUE_SPEED_SIGMA ** 2 : 0;
      }
    }
    return { x, P };
  }
}

function wrap(a: number): number {
  return a > Math.PI ? a - 2 * Math.PI : a < -Math.PI ? a + 2 * Math.PI : a;
}

/**
 * Kalman update in place (Joseph form): x ← x + Kν, P ← (I − KH)P(I − KH)ᵀ + KRKᵀ, with H (m×n)
 * over the first n states (n defaults to 9). Returns the innovation's d² = νᵀS⁻¹ν.
 */
function kalmanUpdate(x: Float64Array, P: Float64Array, H: Float64Array, nu: ArrayLike<number>, R: ArrayLike<number>, m: number, n = NCA): number {
  const PHt = mat.multiplyABt(P, H, n, n, m);
  const S = mat.multiply(H, PHt, m, n, m);
  for (let i = 0; i < m * m; i++) S[i] += R[i];
  const Sinv = mat.spdInverse(S, m);
  const K = mat.multiply(PHt, Sinv, n, m, m);
  let d2 = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) d2 += nu[i] * Sinv[i * m + j] * nu[j];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) x[i] += K[i * m + j] * nu[j];
  const IKH = mat.identity(n);
  const KH = mat.multiply(K, H, n, m, n);
  for (let i = 0; i < n * n; i++) IKH[i] -= KH[i];
  const A = mat.multiply(mat.multiply(IKH, P, n, n, n), mat.transpose(IKH, n, n), n, n, n);
  const KRK = mat.multiply(mat.multiply(K, R, n, m, m), mat.transpose(K, n, m), n, m, n);
  for (let i = 0; i < n * n; i++) P[i] = A[i] + KRK[i];
  mat.symmetrizeInto(P, P, n);
  return d2;
}

/** NCV prediction in angle: [α, β, α̇, β̇], white-noise acceleration density q (rad²/s³). */
function predictAngle(a: IrAngleTrack, t: number, q: number): { x: Float64Array; P: Float64Array } {
  const dt = t - a.t;
  const F = new Float64Array([1, 0, dt, 0, 0, 1, 0, dt, 0, 0, 1, 0, 0, 0, 0, 1]);
  const x = mat.multiply(F, a.x, 4, 4, 1);
  const P = mat.multiply(mat.multiply(F, a.P, 4, 4, 4), mat.transpose(F, 4, 4), 4, 4, 4);
  const q3 = (q * dt ** 3) / 3, q2 = (q * dt * dt) / 2, q1 = q * dt;
  P[0] += q3; P[2] += q2; P[8] += q2; P[10] += q1;
  P[5] += q3; P[7] += q2; P[13] += q2; P[15] += q1;
  return { x, P: mat.symmetrize(P, 4) };
}

/** Interleaved NCA state → [x, y, z, vx, vy, vz]. */
function ncaToState(x: ArrayLike<number>): Float64Array {
  return new Float64Array([x[0], x[3], x[6], x[1], x[4], x[7]]);
}

const STATE_INDEX = [0, 3, 6, 1, 4, 7];

function ncaToCovariance(P: ArrayLike<number>): Float64Array {
  const out = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) out[6 * i + j] = P[STATE_INDEX[i] * NCA + STATE_INDEX[j]];
  return out;
}

/**
 * State one frame after the last update of a track that burnt out in between (module comment, 3):
 * with τ ~ U(0, T), thrust acceleration a_t = a − g(p, v), gravity g:
 *   v' = v + gT + a_t·τ,  p' = p + vT + gT²/2 + a_t(τT − τ²/2);
 * means with E[τ] = T/2, E[τT − τ²/2] = T²/3; the τ spread adds a_t a_tᵀ·[T⁴/48, T³/24; ·, T²/12]
 * (first order about τ = T/2), and the track covariance maps through ∂(p', v')/∂(p, v, a).
 */
function burnoutState(tr: IrTrack3d, T: number): { t: number; x: Float64Array; P: Float64Array } {
  const s = ncaToState(tr.x);
  const acc = [tr.x[2], tr.x[5], tr.x[8]];
  const g = ecefFreeFallAccelerationInto(new Float64Array(3), s, s, 0, 0, 3);
  const at = [acc[0] - g[0], acc[1] - g[1], acc[2] - g[2]];
  const x = new Float64Array(6);
  for (let k = 0; k < 3; k++) {
    x[k] = s[k] + s[3 + k] * T + 0.5 * g[k] * T * T + (at[k] * T * T) / 3;
    x[3 + k] = s[3 + k] + g[k] * T + (at[k] * T) / 2;
  }
  // J (6×9 over interleaved state): p' = p + T v + (T²/3)a (+ gravity terms, constant here), v' = v + (T/2)a.
  const J = new Float64Array(6 * NCA);
  for (let k = 0; k < 3; k++) {
    J[k * NCA + 3 * k] = 1;
    J[k * NCA + 3 * k + 1] = T;
    J[k * NCA + 3 * k + 2] = (T * T) / 3;
    J[(3 + k) * NCA + 3 * k + 1] = 1;
    J[(3 + k) * NCA + 3 * k + 2] = T / 2;
  }
  const P = mat.multiply(mat.multiply(J, tr.P, 6, NCA, NCA), mat.transpose(J, 6, NCA), 6, NCA, 6);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const aa = at[r] * at[c];
      P[6 * r + c] += (aa * T ** 4) / 48;
      P[6 * r + 3 + c] += (aa * T ** 3) / 24;
      P[6 * (3 + r) + c] += (aa * T ** 3) / 24;
      P[6 * (3 + r) + 3 + c] += (aa * T * T) / 12;
    }
  }
  return { t: tr.t + T, x, P: mat.symmetrize(P, 6) };
}

/** Coast step, s (RK4 on a ballistic arc: errors ≪ the cue's spread). */
const COAST_STEP = 10;

/**
 * Ballistic coast of [p, v] to t in place: RK4 on J2 gravity + Coriolis + centrifugal; covariance
 * by the linearised transition per step, Φ = [[I + GΔ²/2, IΔ + GΔ³/6], [GΔ, I + GΔ²/2]] with
 * the point-mass gravity gradient G = μ/r³(3r̂r̂ᵀ − I) (rotation terms in Φ neglected).
 */
function coastInPlace(c: { t: number; x: Float64Array; P: Float64Array }, t: number): void {
  const k1 = new Float64Array(6), k2 = new Float64Array(6), k3 = new Float64Array(6), k4 = new Float64Array(6), y = new Float64Array(6);
  const a = new Float64Array(3);
  const deriv = (s: Float64Array, out: Float64Array): void => {
    ecefFreeFallAccelerationInto(a, s, s, 0, 0, 3);
    out[0] = s[3]; out[1] = s[4]; out[2] = s[5];
    out[3] = a[0]; out[4] = a[1]; out[5] = a[2];
  };
  const Phi = new Float64Array(36);
  while (c.t < t) {
    const h = Math.min(COAST_STEP, t - c.t);
    const x = c.x;
    // Φ at the step start.
    const r = Math.hypot(x[0], x[1], x[2]);
    const mu = GM_EARTH / (r * r * r);
    Phi.fill(0);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const G = mu * (3 * (x[i] / r) * (x[j] / r) - (i === j ? 1 : 0));
        const I = i === j ? 1 : 0;
        Phi[6 * i + j] = I + (G * h * h) / 2;
        Phi[6 * i + 3 + j] = I * h + (G * h * h * h) / 6;
        Phi[6 * (3 + i) + j] = G * h;
        Phi[6 * (3 + i) + 3 + j] = I + (G * h * h) / 2;
      }
    }
    c.P = mat.symmetrize(mat.multiply(mat.multiply(Phi, c.P, 6, 6, 6), mat.transpose(Phi, 6, 6), 6, 6, 6), 6);
    deriv(x, k1);
    for (let i = 0; i < 6; i++) y[i] = x[i] + 0.5 * h * k1[i];
    deriv(y, k2);
    for (let i = 0; i < 6; i++) y[i] = x[i] + 0.5 * h * k2[i];
    deriv(y, k3);
    for (let i = 0; i < 6; i++) y[i] = x[i] + h * k3[i];
    deriv(y, k4);
    for (let i = 0; i < 6; i++) x[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    c.t += h;
  }
}
