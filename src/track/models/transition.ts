/**
 * Motion (transition) models. Equations and sources: docs/models/tracking.md §Motion models.
 *
 *  - `constantVelocity`     NCV, per axis F = [[1,T],[0,1]], Q = q·[[T³/3,T²/2],[T²/2,T]]
 *                           (continuous white-noise acceleration; Bar-Shalom, Li & Kirubarajan,
 *                           "Estimation with Applications to Tracking and Navigation" (2001)
 *                           §6.2.2; Stone Soup `ConstantVelocity(q)`).
 *  - `constantAcceleration` NCA, per axis F = [[1,T,T²/2],[0,1,T],[0,0,1]],
 *                           Q = q·[[T⁵/20,T⁴/8,T³/6],[T⁴/8,T³/3,T²/2],[T³/6,T²/2,T]]
 *                           (continuous white-noise jerk; ibid. §6.2.3; Stone Soup
 *                           `ConstantAcceleration(q)`).
 *  - `coordinatedTurn`      CT with the turn rate ω in the state (nonlinear, EKF/UKF), horizontal
 *                           plane, optional NCV vertical axis (ibid. §11.7.1; Li & Jilkov,
 *                           "Survey of maneuvering target tracking, Part I", IEEE TAES 39(4) 2003,
 *                           eq. (23)); linear per-axis noise q on x, y(, z) and q_ω·T on ω.
 *  - `knownTurnRate`        CT with a fixed ω (linear), for IMM mode banks.
 *  - `constantVelocityTurnAugmented`  NCV on the CT state (ω carried, reset to 0), so an IMM can
 *                           mix NCV and CT modes on one state vector.
 *
 * State layout is interleaved per axis, as in the tracking case format: [x, vx, y, vy(, z, vz)],
 * NCA [x, vx, ax, y, vy, ay, …], CT [x, vx, y, vy, (z, vz,) ω].
 */
import type { TransitionModel } from '../types.js';

/**
 * NCV in 2-D, x ← F x, P ← F P Fᵀ + Q written out (the k = 2 branch of `predictInPlace` with
 * axes = 2, term for term — the same numbers, without the loops; once per track per scan).
 */
function ncv2InPlace(buf: Float64Array, off: number, T: number, qx: number, qy: number): void {
  buf[off] += T * buf[off + 1];
  buf[off + 2] += T * buf[off + 3];
  const p = off + 4;
  const TT = T * T;
  const T3 = TT * T;
  const P00 = buf[p + 0]; const P01 = buf[p + 1]; const P02 = buf[p + 2]; const P03 = buf[p + 3];
  const P10 = buf[p + 4]; const P11 = buf[p + 5]; const P12 = buf[p + 6]; const P13 = buf[p + 7];
  const P20 = buf[p + 8]; const P21 = buf[p + 9]; const P22 = buf[p + 10]; const P23 = buf[p + 11];
  const P30 = buf[p + 12]; const P31 = buf[p + 13]; const P32 = buf[p + 14]; const P33 = buf[p + 15];
  buf[p + 0] = P00 + T * (P01 + P10) + TT * P11 + (qx * T3) / 3;
  buf[p + 1] = P01 + T * P11 + (qx * TT) / 2;
  buf[p + 4] = P10 + T * P11 + (qx * TT) / 2;
  buf[p + 5] = P11 + qx * T;
  buf[p + 2] = P02 + T * (P03 + P12) + TT * P13;
  buf[p + 3] = P03 + T * P13;
  buf[p + 6] = P12 + T * P13;
  buf[p + 8] = P20 + T * (P21 + P30) + TT * P31;
  buf[p + 9] = P21 + T * P31;
  buf[p + 12] = P30 + T * P31;
  buf[p + 10] = P22 + T * (P23 + P32) + TT * P33 + (qy * T3) / 3;
  buf[p + 11] = P23 + T * P33 + (qy * TT) / 2;
  buf[p + 14] = P32 + T * P33 + (qy * TT) / 2;
  buf[p + 15] = P33 + qy * T;
}

