/**
 * Kalman-family predictors and updaters on [x, P] slots (n + n² floats). Equations and sources:
 * docs/models/tracking.md §Filters.
 *
 *  - `kalmanPredictor(model)`: x ← f(x), P ← F P Fᵀ + Q. For a linear model this is the Kalman
 *    prediction; for a nonlinear one F is the Jacobian at the prior mean (EKF prediction). Uses
 *    the model's structured `predictInPlace` when it has one (NCV/NCA).
 *  - `kalmanUpdater()`: linear position measurements (H selects state components), Joseph-form
 *    covariance update P⁺ = (I − KH) P (I − KH)ᵀ + K R Kᵀ (Bucy & Joseph 1968; Bar-Shalom et al.
 *    2001 eq. 5.2.3-18), which stays symmetric positive semidefinite under rounding.
 *  - `extendedKalmanUpdater()`: any measurement model; ẑ = h(x̂), H = ∂h/∂x at x̂, innovations
 *    wrapped on angular components, Joseph form.
 *  - `unscentedKalmanPredictor`/`unscentedKalmanUpdater`: the scaled unscented transform
 *    (Julier & Uhlmann 1997; Wan & van der Merwe 2000) with α = 1, β = 2, κ = 0 by default
 *    (all weights non-negative); angular measurement means are taken on wrapped differences.
 *
 * Why these are hand-written rather than composed from math/matrix.ts: the benchmark loop runs a
 * predict and an update per track per scan (millions per second); the selection-H update touches
 * only the rows/columns H picks, and symmetric results are computed on one triangle.
 */
import { mat } from '../../math/index.js';
import type { MeasurementModel, Predictor, TransitionModel, Updater } from '../types.js';
import { wrapAngle } from '../models/measurement.js';
import { gaussianLogLikelihood, invertSymmetric, mergeGaussianSlots, quadForm, symmetrize } from './small.js';
import {
  josephSelect4x2, josephSelect4x2Into, josephSelect5x2, josephSelect5x2Into, josephSelect6x3, josephSelect6x3Into, josephSelect7x3,
  josephSelect7x3Into,
} from './joseph-select.js';

/** Largest state and measurement dimensions the scratch buffers are sized for. */
const NMAX = 16;
const MMAX = 6;

function copyIn(buf: Float64Array, off: number, n: number, x: ArrayLike<number>, P: ArrayLike<number>): void {
  if (x.length !== n || P.length !== n * n) {
    throw new RangeError(`initSlot: expected a mean of ${n} and a covariance of ${n * n} entries, got ${x.length} and ${P.length}`);
  }
  for (let i = 0; i < n; i++) buf[off + i] = x[i];
  for (let i = 0; i < n * n; i++) buf[off + n + i] = P[i];
}

/** Common metadata of single-model Gaussian predictors. */
abstract class GaussianPredictor implements Predictor {
  abstract readonly name: string;
  readonly ndim: number;
  readonly slotSize: number;
  readonly positionIndices: readonly number[];
  readonly velocityIndices: readonly number[];
  readonly accelerationIndices: readonly number[];
  readonly turnRateIndex: number;

  constructor(readonly model: TransitionModel) {
    if (model.ndim > NMAX) throw new RangeError(`state dimension ${model.ndim} exceeds ${NMAX}`);
    this.ndim = model.ndim;
    this.slotSize = model.ndim + model.ndim * model.ndim;
    this.positionIndices = model.positionIndices;
    this.velocityIndices = model.velocityIndices;
    this.accelerationIndices = model.accelerationIndices;
    this.turnRateIndex = model.turnRateIndex;
  }

  abstract predict(buf: Float64Array, off: number, dt: number): void;

  initSlot(buf: Float64Array, off: number, x: ArrayLike<number>, P: ArrayLike<number>): void {
    copyIn(buf, off, this.ndim, x, P);
  }

  mergeSlots(dst: Float64Array, doff: number, src: Float64Array, offs: Int32Array, w: Float64Array, count: number): void {
    mergeGaussianSlots(this.ndim, dst, doff, src, offs, w, count);
  }
}

class KalmanPredictor extends GaussianPredictor {
  readonly name: string;
  private readonly F = new Float64Array(NMAX * NMAX);
  private readonly Q = new Float64Array(NMAX * NMAX);
  private readonly FP = new Float64Array(NMAX * NMAX);
  private readonly xs = new Float64Array(NMAX);
  private readonly nz = new Int32Array(NMAX * NMAX);
  private readonly nzCount = new Int32Array(NMAX);

