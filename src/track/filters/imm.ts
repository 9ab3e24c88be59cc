/**
 * Interacting Multiple Model filter (Blom & Bar-Shalom, IEEE TAC 33(8) 1988; Bar-Shalom et al.
 * 2001 §11.6.6). Modes are ordinary single-model predictors/updaters on the same state vector;
 * the IMM composes them (Stone Soup's IMMPredictor/IMMUpdater split).
 *
 * Slot layout (floats): [x (n), P (n²), μ (M), mode 0 [x, P], …, mode M−1 [x, P]]; the front
 * [x, P] is the moment-matched combined estimate, so gating and output read it like any filter.
 *
 * Cycle, with π_ij = P(mode j now | mode i before) for the elapsed interval:
 *   mixing      c̄_j = Σ_i π_ij μ_i,  μ_i|j = π_ij μ_i / c̄_j,
 *               x0_j = Σ_i μ_i|j x_i,  P0_j = Σ_i μ_i|j (P_i + (x_i − x0_j)(x_i − x0_j)ᵀ)
 *   prediction  each mode from (x0_j, P0_j); predicted mode probabilities c̄_j
 *   update      Λ_j = N(ν_j; 0, S_j),  μ_j = Λ_j c̄_j / Σ_i Λ_i c̄_i
 *   combination x = Σ μ_j x_j,  P = Σ μ_j (P_j + (x_j − x)(x_j − x)ᵀ)
 * A missed detection leaves μ at c̄ (the miss likelihood 1 − P_D is the same in every mode).
 * Transition probabilities for an interval Δt come from mean sojourn times τ_j:
 * π_jj = exp(−Δt/τ_j), the rest spread evenly (a continuous-time Markov chain's embedded
 * chain, so irregular revisit intervals are handled).
 */
import type { MeasurementModel, Predictor, Updater } from '../types.js';
import { mergeGaussianSlots } from './small.js';
import { directKalmanKernel, type JosephKernelInto } from './kalman.js';

export interface ImmOptions {
  /** Mean sojourn time τ_j (s) in each mode. */
  sojournTimes: readonly number[];
  /** Initial mode probabilities (default: uniform). */
  initialProbabilities?: readonly number[];
}

/** Floor on mode probabilities so no mode is ever locked out by rounding to 0. */
const MU_FLOOR = 1e-12;

export class ImmPredictor implements Predictor {
  readonly name: string;
  readonly ndim: number;
  readonly slotSize: number;
  readonly positionIndices: readonly number[];
  readonly velocityIndices: readonly number[];
  readonly accelerationIndices: readonly number[];
  readonly turnRateIndex: number;
  readonly modeCount: number;
  private readonly modeSize: number;
  private readonly tau: Float64Array;
  private readonly mu0: Float64Array;
  private readonly pi: Float64Array;
  private readonly cbar: Float64Array;
  private readonly w: Float64Array;
  private readonly offs: Int32Array;
  private readonly mixed: Float64Array;
  private mixW = new Float64Array(16);
  private piDt = NaN;
  private mixOffs = new Int32Array(16);

  constructor(
    readonly modes: readonly Predictor[],
    options: ImmOptions,
  ) {
    if (modes.length < 2) throw new RangeError('IMM needs at least two modes');
    const n = modes[0].ndim;
    for (const m of modes) {
      if (m.ndim !== n || m.slotSize !== n + n * n) {
        throw new RangeError('IMM modes must be single-model Gaussian predictors on the same state dimension');
      }
    }
    const M = modes.length;
    if (options.sojournTimes.length !== M || !options.sojournTimes.every((t) => t > 0)) {
      throw new RangeError(`IMM needs ${M} positive sojourn times`);
    }
    this.modeCount = M;
    this.name = `IMM (${modes.map((m) => m.name).join(' | ')})`;
    this.ndim = n;
    this.modeSize = n + n * n;
    this.slotSize = n + n * n + M + M * this.modeSize;
    this.positionIndices = modes[0].positionIndices;
    this.velocityIndices = modes[0].velocityIndices;
    this.accelerationIndices = modes[0].accelerationIndices;
    this.turnRateIndex = modes[0].turnRateIndex;
    this.tau = Float64Array.from(options.sojournTimes);
    const p0 = options.initialProbabilities ?? Array.from({ length: M }, () => 1 / M);
    if (p0.length !== M) throw new RangeError(`IMM: ${M} initial probabilities expected`);
    const s = p0.reduce((a, b) => a + b, 0);
    this.mu0 = Float64Array.from(p0, (p) => p / s);
    this.pi = new Float64Array(M * M);
    this.cbar = new Float64Array(M);
    this.w = new Float64Array(M);
    this.offs = new Int32Array(M);
    this.mixed = new Float64Array(M * this.modeSize);
  }

  /** Offset (relative to the slot) of mode j's [x, P]. */
  modeOffset(j: number): number {
    const n = this.ndim;
    return n + n * n + this.modeCount + j * this.modeSize;
  }

  /** Offset (relative to the slot) of the mode probabilities. */
  get muOffset(): number {
    return this.ndim + this.ndim * this.ndim;
  }

  /** Transition matrix for interval dt into this.pi (kept while dt repeats: a scan's tracks share it). */
  private transition(dt: number): void {
    if (dt === this.piDt) return;
    this.piDt = dt;
    const M = this.modeCount;
    for (let i = 0; i < M; i++) {
      const stay = Math.exp(-Math.abs(dt) / this.tau[i]);
      for (let j = 0; j < M; j++) this.pi[i * M + j] = i === j ? stay : (1 - stay) / (M - 1);
    }
  }