/**
 * `ncv2InPlace` over slots 0…count−1 (slot i at i·stride) by Δt_i = t − tPrev[i], skipping Δt = 0,
 * then tPrev[i] ← t: the same numbers, one call per scan (a per-track call V8 does not inline
 * boxes its double arguments on the heap).
 */
function ncv2SlotsInPlace(buf: Float64Array, stride: number, count: number, tPrev: Float64Array, t: number, qx: number, qy: number): void {
  // The Δt-only terms (Δt², q Δt³/3, q Δt²/2, q Δt) are the same numbers for every track with
  // the same Δt (nearly all of them, scan to scan): computed once per run of equal Δt.
  let Tc = NaN;
  let TT = 0;
  let qx3 = 0;
  let qx2 = 0;
  let qx1 = 0;
  let qy3 = 0;
  let qy2 = 0;
  let qy1 = 0;
  for (let i = 0; i < count; i++) {
    const T = t - tPrev[i];
    tPrev[i] = t;
    if (T === 0) continue;
    if (T !== Tc) {
      Tc = T;
      TT = T * T;
      const T3 = TT * T;
      qx3 = (qx * T3) / 3;
      qx2 = (qx * TT) / 2;
      qx1 = qx * T;
      qy3 = (qy * T3) / 3;
      qy2 = (qy * TT) / 2;
      qy1 = qy * T;
    }
    const off = i * stride;
    buf[off] += T * buf[off + 1];
    buf[off + 2] += T * buf[off + 3];
    const p = off + 4;
    const P00 = buf[p + 0]; const P01 = buf[p + 1]; const P02 = buf[p + 2]; const P03 = buf[p + 3];
    const P10 = buf[p + 4]; const P11 = buf[p + 5]; const P12 = buf[p + 6]; const P13 = buf[p + 7];
    const P20 = buf[p + 8]; const P21 = buf[p + 9]; const P22 = buf[p + 10]; const P23 = buf[p + 11];
    const P30 = buf[p + 12]; const P31 = buf[p + 13]; const P32 = buf[p + 14]; const P33 = buf[p + 15];
    buf[p + 0] = P00 + T * (P01 + P10) + TT * P11 + qx3;
    buf[p + 1] = P01 + T * P11 + qx2;
    buf[p + 4] = P10 + T * P11 + qx2;
    buf[p + 5] = P11 + qx1;
    buf[p + 2] = P02 + T * (P03 + P12) + TT * P13;
    buf[p + 3] = P03 + T * P13;
    buf[p + 6] = P12 + T * P13;
    buf[p + 8] = P20 + T * (P21 + P30) + TT * P31;
    buf[p + 9] = P21 + T * P31;
    buf[p + 12] = P30 + T * P31;
    buf[p + 10] = P22 + T * (P23 + P32) + TT * P33 + qy3;
    buf[p + 11] = P23 + T * P33 + qy2;
    buf[p + 14] = P32 + T * P33 + qy2;
    buf[p + 15] = P33 + qy1;
  }
}

/** NCV/NCA: identical independent per-axis blocks of order k (2: p,v; 3: p,v,a). */
class PerAxisKinematic implements TransitionModel {
  readonly name: string;
  readonly ndim: number;
  readonly positionIndices: number[];
  readonly velocityIndices: number[];
  readonly accelerationIndices: number[];
  readonly turnRateIndex = -1;
  readonly linear = true;
  /** Noise intensity per axis. */
  private readonly q: Float64Array;

  constructor(
    private readonly k: 2 | 3,
    private readonly axes: number,
    q: number | readonly number[],
  ) {
    this.name = k === 2 ? 'constant velocity' : 'constant acceleration';
    this.ndim = k * axes;
    this.q = new Float64Array(axes);
    for (let a = 0; a < axes; a++) {
      const qa = typeof q === 'number' ? q : q[a];
      if (!(qa >= 0) || !Number.isFinite(qa)) throw new RangeError(`${this.name}: noise intensity q must be finite and ≥ 0, got ${qa}`);
      this.q[a] = qa;
    }
    this.positionIndices = Array.from({ length: axes }, (_, a) => a * k);
    this.velocityIndices = Array.from({ length: axes }, (_, a) => a * k + 1);
    this.accelerationIndices = k === 3 ? Array.from({ length: axes }, (_, a) => a * k + 2) : [];
  }

