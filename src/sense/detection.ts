/**
 * Detection probability of a square-law detector with noncoherent integration of N pulses in
 * white Gaussian noise, for the nonfluctuating target (Swerling 0, a.k.a. Swerling V) and the four
 * Swerling fluctuation models. Exact series, not approximations (Albersheim is provided separately
 * for comparison). Equations and sources: docs/models/sensors.md.
 *
 * Normalisation (DiFranco & Rubin, "Radar Detection", 1968; Richards, "Fundamentals of Radar
 * Signal Processing", ch. 6): each pulse's square-law output is divided by the
 * noise power, so under noise alone x_i ~ Exp(1) and the integrated statistic z = Σ x_i ~
 * Gamma(N, 1). The threshold V_T follows from
 *     Pfa = Q(N, V_T)                                          (regularized upper incomplete gamma)
 * With a target of per-pulse SNR s_i, 2z is noncentral χ² with 2N degrees of freedom and
 * noncentrality 2λ, λ = Σ s_i, so (Poisson mixture of central χ², Johnson, Kotz & Balakrishnan,
 * "Continuous Univariate Distributions", vol. 2, eq. 29.2):
 *     P(z > V_T | λ) = Σ_k e^{−λ} λ^k/k! · Q(N + k, V_T)      = Q_N(√(2λ), √(2V_T)) (Marcum Q_N)
 * The Swerling models make λ gamma-distributed (χ² with 2 or 4 degrees of freedom per scan or per
 * pulse, Swerling, IRE Trans. IT-6 (1960) 269–308), so λ ~ Gamma(shape m, scale θ) with
 *     Swerling 1: m = 1,  θ = N·S      (scan-to-scan, χ²₂)
 *     Swerling 2: m = N,  θ = S        (pulse-to-pulse, χ²₂ per pulse)
 *     Swerling 3: m = 2,  θ = N·S/2    (scan-to-scan, χ²₄)
 *     Swerling 4: m = 2N, θ = S/2      (pulse-to-pulse, χ²₄ per pulse)
 * where S is the AVERAGE per-pulse SNR. A gamma mixture of Poisson weights is the negative
 * binomial, NB(k; m, p) = Γ(k+m)/(k! Γ(m)) · p^m (1−p)^k with p = 1/(1+θ), hence the single exact
 * series used for every case:
 *     Pd = Σ_k w_k · Q(N + k, V_T),  w = Poisson(N·S) for Swerling 0, NB(m, 1/(1+θ)) otherwise.
 * (Shnidman, "The calculation of the probability of detection and the generalized Marcum
 * Q-function", IEEE Trans. IT-35 (1989) 389–400, uses the same mixture structure.)
 *
 * Evaluation. Q(N+k, V_T) rises to 1 as k grows; once N + k is well above V_T,
 * P(N+k, V_T) = 1 − Q(N+k, V_T) falls below 1e-18, so the series is cut at that K and the rest of
 * the weights counts with Q = 1 (their mass is the Poisson / negative-binomial tail, computed in
 * closed form with the incomplete gamma / beta functions). Q is built upward by the recurrence
 * Q(a+1, x) = Q(a, x) + x^a e^{−x}/Γ(a+1) and P downward by P(a, x) = P(a+1, x) + x^a e^{−x}/Γ(a+1)
 * (A&S 6.5.21), both sums of positive terms, so Pd (when small) and 1 − Pd (when Pd is near 1)
 * are both accurate to ~1e-14 relative.
 */
import { logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ } from '../math/index.js';

/** Swerling fluctuation case: 0 = nonfluctuating (Swerling V), 1–4 = Swerling I–IV. */
export type SwerlingCase = 0 | 1 | 2 | 3 | 4;

export interface DetectionParameters {
  /** Probability of false alarm per detection cell, 0 < pfa < 1. */
  pfa: number;
  /** Fluctuation model (default 0, nonfluctuating). */
  swerling?: SwerlingCase;
  /** Pulses integrated noncoherently by the square-law detector (default 1). */
  pulses?: number;
}

export interface DetectionProbabilityInput extends DetectionParameters {
  /** Per-pulse signal-to-noise ratio in dB (the average per-pulse SNR for fluctuating targets). */
  snrDb: number;
}

export interface RequiredSnrInput extends DetectionParameters {
  /** Wanted probability of detection, pfa < pd < 1. */
  pd: number;
}

/** Converts dB to a power ratio. */
export function fromDb(db: number): number {
  return Math.pow(10, db / 10);
}

/** Converts a power ratio to dB. */
export function toDb(x: number): number {
  return 10 * Math.log10(x);
}

function checkPfa(pfa: number): void {
  if (!(pfa > 0 && pfa < 1)) throw new RangeError(`pfa must be in (0, 1), got ${pfa}`);
}

