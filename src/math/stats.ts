/**
 * Statistics: distributions (normal, Student t, chi-square) with CDFs and quantiles, summaries of
 * Monte Carlo samples with Student-t confidence intervals, a streaming (Welford) accumulator,
 * Wilson intervals for proportions (e.g. probability of raid annihilation from k of n runs),
 * percentiles.
 *
 * Quantiles are computed to full double precision: a published approximation gives the starting
 * point (Acklam for the normal, Hill's Algorithm 396 for t, Wilson–Hilferty for chi-square) and
 * bracketed Newton steps on the exact CDF (regularized incomplete beta / gamma, special.ts) finish
 * the job. Checked against published tables in test/math/stats.test.ts.
 */
import { regularizedBeta, regularizedGammaP, regularizedGammaQ, erfc, logGamma } from './special.js';

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

// =========================================================================== root finding helper

/**
 * Root of an increasing function g on the bracket (lo, hi) with g(lo) < 0 < g(hi), by Newton
 * steps (derivative dg) that fall back to bisection whenever a step would leave the bracket.
 * Converges to ~2 ulp relative.
 */
function solveIncreasing(
  g: (x: number) => number, dg: (x: number) => number, x0: number, lo: number, hi: number,
): number {
  let x = x0 > lo && x0 < hi ? x0 : 0.5 * (lo + hi);
  for (let iter = 0; iter < 500; iter++) {
    const gx = g(x);
    if (gx === 0) return x;
    if (gx < 0) lo = x;
    else hi = x;
    let xn = x - gx / dg(x);
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
    if (Math.abs(xn - x) <= 4 * Number.EPSILON * Math.abs(xn) || hi - lo <= 4 * Number.EPSILON * Math.abs(x)) {
      return xn;
    }
    x = xn;
  }
  return x;
}

function checkProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${what}: probability must be in [0, 1], got ${p}`);
}

// ================================================================================ normal

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Standard normal CDF Φ(x) = ½·erfc(−x/√2); relative accuracy kept in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

// P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function"
// (2003): rational approximations with relative error < 1.15e-9, then one Halley step on the
// exact CDF (as Acklam recommends) for full double precision.
const ACK_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACK_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACK_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACK_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACK_P_LOW = 0.02425;

/** Acklam's approximation alone (relative error < 1.15e-9); exported for tests. */
export function normalQuantileAcklam(p: number): number {
  if (p < ACK_P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((ACK_C[0] * q + ACK_C[1]) * q + ACK_C[2]) * q + ACK_C[3]) * q + ACK_C[4]) * q + ACK_C[5]) /
      ((((ACK_D[0] * q + ACK_D[1]) * q + ACK_D[2]) * q + ACK_D[3]) * q + 1);
  }
  if (p > 1 - ACK_P_LOW) return -normalQuantileAcklam(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((ACK_A[0] * r + ACK_A[1]) * r + ACK_A[2]) * r + ACK_A[3]) * r + ACK_A[4]) * r + ACK_A[5]) * q) /
    (((((ACK_B[0] * r + ACK_B[1]) * r + ACK_B[2]) * r + ACK_B[3]) * r + ACK_B[4]) * r + 1);
}

/** Standard normal quantile Φ⁻¹(p); ±Infinity at p = 0, 1. */
export function normalQuantile(p: number): number {
  checkProbability(p, 'normalQuantile');
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = normalQuantileAcklam(p);
  // Halley refinement: e = Φ(x) − p, u = e/φ(x), x ← x − u/(1 + x·u/2).
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  x -= u / (1 + 0.5 * x * u);
  return x;
}

// ============================================================================== Student t

/** Student t density with ν = df degrees of freedom (df > 0, may be non-integer). */
export function tPdf(t: number, df: number): number {
  if (df === Infinity) return normalPdf(t);
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Student t CDF: F(t) = ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≤ 0, symmetric (A&S 26.7.1 via 26.5.27). */
export function tCdf(t: number, df: number): number {
  checkDf(df, 'tCdf');
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === -Infinity) return 0;
  if (t === Infinity) return 1;
  // F(−|t|) = ½ I_x(ν/2, ½), x = ν/(ν + t²). Near t = 0, x rounds to within an ulp of 1 and the
  // beta function's own complement I_x = 1 − I_{1−x}(½, ν/2) inherits that rounding (≈ 1e-12
  // absolute at |t| ≈ 0.005, ν ≈ 100); there the complement is taken with y = t²/(ν + t²)
  // computed directly (the split of Boost's students_t cdf).
  const t2 = t * t;
  const lower = df > 2 * t2
    ? 0.5 * (1 - regularizedBeta(t2 / (df + t2), 0.5, df / 2))
    : 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5);
  return t <= 0 ? lower : 1 - lower;
}

function checkDf(df: number, what: string): void {
  if (!(df > 0)) throw new RangeError(`${what}: degrees of freedom must be > 0, got ${df}`);
}

/**
 * Hill's Algorithm 396 (G. W. Hill, "Student's t-quantiles", Comm. ACM 13(10):619–620, 1970):
 * the positive t with two-tailed probability P = 2·(1 − F(t)), i.e. t_{1−P/2}. Used as the
 * starting point of the exact refinement in `tQuantile`; exact for ν = 1, 2.
 */
export function tQuantileHill(twoTailP: number, df: number): number {
  const halfPi = Math.PI / 2;
  if (df === 1) {
    const x = twoTailP * halfPi;
    return Math.cos(x) / Math.sin(x);
  }
  if (df === 2) return Math.sqrt(2 / (twoTailP * (2 - twoTailP)) - 2);
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = ((((20700 * a) / b - 98) * a - 16) * a) + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt(a * halfPi) * df;
  let x = d * twoTailP;
  let y = Math.pow(x, 2 / df);
  if (y > 0.05 + a) {
    // asymptotic inverse expansion about the normal quantile
    x = normalQuantile(0.5 * twoTailP);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = a * y * y;
    y = y > 0.002 ? Math.exp(y) - 1 : 0.5 * y * y + y;
  } else {
    y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
      (df + 1) / (df + 2) + 1 / y;
  }
  return Math.sqrt(df * y);
}

/** Student t quantile F⁻¹(p) for df > 0 (full precision; ±Infinity at p = 0, 1). */
export function tQuantile(p: number, df: number): number {
  checkProbability(p, 'tQuantile');
  checkDf(df, 'tQuantile');
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -tQuantile(1 - p, df);
  // Lower tail, root t < 0 of ln F(t) − ln p (log scale keeps Newton well behaved in the tails).
  let guess = Number.isInteger(df) ? -tQuantileHill(2 * p, df) : normalQuantile(p);
  if (!Number.isFinite(guess)) guess = -1;
  let lo = Math.min(guess, -1);
  while (tCdf(lo, df) >= p && lo > -1e300) lo *= 2;
  const logP = Math.log(p);
  return solveIncreasing(
    (t) => Math.log(tCdf(t, df)) - logP,
    (t) => tPdf(t, df) / tCdf(t, df),
    guess, lo, 0,
  );
}

// ============================================================================== chi-square

/** Chi-square density with k degrees of freedom. */
export function chiSquarePdf(x: number, k: number): number {
  if (x < 0) return 0;
  if (x === 0) return k === 2 ? 0.5 : k < 2 ? Infinity : 0;
  const h = k / 2;
  return Math.exp((h - 1) * Math.log(x) - x / 2 - h * Math.LN2 - logGamma(h));
}

/** Chi-square CDF P(χ²_k ≤ x) = P(k/2, x/2) (regularized lower incomplete gamma). */
export function chiSquareCdf(x: number, k: number): number {
  checkDf(k, 'chiSquareCdf');
  if (!(x > 0)) return Number.isNaN(x) ? NaN : 0;
  return regularizedGammaP(k / 2, x / 2);
}

/** Chi-square survival P(χ²_k > x) = Q(k/2, x/2), accurate for tiny tail probabilities. */
export function chiSquareSf(x: number, k: number): number {
  checkDf(k, 'chiSquareSf');
  if (!(x > 0)) return Number.isNaN(x) ? NaN : 1;
  return regularizedGammaQ(k / 2, x / 2);
}

/**
 * Chi-square quantile: x with P(χ²_k ≤ x) = p (e.g. the gate threshold for a gate probability
 * P_G on a k-dimensional measurement). Start from Wilson & Hilferty (1931),
 * x ≈ k·(1 − 2/(9k) + z·√(2/(9k)))³, then bracketed Newton on ln P (p ≤ ½) or ln Q (p > ½).
 */
export function chiSquareQuantile(p: number, k: number): number {
  checkProbability(p, 'chiSquareQuantile');
  checkDf(k, 'chiSquareQuantile');
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const z = normalQuantile(p);
  const w = 2 / (9 * k);
  let guess = k * Math.pow(Math.max(1 - w + z * Math.sqrt(w), 0), 3);
  let hi = Math.max(2 * guess, 2 * k, 1);
  if (p <= 0.5) {
    while (chiSquareCdf(hi, k) <= p) hi *= 2;
    if (!(guess > 0)) guess = 0.5 * hi;
    const logP = Math.log(p);
    return solveIncreasing(
      (x) => Math.log(chiSquareCdf(x, k)) - logP,
      (x) => chiSquarePdf(x, k) / chiSquareCdf(x, k),
      guess, 0, hi,
    );
  }
  const q = 1 - p;
  while (chiSquareSf(hi, k) >= q) hi *= 2;
  if (!(guess > 0)) guess = 0.5 * hi;
  const logQ = Math.log(q);
  return solveIncreasing(
    (x) => logQ - Math.log(chiSquareSf(x, k)),
    (x) => chiSquarePdf(x, k) / chiSquareSf(x, k),
    guess, 0, hi,
  );
}

// ========================================================================= sample summaries

/** Summary of a sample. variance/sd are the unbiased (n − 1) estimates. */
export interface Summary {
  n: number;
  mean: number;
  /** Sample variance Σ(x − x̄)²/(n − 1); NaN when n < 2. */
  variance: number;
  /** √variance; NaN when n < 2. */
  sd: number;
  min: number;
  max: number;
  median: number;
  /** Standard error of the mean sd/√n; NaN when n < 2. */
  stderr: number;
  /** 95 % confidence interval of the mean, x̄ ± t_{0.975, n−1}·stderr; [NaN, NaN] when n < 2. */
  ci95: [number, number];
}

function checkSample(xs: ArrayLike<number>, what: string): void {
  if (xs.length === 0) throw new RangeError(`${what}: the sample is empty`);
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) throw new RangeError(`${what}: sample value [${i}] is NaN`);
  }
}

/** Confidence interval of a mean from its summary numbers (Student t, n − 1 df). */
export function meanCI(mean: number, sd: number, n: number, level = 0.95): [number, number] {
  if (!(level > 0 && level < 1)) throw new RangeError(`meanCI: level must be in (0, 1), got ${level}`);
  if (n < 2) return [NaN, NaN];
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return [mean - half, mean + half];
}

/**
 * Summary statistics of a sample (throws `RangeError` if empty or containing NaN). The
 * variance uses the corrected two-pass algorithm (Chan, Golub & LeVeque, "Algorithms for
 * computing the sample variance", Am. Stat. 37 (1983)), exact for constant samples.
 */
export function summarize(xs: ArrayLike<number>): Summary {
  checkSample(xs, 'summarize');
  const n = xs.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const roughMean = sum / n;
  let ss = 0;
  let sd1 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - roughMean;
    ss += d * d;
    sd1 += d;
  }
  // Σ(x − x̄₀) is the rounding error of the first pass: it corrects both mean and variance.
  const mean = roughMean + sd1 / n;
  const variance = n > 1 ? (ss - (sd1 * sd1) / n) / (n - 1) : NaN;
  const sd = Math.sqrt(variance);
  const sorted = Float64Array.from(xs).sort();
  return {
    n,
    mean,
    variance,
    sd,
    min,
    max,
    median: percentileSorted(sorted, 50),
    stderr: sd / Math.sqrt(n),
    ci95: meanCI(mean, sd, n, 0.95),
  };
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) of an ascending-sorted sample, linear interpolation between
 * closest ranks: h = (n − 1)·p/100, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋) (Hyndman & Fan 1996,
 * definition 7; the default of R and NumPy). No allocation.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${p}`);
  const n = sorted.length;
  if (n === 0) throw new RangeError('percentile: the sample is empty');
  const h = ((n - 1) * p) / 100;
  const i = Math.floor(h);
  if (i >= n - 1) return sorted[n - 1];
  return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
}