  apply(x: Float64Array, xo: number, out: Float64Array, oo: number, T: number): void {
    const k = this.k;
    for (let a = 0; a < this.axes; a++) {
      const i = a * k;
      if (k === 2) {
        out[oo + i] = x[xo + i] + T * x[xo + i + 1];
        out[oo + i + 1] = x[xo + i + 1];
      } else {
        out[oo + i] = x[xo + i] + T * x[xo + i + 1] + 0.5 * T * T * x[xo + i + 2];
        out[oo + i + 1] = x[xo + i + 1] + T * x[xo + i + 2];
        out[oo + i + 2] = x[xo + i + 2];
      }
    }
  }

  jacobian(F: Float64Array, _x: Float64Array, _xo: number, T: number): void {
    const n = this.ndim;
    const k = this.k;
    F.fill(0, 0, n * n);
    for (let a = 0; a < this.axes; a++) {
      const i = a * k;
      for (let r = 0; r < k; r++) F[(i + r) * n + i + r] = 1;
      F[i * n + i + 1] = T;
      if (k === 3) {
        F[i * n + i + 2] = 0.5 * T * T;
        F[(i + 1) * n + i + 2] = T;
      }
    }
  }

  covar(Q: Float64Array, T: number): void {
    const n = this.ndim;
    const k = this.k;
    Q.fill(0, 0, n * n);
    const T2 = T * T;
    const T3 = T2 * T;
    for (let a = 0; a < this.axes; a++) {
      const q = this.q[a];
      const i = a * k;
      if (k === 2) {
        Q[i * n + i] = (q * T3) / 3;
        Q[i * n + i + 1] = Q[(i + 1) * n + i] = (q * T2) / 2;
        Q[(i + 1) * n + i + 1] = q * T;
      } else {
        const T4 = T3 * T;
        const T5 = T4 * T;
        const b = [T5 / 20, T4 / 8, T3 / 6, T4 / 8, T3 / 3, T2 / 2, T3 / 6, T2 / 2, T];
        for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) Q[(i + r) * n + i + c] = q * b[r * 3 + c];
      }
    }
  }

  predictSlotsInPlace(buf: Float64Array, stride: number, count: number, tPrev: Float64Array, t: number): void {
    if (this.k === 2 && this.axes === 2) {
      ncv2SlotsInPlace(buf, stride, count, tPrev, t, this.q[0], this.q[1]);
      return;
    }
    for (let i = 0; i < count; i++) {
      const dt = t - tPrev[i];
      tPrev[i] = t;
      if (dt !== 0) this.predictInPlace(buf, i * stride, dt);
    }
  }

  /**
   * x ← F x, P ← F P Fᵀ + Q using the block structure: each k×k block P_ab becomes
   * F₁ P_ab F₁ᵀ (F₁ the one-axis F), O(n²) instead of the O(n³) dense product. Hand-unrolled for
   * NCV (k = 2) because this runs once per track per scan in the benchmark loop.
   */
  predictInPlace(buf: Float64Array, off: number, T: number): void {
    const n = this.ndim;
    const axes = this.axes;
    const p = off + n;
    if (this.k === 2 && axes === 2) {
      ncv2InPlace(buf, off, T, this.q[0], this.q[1]);
      return;
    }
    if (this.k === 2) {
      for (let a = 0; a < axes; a++) buf[off + 2 * a] += T * buf[off + 2 * a + 1];
      const TT = T * T;
      for (let a = 0; a < axes; a++) {
        for (let b = 0; b < axes; b++) {
          const i0 = p + 2 * a * n + 2 * b;
          const i1 = i0 + n;
          const p00 = buf[i0];
          const p01 = buf[i0 + 1];
          const p10 = buf[i1];
          const p11 = buf[i1 + 1];
          buf[i0] = p00 + T * (p01 + p10) + TT * p11;
          buf[i0 + 1] = p01 + T * p11;
          buf[i1] = p10 + T * p11;
        }
      }
      const T3 = TT * T;
      for (let a = 0; a < axes; a++) {
        const q = this.q[a];
        const i0 = p + 2 * a * n + 2 * a;
        buf[i0] += (q * T3) / 3;
        buf[i0 + 1] += (q * TT) / 2;
        buf[i0 + n] += (q * TT) / 2;
        buf[i0 + n + 1] += q * T;
      }
      return;
    }
    // NCA: F₁ = [[1,T,h],[0,1,T],[0,0,1]], h = T²/2.
    const h = 0.5 * T * T;
    for (let a = 0; a < axes; a++) {
      const i = off + 3 * a;
      buf[i] += T * buf[i + 1] + h * buf[i + 2];
      buf[i + 1] += T * buf[i + 2];
    }
    for (let a = 0; a < axes; a++) {
      for (let b = 0; b < axes; b++) {
        const r0 = p + 3 * a * n + 3 * b;
        const r1 = r0 + n;
        const r2 = r1 + n;
        // rows: F₁·P (row ops), then columns: (F₁P)·F₁ᵀ (column ops)
        for (let c = 0; c < 3; c++) {
          buf[r0 + c] += T * buf[r1 + c] + h * buf[r2 + c];
          buf[r1 + c] += T * buf[r2 + c];
        }
        for (let r = r0; r <= r2; r += n) {
          buf[r] += T * buf[r + 1] + h * buf[r + 2];
          buf[r + 1] += T * buf[r + 2];
        }
      }
    }
    const T2 = T * T;
    const T3 = T2 * T;
    const T4 = T3 * T;
    const T5 = T4 * T;
    for (let a = 0; a < axes; a++) {
      const q = this.q[a];
      const r0 = p + 3 * a * n + 3 * a;
      const r1 = r0 + n;
      const r2 = r1 + n;
      buf[r0] += (q * T5) / 20;
      buf[r0 + 1] += (q * T4) / 8;
      buf[r0 + 2] += (q * T3) / 6;
      buf[r1] += (q * T4) / 8;
      buf[r1 + 1] += (q * T3) / 3;
      buf[r1 + 2] += (q * T2) / 2;
      buf[r2] += (q * T3) / 6;
      buf[r2 + 1] += (q * T2) / 2;
      buf[r2 + 2] += q * T;
    }
  }
}