  constructor(model: TransitionModel) {
    super(model);
    this.name = `${model.linear ? 'Kalman' : 'extended Kalman'} predictor (${model.name})`;
  }

  predict(buf: Float64Array, off: number, dt: number): void {
    if (dt === 0) return;
    const model = this.model;
    if (model.predictInPlace) {
      model.predictInPlace(buf, off, dt);
      return;
    }
    const n = this.ndim;
    const F = this.F;
    const Q = this.Q;
    const FP = this.FP;
    const nz = this.nz;
    const nzc = this.nzCount;
    model.jacobian(F, buf, off, dt); // at the prior mean (EKF)
    model.covar(Q, dt, buf, off);
    model.apply(buf, off, this.xs, 0, dt);
    for (let i = 0; i < n; i++) buf[off + i] = this.xs[i];
    // F is sparse (motion models couple few states): list each row's non-zero columns once.
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let k = 0; k < n; k++) if (F[i * n + k] !== 0) nz[i * n + c++] = k;
      nzc[i] = c;
    }
    const p = off + n;
    // FP = F P
    for (let i = 0; i < n; i++) {
      const c = nzc[i];
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < c; q++) {
          const k = nz[i * n + q];
          s += F[i * n + k] * buf[p + k * n + j];
        }
        FP[i * n + j] = s;
      }
    }
    // P = FP Fᵀ + Q (upper triangle, mirrored)
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = Q[i * n + j];
        const c = nzc[j];
        for (let q = 0; q < c; q++) {
          const k = nz[j * n + q];
          s += FP[i * n + k] * F[j * n + k];
        }
        buf[p + i * n + j] = s;
        buf[p + j * n + i] = s;
      }
    }
  }
}

/** Kalman (linear model) or extended Kalman (nonlinear model) prediction. */
export function kalmanPredictor(model: TransitionModel): Predictor {
  return new KalmanPredictor(model);
}

/** Scaled unscented transform weights (Wan & van der Merwe 2000, eq. 15). */
class SigmaWeights {
  readonly wm0: number;
  readonly wc0: number;
  readonly wi: number;
  readonly spread: number; // √(n + λ)
  constructor(n: number, alpha: number, beta: number, kappa: number) {
    const lambda = alpha * alpha * (n + kappa) - n;
    this.wm0 = lambda / (n + lambda);
    this.wc0 = this.wm0 + (1 - alpha * alpha + beta);
    this.wi = 1 / (2 * (n + lambda));
    this.spread = Math.sqrt(n + lambda);
  }
}

export interface UnscentedOptions {
  alpha?: number;
  beta?: number;
  kappa?: number;
}

/**
 * Sigma points X (2n+1 rows of n) of N(x, P) for the slot at off: X₀ = x, X_{±i} = x ± √(n+λ) Lᵢ
 * with L the lower Cholesky factor of P (column i). Returns false if P is not PSD.
 */
function sigmaPoints(buf: Float64Array, off: number, n: number, spread: number, L: Float64Array, X: Float64Array, Pcopy: Float64Array): boolean {
  for (let i = 0; i < n * n; i++) Pcopy[i] = buf[off + n + i];
  if (!mat.choleskySemidefiniteInto(L, Pcopy, n)) return false;
  for (let j = 0; j < n; j++) X[j] = buf[off + j];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = spread * L[j * n + i];
      X[(1 + i) * n + j] = buf[off + j] + d;
      X[(1 + n + i) * n + j] = buf[off + j] - d;
    }
  }
  return true;
}

class UnscentedPredictor extends GaussianPredictor {
  readonly name: string;
  private readonly w: SigmaWeights;
  private readonly L: Float64Array;
  private readonly X: Float64Array;
  private readonly Y: Float64Array;
  private readonly Q: Float64Array;
  private readonly Pc: Float64Array;

  constructor(model: TransitionModel, o: UnscentedOptions) {
    super(model);
    const n = model.ndim;
    this.name = `unscented Kalman predictor (${model.name})`;
    this.w = new SigmaWeights(n, o.alpha ?? 1, o.beta ?? 2, o.kappa ?? 0);
    this.L = new Float64Array(n * n);
    this.X = new Float64Array((2 * n + 1) * n);
    this.Y = new Float64Array((2 * n + 1) * n);
    this.Q = new Float64Array(n * n);
    this.Pc = new Float64Array(n * n);
  }