function checkPulses(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1e6) throw new RangeError(`pulses must be an integer in [1, 1e6], got ${n}`);
}

function checkSwerling(s: number): asserts s is SwerlingCase {
  if (!(s === 0 || s === 1 || s === 2 || s === 3 || s === 4)) throw new RangeError(`swerling must be 0, 1, 2, 3 or 4, got ${s}`);
}

/**
 * Threshold V_T on the integrated, noise-normalised square-law statistic: Q(N, V_T) = pfa.
 * Solved by bracketed Newton on ln Q (accurate to pfa = 1e-300: the far tail is computed by the
 * continued fraction, never as 1 − P).
 */
export function detectionThreshold(pfa: number, pulses = 1): number {
  checkPfa(pfa);
  checkPulses(pulses);
  const n = pulses;
  const target = Math.log(pfa);
  const logQ = (x: number): number => Math.log(regularizedGammaQ(n, x));
  // Bracket: Q(n, x) decreases from 1 at x = 0 towards 0.
  let lo = 0;
  let hi = Math.max(n + 10 * Math.sqrt(n) - target, 1);
  while (logQ(hi) > target) {
    lo = hi;
    hi *= 2;
  }
  // Start: Wilson–Hilferty for the Gamma(n, 1) quantile is good; the midpoint is safe.
  let x = 0.5 * (lo + hi);
  const lgn = logGamma(n);
  for (let i = 0; i < 200; i++) {
    const f = logQ(x) - target;
    if (f > 0) lo = x;
    else hi = x;
    // d/dx ln Q(n, x) = −x^{n−1} e^{−x} / (Γ(n) Q(n, x))
    const q = regularizedGammaQ(n, x);
    const dlogQ = -Math.exp((n - 1) * Math.log(x) - x - lgn) / q;
    let next = x - f / dlogQ;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, x)) return next;
    x = next;
  }
  return x;
}

/** Lower and upper regularized incomplete gamma at (a, x) as a pair, without cancellation. */
function gammaPQ(a: number, x: number): [number, number] {
  if (x < a + 1) {
    const p = regularizedGammaP(a, x);
    return [p, 1 - p];
  }
  const q = regularizedGammaQ(a, x);
  return [1 - q, q];
}

/**
 * Probability of detection for a linear per-pulse SNR `snr` (average for Swerling 1–4) given a
 * precomputed threshold V_T = detectionThreshold(pfa, pulses). The exact series of the file header.
 */
export function detectionProbabilityForThreshold(
  snr: number,
  threshold: number,
  swerling: SwerlingCase,
  pulses: number,
  /** Q(pulses, threshold) if the caller knows it (it is pfa when the threshold came from pfa). */
  pfa = regularizedGammaQ(pulses, threshold),
): number {
  const n = pulses;
  const v = threshold;
  if (!(snr > 0)) return pfa;
  // Mixture weights: log w_k = base + k·logRatio − lnΓ(k+1) + lnΓ(k+m) (NB) or Poisson.
  let poisson = false;
  let lambda = 0; // Poisson mean
  let m = 0; // NB shape
  let theta = 0; // NB scale
  switch (swerling) {
    case 0: poisson = true; lambda = n * snr; break;
    case 1: m = 1; theta = n * snr; break;
    case 2: m = n; theta = snr; break;
    case 3: m = 2; theta = (n * snr) / 2; break;
    case 4: m = 2 * n; theta = snr / 2; break;
  }
  // log w_0 and the per-step log ratio: log w_{k+1} = log w_k + logStep + ln(k+m) − ln(k+1) (NB,
  // m·… dropped for Poisson). Recurrences instead of lnΓ per term (this runs in table builds).
  let logW0: number;
  let logStep: number;
  if (poisson) {
    logW0 = -lambda;
    logStep = Math.log(lambda);
  } else {
    // p = 1/(1+θ), 1 − p = θ/(1+θ); w_0 = p^m
    logW0 = -m * Math.log1p(theta);
    logStep = Math.log(theta) - Math.log1p(theta);
  }

  // Cut-off K: the first k with a = n + k > v whose remaining lower tail P(a, v) < 1e-18, using
  // P(a, x) ≤ term(a)·(a+1)/(a+1−x), term(a) = x^a e^{−x}/Γ(a+1) (series A&S 6.5.29).
  const logV = Math.log(v);
  const logTerm0 = n * logV - v - logGamma(n + 1); // log term(n)
  let K = 0;
  let logTerm = logTerm0;
  for (;;) {
    const a = n + K;
    if (a > v && logTerm + Math.log((a + 1) / (a + 1 - v)) < -41.5) break; // e^{−41.5} ≈ 1e-18
    logTerm += logV - Math.log(a + 1);
    K++;
    if (K > 1e7) throw new Error('detectionProbability: series did not converge');
  }
  if (logWeights.length <= K) logWeights = new Float64Array(2 * K + 16);
  const lw = logWeights;

  // Upward pass: Σ w_k Q(n+k, v), k = 0..K; Q(a+1) = Q(a) + term(a), term(a+1) = term(a)·v/(a+1).
  let q = pfa;
  logTerm = logTerm0;
  let logW = logW0;
  let sumQ = 0;
  for (let k = 0; k <= K; k++) {
    lw[k] = logW;
    sumQ += Math.exp(logW) * q;
    q += Math.exp(logTerm);
    logTerm += logV - Math.log(n + k + 1);
    logW += poisson ? logStep - Math.log(k + 1) : logStep + Math.log((k + m) / (k + 1));
  }
  // Weight mass beyond K (closed form tail, not 1 − Σ w).
  const tail = poisson
    ? regularizedGammaP(K + 1, lambda) // P(Poisson(λ) > K) = P(K+1, λ)
    : m === 1
      ? Math.exp((K + 1) * logStep) // geometric: (1 − p)^{K+1}
      : regularizedBeta(theta / (1 + theta), K + 1, m); // P(NB > K) = I_{1−p}(K+1, m)
  const pd = sumQ + tail;
  if (pd < 0.5) return pd;

  // Downward pass for the miss probability Σ w_k P(n+k, v) (accurate when Pd is near 1):
  // P(a, x) = P(a+1, x) + term(a).
  let p = gammaPQ(n + K, v)[0];
  let logTermDown = logTerm0;
  for (let a = n; a < n + K - 1; a++) logTermDown += logV - Math.log(a + 1); // term(n + K − 1)
  let sumP = 0;
  for (let k = K; k >= 0; k--) {
    sumP += Math.exp(lw[k]) * p;
    if (k > 0) {
      p += Math.exp(logTermDown); // P(n+k−1) = P(n+k) + term(n+k−1)
      logTermDown -= logV - Math.log(n + k - 1);
    }
  }
  return Math.min(1, Math.max(0, 1 - sumP));
}