/** Nearly-constant velocity in `axes` (2 or 3) dimensions with noise intensity q (m²/s³). */
export function constantVelocity(axes: number, q: number | readonly number[]): TransitionModel {
  return new PerAxisKinematic(2, axes, q);
}

/** Nearly-constant acceleration in `axes` dimensions with jerk noise intensity q (m²/s⁵). */
export function constantAcceleration(axes: number, q: number | readonly number[]): TransitionModel {
  return new PerAxisKinematic(3, axes, q);
}

/**
 * Turn coefficients for rotation by θ = ωT: s/ω = sin(θ)/ω, c1/ω = (1 − cos θ)/ω and their ω
 * derivatives, with series near ω = 0 (where the closed forms lose all precision).
 */
function turnCoefficients(omega: number, T: number, out: Float64Array): void {
  const th = omega * T;
  if (Math.abs(th) < 1e-4) {
    const th2 = th * th;
    out[0] = T * (1 - th2 / 6); // sin(ωT)/ω
    out[1] = omega * T * T * 0.5 * (1 - th2 / 12); // (1−cos ωT)/ω
    out[2] = 1 - th2 / 2; // cos ωT
    out[3] = th * (1 - th2 / 6); // sin ωT
    out[4] = (-omega * T * T * T) / 3; // d/dω [sin(ωT)/ω] = (Tω cos − sin)/ω²
    out[5] = (T * T) / 2 - (omega * omega * T * T * T * T) / 8; // d/dω [(1−cos)/ω] = (Tω sin − (1−cos))/ω²
    return;
  }
  const s = Math.sin(th);
  const c = Math.cos(th);
  out[0] = s / omega;
  out[1] = (1 - c) / omega;
  out[2] = c;
  out[3] = s;
  out[4] = (T * omega * c - s) / (omega * omega);
  out[5] = (T * omega * s - (1 - c)) / (omega * omega);
}