  /** Front [x, P] ← moment-matched combination of the modes with weights μ. */
  combine(buf: Float64Array, off: number): void {
    const M = this.modeCount;
    const mo = off + this.muOffset;
    for (let j = 0; j < M; j++) {
      this.offs[j] = off + this.modeOffset(j);
      this.w[j] = buf[mo + j];
    }
    // The front [x, P] does not overlap the mode blocks, so merge straight into it.
    mergeGaussianSlots(this.ndim, buf, off, buf, this.offs, this.w, M);
  }

  predict(buf: Float64Array, off: number, dt: number): void {
    if (dt === 0) return;
    const M = this.modeCount;
    const mo = off + this.muOffset;
    this.transition(dt);
    const { pi, cbar, w, offs, mixed } = this;
    for (let j = 0; j < M; j++) {
      let c = 0;
      for (let i = 0; i < M; i++) c += pi[i * M + j] * buf[mo + i];
      cbar[j] = c;
    }
    for (let i = 0; i < M; i++) offs[i] = off + this.modeOffset(i);
    for (let j = 0; j < M; j++) {
      for (let i = 0; i < M; i++) w[i] = (pi[i * M + j] * buf[mo + i]) / cbar[j];
      mergeGaussianSlots(this.ndim, mixed, j * this.modeSize, buf, offs, w, M);
    }
    buf.set(mixed, off + this.modeOffset(0)); // mode blocks are contiguous, as in `mixed`
    for (let j = 0; j < M; j++) {
      this.modes[j].predict(buf, off + this.modeOffset(j), dt);
      buf[mo + j] = cbar[j];
    }
    this.combine(buf, off);
  }

  initSlot(buf: Float64Array, off: number, x: ArrayLike<number>, P: ArrayLike<number>): void {
    const M = this.modeCount;
    this.modes[0].initSlot(buf, off, x, P);
    for (let j = 0; j < M; j++) {
      buf[off + this.muOffset + j] = this.mu0[j];
      this.modes[j].initSlot(buf, off + this.modeOffset(j), x, P);
    }
  }

  /**
   * Mixture of IMM slots (JPDA): per mode j, the hypotheses' mode-j estimates weighted by
   * w_k μ_j^k; the mixed mode probability is μ_j = Σ_k w_k μ_j^k.
   */
  mergeSlots(dst: Float64Array, doff: number, src: Float64Array, offs: Int32Array, w: Float64Array, count: number): void {
    const M = this.modeCount;
    const mo = this.muOffset;
    if (this.mixW.length < count) {
      this.mixW = new Float64Array(2 * count);
      this.mixOffs = new Int32Array(2 * count);
    }
    const ww = this.mixW;
    const oo = this.mixOffs;
    for (let j = 0; j < M; j++) {
      let mu = 0;
      for (let k = 0; k < count; k++) mu += w[k] * src[offs[k] + mo + j];
      for (let k = 0; k < count; k++) {
        ww[k] = mu > 0 ? (w[k] * src[offs[k] + mo + j]) / mu : 1 / count;
        oo[k] = offs[k] + this.modeOffset(j);
      }
      mergeGaussianSlots(this.ndim, dst, doff + this.modeOffset(j), src, oo, ww, count);
      dst[doff + mo + j] = mu;
    }
    this.combine(dst, doff);
  }
}

export function immPredictor(modes: readonly Predictor[], options: ImmOptions): ImmPredictor {
  return new ImmPredictor(modes, options);
}

class ImmUpdater implements Updater {
  readonly name: string;
  private readonly lnL: Float64Array;
  private kernelModel: MeasurementModel | null = null;
  private kernel: JosephKernelInto | null = null;
  private readonly llOut = new Float64Array(1);

  constructor(
    private readonly imm: ImmPredictor,
    private readonly inner: Updater,
  ) {
    this.name = `IMM updater (${inner.name})`;
    this.lnL = new Float64Array(imm.modeCount);
  }

  predictMeasurement(model: MeasurementModel, buf: Float64Array, off: number, zhat: Float64Array, zo: number, S0: Float64Array, so: number): void {
    // Gate on the combined estimate at the front of the slot.
    this.inner.predictMeasurement(model, buf, off, zhat, zo, S0, so);
  }

  update(model: MeasurementModel, buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number): number {
    const M = this.imm.modeCount;
    const mo = off + this.imm.muOffset;
    if (this.kernelModel !== model) {
      this.kernelModel = model;
      this.kernel = directKalmanKernel(this.inner, model);
    }
    const kernel = this.kernel;
    let best = -Infinity;
    for (let j = 0; j < M; j++) {
      // the inner Kalman updater's own straight-line kernel, called directly (no boxed return)
      let lm: number;
      if (kernel !== null) {
        kernel(this.llOut, 0, buf, off + this.imm.modeOffset(j), z, zo, R, ro);
        lm = this.llOut[0];
      } else {
        lm = this.inner.update(model, buf, off + this.imm.modeOffset(j), z, zo, R, ro);
      }
      const l = lm + Math.log(buf[mo + j]);
      this.lnL[j] = l;
      if (l > best) best = l;
    }
    if (best === -Infinity) return -Infinity;
    let sum = 0;
    for (let j = 0; j < M; j++) sum += Math.exp(this.lnL[j] - best);
    let norm = 0;
    for (let j = 0; j < M; j++) {
      const mu = Math.max(Math.exp(this.lnL[j] - best) / sum, MU_FLOOR);
      buf[mo + j] = mu;
      norm += mu;
    }
    for (let j = 0; j < M; j++) buf[mo + j] /= norm;
    this.imm.combine(buf, off);
    return best + Math.log(sum);
  }
}

/** IMM measurement update: each mode updated by `inner`, mode probabilities by likelihood. */
export function immUpdater(imm: ImmPredictor, inner: Updater): Updater {
  return new ImmUpdater(imm, inner);
}