  predict(buf: Float64Array, off: number, dt: number): void {
    if (dt === 0) return;
    const n = this.ndim;
    const { X, Y, Q, w } = this;
    if (!sigmaPoints(buf, off, n, w.spread, this.L, X, this.Pc)) throw new RangeError('unscented predictor: covariance is not positive semidefinite');
    const ns = 2 * n + 1;
    for (let s = 0; s < ns; s++) this.model.apply(X, s * n, Y, s * n, dt);
    this.model.covar(Q, dt, buf, off);
    for (let j = 0; j < n; j++) {
      let m = w.wm0 * Y[j];
      for (let s = 1; s < ns; s++) m += w.wi * Y[s * n + j];
      buf[off + j] = m;
    }
    const p = off + n;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let c = Q[i * n + j] + w.wc0 * (Y[i] - buf[off + i]) * (Y[j] - buf[off + j]);
        for (let s = 1; s < ns; s++) c += w.wi * (Y[s * n + i] - buf[off + i]) * (Y[s * n + j] - buf[off + j]);
        buf[p + i * n + j] = c;
        buf[p + j * n + i] = c;
      }
    }
  }
}

export function unscentedKalmanPredictor(model: TransitionModel, options: UnscentedOptions = {}): Predictor {
  return new UnscentedPredictor(model, options);
}

/** A straight-line Joseph update of one slot: (buf, off, z, zo, R, ro) → ln N(ν; 0, S). */
export type JosephKernel = (
  buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number,
  knownDet?: Float64Array, knownLnDet?: Float64Array, k?: number,
) => number;

/** The same update writing ln N(ν; 0, S) to llOut[lo] (no boxed return value; joseph-select.ts). */
export type JosephKernelInto = (
  llOut: Float64Array, lo: number, buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number,
  knownDet?: Float64Array, knownLnDet?: Float64Array, k?: number,
) => void;

/** Which straight-line shape fits: 0 none, else n·10 + m (42, 52, 63, 73). */
function josephShape(model: MeasurementModel): number {
  const sel = model.selection;
  if (sel === null) return 0;
  const n = model.ndim;
  const m = model.mdim;
  if (m === 2 && sel[0] === 0 && sel[1] === 2 && !model.angular[0] && !model.angular[1]) {
    if (n === 4 || n === 5) return 10 * n + 2;
  }
  if (m === 3 && sel[0] === 0 && sel[1] === 2 && sel[2] === 4 && !model.angular[0] && !model.angular[1] && !model.angular[2]) {
    if (n === 6 || n === 7) return 10 * n + 3;
  }
  return 0;
}

/**
 * The straight-line kernel (joseph-select.ts) for a Cartesian position measurement of a 2-D/3-D
 * NCV (or CV/CT) state — H selects x, y(, z) at state indices 0, 2(, 4) — else null.
 */
export function josephKernel(model: MeasurementModel): JosephKernel | null {
  switch (josephShape(model)) {
    case 42: return josephSelect4x2;
    case 52: return josephSelect5x2;
    case 63: return josephSelect6x3;
    case 73: return josephSelect7x3;
    default: return null;
  }
}

/** `josephKernel`'s `…Into` form. */
export function josephKernelInto(model: MeasurementModel): JosephKernelInto | null {
  switch (josephShape(model)) {
    case 42: return josephSelect4x2Into;
    case 52: return josephSelect5x2Into;
    case 63: return josephSelect6x3Into;
    case 73: return josephSelect7x3Into;
    default: return null;
  }
}

/**
 * For the tracker's specialised loop: the transition model whose in-place linear prediction
 * (x ← F x, P ← F P Fᵀ + Q) is exactly what `predictor.predict` does, when `predictor` is a
 * plain Kalman predictor of such a model (NCV/NCA); else null.
 */
export function inPlaceLinearModel(predictor: Predictor): TransitionModel | null {
  return predictor instanceof KalmanPredictor && predictor.model.predictInPlace !== undefined ? predictor.model : null;
}

/**
 * For the tracker's specialised loop: the Joseph kernel (`…Into` form) `updater.update(model, …)`
 * runs, when `updater` is the linear Kalman updater and `model` one of the kernel shapes; else null.
 */
export function directKalmanKernel(updater: Updater, model: MeasurementModel): JosephKernelInto | null {
  return updater instanceof KalmanUpdater ? josephKernelInto(model) : null;
}