/**
 * Coordinated turn with estimated turn rate ω (rad/s, positive counter-clockwise) in the x-y
 * plane; `axes` = 3 adds an NCV z axis. State [x, vx, y, vy, ω] or [x, vx, y, vy, z, vz, ω].
 * q: linear noise intensity (m²/s³) per axis, qTurn: turn-rate noise intensity (rad²/s³).
 */
class CoordinatedTurn implements TransitionModel {
  readonly name = 'coordinated turn';
  readonly ndim: number;
  readonly positionIndices: number[];
  readonly velocityIndices: number[];
  readonly accelerationIndices: number[] = [];
  readonly turnRateIndex: number;
  readonly linear = false;
  private readonly tc = new Float64Array(6);

  constructor(
    private readonly axes: 2 | 3,
    private readonly q: number,
    private readonly qTurn: number,
  ) {
    if (!(q >= 0) || !(qTurn >= 0)) throw new RangeError('coordinatedTurn: noise intensities must be ≥ 0');
    this.ndim = 2 * axes + 1;
    this.turnRateIndex = 2 * axes;
    this.positionIndices = axes === 3 ? [0, 2, 4] : [0, 2];
    this.velocityIndices = axes === 3 ? [1, 3, 5] : [1, 3];
  }

  apply(x: Float64Array, xo: number, out: Float64Array, oo: number, T: number): void {
    const w = x[xo + this.turnRateIndex];
    const tc = this.tc;
    turnCoefficients(w, T, tc);
    const vx = x[xo + 1];
    const vy = x[xo + 3];
    out[oo] = x[xo] + tc[0] * vx - tc[1] * vy;
    out[oo + 1] = tc[2] * vx - tc[3] * vy;
    out[oo + 2] = x[xo + 2] + tc[1] * vx + tc[0] * vy;
    out[oo + 3] = tc[3] * vx + tc[2] * vy;
    if (this.axes === 3) {
      out[oo + 4] = x[xo + 4] + T * x[xo + 5];
      out[oo + 5] = x[xo + 5];
    }
    out[oo + this.turnRateIndex] = w;
  }

  jacobian(F: Float64Array, x: Float64Array, xo: number, T: number): void {
    const n = this.ndim;
    const wi = this.turnRateIndex;
    const tc = this.tc;
    turnCoefficients(x[xo + wi], T, tc);
    const vx = x[xo + 1];
    const vy = x[xo + 3];
    F.fill(0, 0, n * n);
    // x row
    F[0] = 1;
    F[1] = tc[0];
    F[3] = -tc[1];
    F[wi] = tc[4] * vx - tc[5] * vy;
    // vx row
    F[n + 1] = tc[2];
    F[n + 3] = -tc[3];
    F[n + wi] = -T * (tc[3] * vx + tc[2] * vy);
    // y row
    F[2 * n + 1] = tc[1];
    F[2 * n + 2] = 1;
    F[2 * n + 3] = tc[0];
    F[2 * n + wi] = tc[5] * vx + tc[4] * vy;
    // vy row
    F[3 * n + 1] = tc[3];
    F[3 * n + 3] = tc[2];
    F[3 * n + wi] = T * (tc[2] * vx - tc[3] * vy);
    if (this.axes === 3) {
      F[4 * n + 4] = 1;
      F[4 * n + 5] = T;
      F[5 * n + 5] = 1;
    }
    F[wi * n + wi] = 1;
  }