/** Scratch for the mixture log-weights (grown on demand; single-threaded use). */
let logWeights = new Float64Array(256);

/**
 * Probability of detection for a per-pulse SNR in dB (average per-pulse SNR for fluctuating
 * targets), false-alarm probability pfa, Swerling case and N pulses integrated noncoherently
 * by a square-law detector. Exact (see the file header).
 */
export function detectionProbability(input: DetectionProbabilityInput): number {
  const { snrDb, pfa } = input;
  const swerling = input.swerling ?? 0;
  const pulses = input.pulses ?? 1;
  checkPfa(pfa);
  checkPulses(pulses);
  checkSwerling(swerling);
  if (Number.isNaN(snrDb)) throw new RangeError('snrDb must be a number');
  if (snrDb === -Infinity) return pfa;
  if (snrDb === Infinity) return 1;
  return detectionProbabilityForThreshold(fromDb(snrDb), detectionThreshold(pfa, pulses), swerling, pulses, pfa);
}

/**
 * Per-pulse SNR (dB) needed for detection probability pd (average per-pulse SNR for fluctuating
 * targets): the root of detectionProbability(snrDb) = pd, found by bisection refined by the
 * secant method to 1e-6 dB.
 */
export function requiredSnrDb(input: RequiredSnrInput): number {
  const { pd, pfa } = input;
  const swerling = input.swerling ?? 0;
  const pulses = input.pulses ?? 1;
  checkPfa(pfa);
  checkPulses(pulses);
  checkSwerling(swerling);
  if (!(pd > pfa && pd < 1)) throw new RangeError(`pd must be in (pfa, 1) = (${pfa}, 1), got ${pd}`);
  const vt = detectionThreshold(pfa, pulses);
  const f = (db: number): number => detectionProbabilityForThreshold(fromDb(db), vt, swerling, pulses, pfa) - pd;
  let lo = -60;
  let hi = 60;
  while (f(lo) > 0) lo -= 40;
  while (f(hi) < 0) {
    hi += 40;
    if (hi > 400) throw new RangeError(`pd ${pd} is not reachable below 400 dB`);
  }
  let flo = f(lo);
  let fhi = f(hi);
  for (let i = 0; i < 200 && hi - lo > 1e-6; i++) {
    // Regula falsi step (Illinois-free; guarded by bisection every other step).
    let mid = i % 2 === 0 ? 0.5 * (lo + hi) : lo - (flo * (hi - lo)) / (fhi - flo);
    if (!(mid > lo && mid < hi)) mid = 0.5 * (lo + hi);
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm < 0) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
      fhi = fm;
    }
  }
  return 0.5 * (lo + hi);
}