/** Linear Kalman updater for measurement models with a selection H (Cartesian positions). */
export class KalmanUpdater implements Updater {
  readonly name = 'Kalman updater (Joseph form)';
  private readonly S = new Float64Array(MMAX * MMAX);
  private readonly Si = new Float64Array(MMAX * MMAX);
  private readonly nu = new Float64Array(MMAX);
  private readonly K = new Float64Array(NMAX * MMAX);
  private readonly KR = new Float64Array(NMAX * MMAX);
  private readonly A = new Float64Array(NMAX * NMAX);
  private readonly scratch = new Float64Array(MMAX * MMAX);

  predictMeasurement(model: MeasurementModel, buf: Float64Array, off: number, zhat: Float64Array, zo: number, S0: Float64Array, so: number): void {
    const sel = model.selection;
    if (!sel) throw new RangeError(`Kalman updater needs a linear measurement model, got ${model.name}`);
    const n = model.ndim;
    const m = model.mdim;
    const p = off + n;
    if (m === 2) {
      const s0 = sel[0];
      const s1 = sel[1];
      zhat[zo] = buf[off + s0];
      zhat[zo + 1] = buf[off + s1];
      S0[so] = buf[p + s0 * n + s0];
      S0[so + 1] = buf[p + s0 * n + s1];
      S0[so + 2] = buf[p + s1 * n + s0];
      S0[so + 3] = buf[p + s1 * n + s1];
      return;
    }
    for (let a = 0; a < m; a++) {
      zhat[zo + a] = buf[off + sel[a]];
      for (let b = 0; b < m; b++) S0[so + a * m + b] = buf[p + sel[a] * n + sel[b]];
    }
  }

  update(model: MeasurementModel, buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number): number {
    const sel = model.selection;
    if (!sel) throw new RangeError(`Kalman updater needs a linear measurement model, got ${model.name}`);
    const kernel = josephKernel(model);
    if (kernel !== null) return kernel(buf, off, z, zo, R, ro);
    return this.updateGeneric(model, sel, buf, off, z, zo, R, ro);
  }

  /** The same update for any selection (loops). */
  updateGeneric(model: MeasurementModel, sel: Int32Array, buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number): number {
    const n = model.ndim;
    const m = model.mdim;
    const p = off + n;
    const { S, Si, nu, K, KR, A } = this;
    for (let a = 0; a < m; a++) {
      const ra = p + sel[a] * n;
      for (let b = 0; b < m; b++) S[a * m + b] = buf[ra + sel[b]] + R[ro + a * m + b];
      const v = z[zo + a] - buf[off + sel[a]];
      nu[a] = model.angular[a] ? wrapAngle(v) : v;
    }
    const logDet = invertSymmetric(S, 0, m, Si, 0, this.scratch);
    if (Number.isNaN(logDet)) return -Infinity;
    // K = P Hᵀ S⁻¹ (n×m); (P Hᵀ)[i, b] = P[i, sel b]
    for (let i = 0; i < n; i++) {
      const ri = p + i * n;
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let b = 0; b < m; b++) s += buf[ri + sel[b]] * Si[b * m + a];
        K[i * m + a] = s;
      }
    }
    // KR = K R
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let b = 0; b < m; b++) s += K[i * m + b] * R[ro + b * m + a];
        KR[i * m + a] = s;
      }
    }
    // x ← x + K ν
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += K[i * m + a] * nu[a];
      buf[off + i] += s;
    }
    // Joseph form with H a selection: A = (I − KH) P = P − K (HP), (HP)[a, j] = P[sel a, j];
    // P⁺ = A (I − KH)ᵀ + K R Kᵀ = A − (A Hᵀ) Kᵀ + K R Kᵀ, (A Hᵀ)[i, a] = A[i, sel a].
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = buf[p + i * n + j];
        for (let a = 0; a < m; a++) s -= K[i * m + a] * buf[p + sel[a] * n + j];
        A[i * n + j] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = A[i * n + j];
        for (let a = 0; a < m; a++) s += (KR[i * m + a] - A[i * n + sel[a]]) * K[j * m + a];
        buf[p + i * n + j] = s;
        buf[p + j * n + i] = s;
      }
    }
    return gaussianLogLikelihood(quadForm(Si, 0, nu, 0, m), logDet, m);
  }
}

/** Kalman update for linear (selection-H) measurement models, Joseph form. */
export function kalmanUpdater(): KalmanUpdater {
  return new KalmanUpdater();
}