  covar(Q: Float64Array, T: number): void {
    const n = this.ndim;
    Q.fill(0, 0, n * n);
    const q = this.q;
    for (let a = 0; a < this.axes; a++) {
      const i = 2 * a;
      Q[i * n + i] = (q * T * T * T) / 3;
      Q[i * n + i + 1] = Q[(i + 1) * n + i] = (q * T * T) / 2;
      Q[(i + 1) * n + i + 1] = q * T;
    }
    Q[this.turnRateIndex * n + this.turnRateIndex] = this.qTurn * T;
  }
}

/** Coordinated turn with the turn rate estimated in the state (nonlinear: use an EKF/UKF). */
export function coordinatedTurn(axes: 2 | 3, q: number, qTurn: number): TransitionModel {
  return new CoordinatedTurn(axes, q, qTurn);
}

/**
 * Coordinated turn at a known turn rate ω (linear). State [x, vx, y, vy(, z, vz)]. Noise as
 * NCV per axis (an approximation to the rotated white-noise acceleration; small for |ωT| ≪ 1).
 */
class KnownTurnRate implements TransitionModel {
  readonly name: string;
  readonly ndim: number;
  readonly positionIndices: number[];
  readonly velocityIndices: number[];
  readonly accelerationIndices: number[] = [];
  readonly turnRateIndex = -1;
  readonly linear = true;
  private readonly tc = new Float64Array(6);

  constructor(
    private readonly axes: 2 | 3,
    private readonly omega: number,
    private readonly q: number,
  ) {
    this.name = `known turn rate ${omega} rad/s`;
    this.ndim = 2 * axes;
    this.positionIndices = axes === 3 ? [0, 2, 4] : [0, 2];
    this.velocityIndices = axes === 3 ? [1, 3, 5] : [1, 3];
  }

  apply(x: Float64Array, xo: number, out: Float64Array, oo: number, T: number): void {
    const tc = this.tc;
    turnCoefficients(this.omega, T, tc);
    const vx = x[xo + 1];
    const vy = x[xo + 3];
    out[oo] = x[xo] + tc[0] * vx - tc[1] * vy;
    out[oo + 1] = tc[2] * vx - tc[3] * vy;
    out[oo + 2] = x[xo + 2] + tc[1] * vx + tc[0] * vy;
    out[oo + 3] = tc[3] * vx + tc[2] * vy;
    if (this.axes === 3) {
      out[oo + 4] = x[xo + 4] + T * x[xo + 5];
      out[oo + 5] = x[xo + 5];
    }
  }

  jacobian(F: Float64Array, _x: Float64Array, _xo: number, T: number): void {
    const n = this.ndim;
    const tc = this.tc;
    turnCoefficients(this.omega, T, tc);
    F.fill(0, 0, n * n);
    F[0] = 1;
    F[1] = tc[0];
    F[3] = -tc[1];
    F[n + 1] = tc[2];
    F[n + 3] = -tc[3];
    F[2 * n + 1] = tc[1];
    F[2 * n + 2] = 1;
    F[2 * n + 3] = tc[0];
    F[3 * n + 1] = tc[3];
    F[3 * n + 3] = tc[2];
    if (this.axes === 3) {
      F[4 * n + 4] = 1;
      F[4 * n + 5] = T;
      F[5 * n + 5] = 1;
    }
  }

  covar(Q: Float64Array, T: number): void {
    const n = this.ndim;
    Q.fill(0, 0, n * n);
    for (let a = 0; a < this.axes; a++) {
      const i = 2 * a;
      Q[i * n + i] = (this.q * T * T * T) / 3;
      Q[i * n + i + 1] = Q[(i + 1) * n + i] = (this.q * T * T) / 2;
      Q[(i + 1) * n + i + 1] = this.q * T;
    }
  }
}

export function knownTurnRate(axes: 2 | 3, omega: number, q: number): TransitionModel {
  return new KnownTurnRate(axes, omega, q);
}

/**
 * NCV on the coordinated-turn state [x, vx, y, vy, (z, vz,) ω]: positions and velocities move
 * as NCV; ω is reset to 0 with a small variance `omegaVar` (the "straight flight" mode of a
 * CV/CT IMM, Bar-Shalom et al. 2001 §11.7.2 — ω has no meaning in this mode, so mixing hands the
 * CT mode a prior centred on straight flight).
 */