/**
 * Albersheim's empirical equation (Albersheim, "A closed-form approximation to Robertson's
 * detection characteristics", Proc. IEEE 69 (1981) 839; reproduced in Richards, ch. 6) for the
 * per-pulse SNR (dB) of a NONFLUCTUATING target with N
 * pulses noncoherently integrated by a LINEAR detector:
 *   A = ln(0.62/Pfa), B = ln(Pd/(1 − Pd)),
 *   SNR_dB = −5·log10 N + (6.2 + 4.54/√(N + 0.44))·log10(A + 0.12·A·B + 1.7·B).
 * Stated accuracy: 0.2 dB for 1e-7 ≤ Pfa ≤ 1e-3, 0.1 ≤ Pd ≤ 0.9, 1 ≤ N ≤ 8096.
 */
export function albersheimSnrDb(input: { pd: number; pfa: number; pulses?: number }): number {
  const { pd, pfa } = input;
  const n = input.pulses ?? 1;
  checkPfa(pfa);
  if (!(pd > 0 && pd < 1)) throw new RangeError(`pd must be in (0, 1), got ${pd}`);
  if (!(n >= 1)) throw new RangeError(`pulses must be ≥ 1, got ${n}`);
  const A = Math.log(0.62 / pfa);
  const B = Math.log(pd / (1 - pd));
  return -5 * Math.log10(n) + (6.2 + 4.54 / Math.sqrt(n + 0.44)) * Math.log10(A + 0.12 * A * B + 1.7 * B);
}

/**
 * Pd as a function of per-pulse SNR (dB) for a fixed (pfa, Swerling, N), tabulated once for hot
 * loops (a radar scan evaluates Pd for every target). The table spans [minDb, maxDb] in `stepDb`
 * steps with linear interpolation; above it the exact series is evaluated, below it Pd(minDb) is
 * returned (at −50 dB per pulse Pd exceeds pfa by under 1 % for pfa ≥ 1e-12, N ≤ 1000: the target
 * is, for detection purposes, absent). Interpolation error with the default 0.01 dB step is
 * below 1e-5 in Pd (the tests check this against the exact series).
 */
export class DetectionCurve {
  readonly pfa: number;
  readonly swerling: SwerlingCase;
  readonly pulses: number;
  readonly threshold: number;
  readonly minDb: number;
  readonly maxDb: number;
  readonly stepDb: number;
  private readonly table: Float64Array;

  constructor(params: DetectionParameters, options: { minDb?: number; maxDb?: number; stepDb?: number } = {}) {
    this.pfa = params.pfa;
    this.swerling = params.swerling ?? 0;
    this.pulses = params.pulses ?? 1;
    checkPfa(this.pfa);
    checkPulses(this.pulses);
    checkSwerling(this.swerling);
    this.minDb = options.minDb ?? -50;
    this.maxDb = options.maxDb ?? 60;
    this.stepDb = options.stepDb ?? 0.01;
    this.threshold = detectionThreshold(this.pfa, this.pulses);
    const n = Math.round((this.maxDb - this.minDb) / this.stepDb) + 1;
    this.table = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.table[i] = detectionProbabilityForThreshold(fromDb(this.minDb + i * this.stepDb), this.threshold, this.swerling, this.pulses, this.pfa);
    }
  }

  /** Pd at per-pulse SNR `snrDb` (dB). Allocation-free. */
  pd(snrDb: number): number {
    const x = (snrDb - this.minDb) / this.stepDb;
    if (!(x > 0)) return this.table[0];
    const i = Math.floor(x);
    const last = this.table.length - 1;
    if (i >= last) {
      return i === last && x === last
        ? this.table[last]
        : detectionProbabilityForThreshold(fromDb(snrDb), this.threshold, this.swerling, this.pulses, this.pfa);
    }
    const f = x - i;
    return this.table[i] + f * (this.table[i + 1] - this.table[i]);
  }

  /** Pd at a linear per-pulse SNR. */
  pdLinear(snr: number): number {
    return snr > 0 ? this.pd(10 * Math.log10(snr)) : this.table[0];
  }
}

const curveCache = new Map<string, DetectionCurve>();

/** A shared DetectionCurve for (pfa, swerling, pulses) (built once per process, ~10–50 ms). */
export function detectionCurve(params: DetectionParameters): DetectionCurve {
  const key = `${params.pfa}|${params.swerling ?? 0}|${params.pulses ?? 1}`;
  let c = curveCache.get(key);
  if (!c) {
    c = new DetectionCurve(params);
    curveCache.set(key, c);
  }
  return c;
}