/** Extended Kalman updater (any differentiable measurement model), Joseph form. */
class ExtendedKalmanUpdater implements Updater {
  readonly name = 'extended Kalman updater (Joseph form)';
  private readonly H = new Float64Array(MMAX * NMAX);
  private readonly PHt = new Float64Array(NMAX * MMAX);
  private readonly S = new Float64Array(MMAX * MMAX);
  private readonly Si = new Float64Array(MMAX * MMAX);
  private readonly zh = new Float64Array(MMAX);
  private readonly nu = new Float64Array(MMAX);
  private readonly K = new Float64Array(NMAX * MMAX);
  private readonly A = new Float64Array(NMAX * NMAX);
  private readonly AP = new Float64Array(NMAX * NMAX);
  private readonly KR = new Float64Array(NMAX * MMAX);
  private readonly scratch = new Float64Array(MMAX * MMAX);

  /** PHt = P Hᵀ and S0 = H P Hᵀ at the slot's mean. */
  private linearise(model: MeasurementModel, buf: Float64Array, off: number, S0: Float64Array, so: number): void {
    const n = model.ndim;
    const m = model.mdim;
    const p = off + n;
    const { H, PHt } = this;
    model.jacobian(H, buf, off);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let j = 0; j < n; j++) {
          const h = H[a * n + j];
          if (h !== 0) s += buf[p + i * n + j] * h;
        }
        PHt[i * m + a] = s;
      }
    }
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        let s = 0;
        for (let j = 0; j < n; j++) {
          const h = H[a * n + j];
          if (h !== 0) s += h * PHt[j * m + b];
        }
        S0[so + a * m + b] = s;
        S0[so + b * m + a] = s;
      }
    }
  }

  predictMeasurement(model: MeasurementModel, buf: Float64Array, off: number, zhat: Float64Array, zo: number, S0: Float64Array, so: number): void {
    model.h(buf, off, zhat, zo);
    this.linearise(model, buf, off, S0, so);
  }

  update(model: MeasurementModel, buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number): number {
    const n = model.ndim;
    const m = model.mdim;
    const p = off + n;
    const { H, PHt, S, Si, zh, nu, K, A, AP, KR } = this;
    model.h(buf, off, zh, 0);
    this.linearise(model, buf, off, S, 0);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) S[a * m + b] += R[ro + a * m + b];
      const v = z[zo + a] - zh[a];
      nu[a] = model.angular[a] ? wrapAngle(v) : v;
    }
    const logDet = invertSymmetric(S, 0, m, Si, 0, this.scratch);
    if (Number.isNaN(logDet)) return -Infinity;
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let b = 0; b < m; b++) s += PHt[i * m + b] * Si[b * m + a];
        K[i * m + a] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += K[i * m + a] * nu[a];
      buf[off + i] += s;
    }
    // Joseph form: A = I − K H; P⁺ = A P Aᵀ + K R Kᵀ
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = i === j ? 1 : 0;
        for (let a = 0; a < m; a++) s -= K[i * m + a] * H[a * n + j];
        A[i * n + j] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) {
          const aik = A[i * n + k];
          if (aik !== 0) s += aik * buf[p + k * n + j];
        }
        AP[i * n + j] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let b = 0; b < m; b++) s += K[i * m + b] * R[ro + b * m + a];
        KR[i * m + a] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) {
          const ajk = A[j * n + k];
          if (ajk !== 0) s += AP[i * n + k] * ajk;
        }
        for (let a = 0; a < m; a++) s += KR[i * m + a] * K[j * m + a];
        buf[p + i * n + j] = s;
        buf[p + j * n + i] = s;
      }
    }
    return gaussianLogLikelihood(quadForm(Si, 0, nu, 0, m), logDet, m);
  }
}

export function extendedKalmanUpdater(): Updater {
  return new ExtendedKalmanUpdater();
}

/** Unscented Kalman updater. */
class UnscentedUpdater implements Updater {
  readonly name = 'unscented Kalman updater';
  private w: SigmaWeights | null = null;
  private wn = -1;
  private L = new Float64Array(0);
  private X = new Float64Array(0);
  private Z = new Float64Array(0);
  private Pc = new Float64Array(0);
  private readonly Pxz = new Float64Array(NMAX * MMAX);
  private readonly S = new Float64Array(MMAX * MMAX);
  private readonly Si = new Float64Array(MMAX * MMAX);
  private readonly zh = new Float64Array(MMAX);
  private readonly nu = new Float64Array(MMAX);
  private readonly K = new Float64Array(NMAX * MMAX);
  private readonly scratch = new Float64Array(MMAX * MMAX);

  constructor(private readonly o: UnscentedOptions) {}