class NcvTurnAugmented implements TransitionModel {
  readonly name = 'constant velocity (turn-rate state)';
  readonly ndim: number;
  readonly positionIndices: number[];
  readonly velocityIndices: number[];
  readonly accelerationIndices: number[] = [];
  readonly turnRateIndex: number;
  readonly linear = true;

  constructor(
    private readonly axes: 2 | 3,
    private readonly q: number,
    private readonly omegaVar: number,
  ) {
    this.ndim = 2 * axes + 1;
    this.turnRateIndex = 2 * axes;
    this.positionIndices = axes === 3 ? [0, 2, 4] : [0, 2];
    this.velocityIndices = axes === 3 ? [1, 3, 5] : [1, 3];
  }

  apply(x: Float64Array, xo: number, out: Float64Array, oo: number, T: number): void {
    for (let a = 0; a < this.axes; a++) {
      out[oo + 2 * a] = x[xo + 2 * a] + T * x[xo + 2 * a + 1];
      out[oo + 2 * a + 1] = x[xo + 2 * a + 1];
    }
    out[oo + this.turnRateIndex] = 0;
  }

  jacobian(F: Float64Array, _x: Float64Array, _xo: number, T: number): void {
    const n = this.ndim;
    F.fill(0, 0, n * n);
    for (let a = 0; a < this.axes; a++) {
      const i = 2 * a;
      F[i * n + i] = 1;
      F[i * n + i + 1] = T;
      F[(i + 1) * n + i + 1] = 1;
    }
    // ω row zero: ω ← 0
  }

  covar(Q: Float64Array, T: number): void {
    const n = this.ndim;
    Q.fill(0, 0, n * n);
    for (let a = 0; a < this.axes; a++) {
      const i = 2 * a;
      Q[i * n + i] = (this.q * T * T * T) / 3;
      Q[i * n + i + 1] = Q[(i + 1) * n + i] = (this.q * T * T) / 2;
      Q[(i + 1) * n + i + 1] = this.q * T;
    }
    Q[this.turnRateIndex * n + this.turnRateIndex] = this.omegaVar;
  }

  /** Structured x ← F x, P ← F P Fᵀ + Q: NCV 2×2 blocks, ω row/column zeroed (ω ← 0). */
  predictInPlace(buf: Float64Array, off: number, T: number): void {
    const n = this.ndim;
    const axes = this.axes;
    const w = this.turnRateIndex;
    const p = off + n;
    for (let a = 0; a < axes; a++) buf[off + 2 * a] += T * buf[off + 2 * a + 1];
    buf[off + w] = 0;
    const TT = T * T;
    for (let a = 0; a < axes; a++) {
      for (let b = 0; b < axes; b++) {
        const i0 = p + 2 * a * n + 2 * b;
        const i1 = i0 + n;
        const p00 = buf[i0];
        const p01 = buf[i0 + 1];
        const p10 = buf[i1];
        const p11 = buf[i1 + 1];
        buf[i0] = p00 + T * (p01 + p10) + TT * p11;
        buf[i0 + 1] = p01 + T * p11;
        buf[i1] = p10 + T * p11;
      }
    }
    for (let k = 0; k < n; k++) {
      buf[p + w * n + k] = 0;
      buf[p + k * n + w] = 0;
    }
    const T3 = TT * T;
    for (let a = 0; a < axes; a++) {
      const i0 = p + 2 * a * n + 2 * a;
      buf[i0] += (this.q * T3) / 3;
      buf[i0 + 1] += (this.q * TT) / 2;
      buf[i0 + n] += (this.q * TT) / 2;
      buf[i0 + n + 1] += this.q * T;
    }
    buf[p + w * n + w] = this.omegaVar;
  }
}

export function constantVelocityTurnAugmented(axes: 2 | 3, q: number, omegaVar = 1e-6): TransitionModel {
  return new NcvTurnAugmented(axes, q, omegaVar);
}