/** The p-th percentile (0 ≤ p ≤ 100) of an unsorted sample (sorts a copy; see `percentileSorted`). */
export function percentile(xs: ArrayLike<number>, p: number): number {
  checkSample(xs, 'percentile');
  return percentileSorted(Float64Array.from(xs).sort(), p);
}

/**
 * Wilson score interval for a binomial proportion k/n (E. B. Wilson, JASA 22 (1927) 209–212;
 * recommended over the Wald interval by Newcombe, Stat. Med. 17 (1998) 857–872):
 * (k + z²/2)/(n + z²) ± z/(n + z²)·√(k(n − k)/n + z²/4), z = Φ⁻¹(1 − (1 − level)/2).
 */
export function proportionCI(k: number, n: number, level = 0.95): [number, number] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`proportionCI: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`proportionCI: k must be an integer in [0, n], got ${k}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`proportionCI: level must be in (0, 1), got ${level}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((k * (n - k)) / n + z2 / 4);
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}

// ===================================================================== streaming accumulator

/**
 * Streaming mean/variance/min/max (Welford, Technometrics 4 (1962) 419–420), mergeable across
 * workers with the pairwise update of Chan, Golub & LeVeque (1979): for partitions A, B with
 * δ = x̄_B − x̄_A, M2 = M2_A + M2_B + δ²·n_A·n_B/n. O(1) memory; for Monte Carlo replications.
 */
export class RunningStats {
  private count = 0;
  private mu = 0;
  private m2 = 0;
  private lo = Infinity;
  private hi = -Infinity;

  /** Add one observation (NaN is rejected with `RangeError`). */
  add(x: number): this {
    if (Number.isNaN(x)) throw new RangeError('RunningStats.add: NaN');
    this.count++;
    const d = x - this.mu;
    this.mu += d / this.count;
    this.m2 += d * (x - this.mu);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    return this;
  }

  /** Add every observation of `xs`. */
  addAll(xs: ArrayLike<number>): this {
    for (let i = 0; i < xs.length; i++) this.add(xs[i]);
    return this;
  }

  /** Fold another accumulator into this one (as if its observations had been added here). */
  merge(other: RunningStats): this {
    if (other.count === 0) return this;
    if (this.count === 0) {
      this.count = other.count;
      this.mu = other.mu;
      this.m2 = other.m2;
      this.lo = other.lo;
      this.hi = other.hi;
      return this;
    }
    const n = this.count + other.count;
    const delta = other.mu - this.mu;
    this.mu += (delta * other.count) / n;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.count = n;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    return this;
  }

  get n(): number {
    return this.count;
  }
  /** NaN when empty. */
  get mean(): number {
    return this.count > 0 ? this.mu : NaN;
  }
  /** Unbiased sample variance; NaN when n < 2. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : NaN;
  }
  get sd(): number {
    return Math.sqrt(this.variance);
  }
  get stderr(): number {
    return this.sd / Math.sqrt(this.count);
  }
  /** NaN when empty. */
  get min(): number {
    return this.count > 0 ? this.lo : NaN;
  }
  /** NaN when empty. */
  get max(): number {
    return this.count > 0 ? this.hi : NaN;
  }
  /** Student-t confidence interval of the mean at `level` (default 95 %). */
  ci(level = 0.95): [number, number] {
    return meanCI(this.mean, this.sd, this.count, level);
  }
}