  private weights(n: number): SigmaWeights {
    if (this.wn !== n) {
      this.w = new SigmaWeights(n, this.o.alpha ?? 1, this.o.beta ?? 2, this.o.kappa ?? 0);
      this.wn = n;
      this.L = new Float64Array(n * n);
      this.Pc = new Float64Array(n * n);
      this.X = new Float64Array((2 * n + 1) * n);
      this.Z = new Float64Array((2 * n + 1) * MMAX);
    }
    return this.w!;
  }

  /** Sigma points through h; ẑ (wrapped mean on angles) into zh; S0 = Σ w (Z − ẑ)(Z − ẑ)ᵀ. */
  private transform(model: MeasurementModel, buf: Float64Array, off: number, zhat: Float64Array, zo: number, S0: Float64Array, so: number): SigmaWeights {
    const n = model.ndim;
    const m = model.mdim;
    const w = this.weights(n);
    const { X, Z } = this;
    if (!sigmaPoints(buf, off, n, w.spread, this.L, X, this.Pc)) throw new RangeError('unscented updater: covariance is not positive semidefinite');
    const ns = 2 * n + 1;
    for (let s = 0; s < ns; s++) model.h(X, s * n, Z, s * m);
    for (let a = 0; a < m; a++) {
      const ang = model.angular[a] === 1;
      const ref = Z[a];
      let acc = 0;
      for (let s = 1; s < ns; s++) {
        const d = Z[s * m + a] - ref;
        acc += w.wi * (ang ? wrapAngle(d) : d);
      }
      // Σ wm = 1, so the mean is ref + Σ_{s≥1} w_s (Z_s − ref) (w₀'s term is 0)
      zhat[zo + a] = ang ? wrapAngle(ref + acc) : ref + acc;
      // store deviations Z_s − ẑ in place for the covariances
    }
    for (let s = 0; s < ns; s++) {
      for (let a = 0; a < m; a++) {
        const d = Z[s * m + a] - zhat[zo + a];
        Z[s * m + a] = model.angular[a] ? wrapAngle(d) : d;
      }
    }
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        let c = w.wc0 * Z[a] * Z[b];
        for (let s = 1; s < ns; s++) c += w.wi * Z[s * m + a] * Z[s * m + b];
        S0[so + a * m + b] = c;
        S0[so + b * m + a] = c;
      }
    }
    return w;
  }

  predictMeasurement(model: MeasurementModel, buf: Float64Array, off: number, zhat: Float64Array, zo: number, S0: Float64Array, so: number): void {
    this.transform(model, buf, off, zhat, zo, S0, so);
  }

  update(model: MeasurementModel, buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number): number {
    const n = model.ndim;
    const m = model.mdim;
    const p = off + n;
    const { S, Si, zh, nu, K, Pxz } = this;
    const w = this.transform(model, buf, off, zh, 0, S, 0);
    const { X, Z } = this;
    const ns = 2 * n + 1;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) S[a * m + b] += R[ro + a * m + b];
      const v = z[zo + a] - zh[a];
      nu[a] = model.angular[a] ? wrapAngle(v) : v;
    }
    // Pxz = Σ w (X − x̂)(Z − ẑ)ᵀ; X₀ = x̂ so its term vanishes.
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < m; a++) {
        let c = 0;
        for (let s = 1; s < ns; s++) c += w.wi * (X[s * n + i] - buf[off + i]) * Z[s * m + a];
        Pxz[i * m + a] = c;
      }
    }
    const logDet = invertSymmetric(S, 0, m, Si, 0, this.scratch);
    if (Number.isNaN(logDet)) return -Infinity;
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let b = 0; b < m; b++) s += Pxz[i * m + b] * Si[b * m + a];
        K[i * m + a] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += K[i * m + a] * nu[a];
      buf[off + i] += s;
    }
    // P⁺ = P − K S Kᵀ (no H to form a Joseph update with); symmetric by construction below.
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let a = 0; a < m; a++) {
          let t = 0;
          for (let b = 0; b < m; b++) t += S[a * m + b] * K[j * m + b];
          s += K[i * m + a] * t;
        }
        const v = buf[p + i * n + j] - s;
        buf[p + i * n + j] = v;
        buf[p + j * n + i] = v;
      }
    }
    symmetrize(buf, p, n);
    return gaussianLogLikelihood(quadForm(Si, 0, nu, 0, m), logDet, m);
  }
}

export function unscentedKalmanUpdater(options: UnscentedOptions = {}): Updater {
  return new UnscentedUpdater(options);
}
