/**
 * Seeded, deterministic random-number streams — one per stable id (DESIGN.md rule 2: "each
 * entity/sensor draws from its own RNG stream derived from (seed, stable id), so adding one radar
 * does not change another's noise").
 *
 * Stream derivation (docs/models/math.md):
 *   1. h = FNV-1a-64 over the bytes  seed (8 bytes, little-endian two's complement)  ‖  UTF-8(id)
 *      (offset basis 0xcbf29ce484222325, prime 0x100000001b3; Fowler/Noll/Vo, IETF draft
 *      draft-eastlake-fnv). The seed has a fixed width, so distinct (seed, id) pairs are distinct
 *      byte strings.
 *   2. The 128-bit xoroshiro128+ state is two successive outputs of splitmix64 started at h
 *      (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the
 *      seeding Blackman & Vigna recommend for xoroshiro). splitmix64's finalizer fully avalanches
 *      FNV's weakly mixed output, so near-identical ids ("radar-1", "radar-2") give unrelated
 *      states. A stream depends on nothing but (seed, id): creating, removing or drawing from any
 *      other stream never changes it.
 *   3. The generator is pure-rand's xoroshiro128+ (Blackman & Vigna 2018, period 2¹²⁸ − 1).
 *
 * Uniform doubles take the UPPER 27 + 26 bits of two 32-bit outputs (like MT19937's
 * genrand_res53): the lowest bits of xoroshiro128+ are its weakest (low linear complexity,
 * Blackman & Vigna §10), so we do not use pure-rand's `uniformFloat64`, which masks the low bits.
 *
 * Only integer arithmetic, `Math.sqrt` (correctly rounded by IEEE 754) and `Math.log`/`Math.exp`
 * (V8's fdlibm ports, identical on every platform) are used, so draws are bit-identical across
 * machines running Node. No `Math.random`.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { choleskySemidefiniteInto } from './matrix.js';
import { logFactorial } from './special.js';

const MASK64 = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** FNV-1a 64-bit hash of a byte string. */
export function fnv1a64(bytes: Uint8Array): bigint {
  let h = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) {
    h ^= BigInt(bytes[i]);
    h = (h * FNV_PRIME) & MASK64;
  }
  return h;
}

/** splitmix64 finalizer (mix64 variant 13 of Stafford, as used by Steele et al. 2014). */
export function splitmix64Mix(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

const utf8 = new TextEncoder();

/**
 * The 128-bit generator state of stream (seed, id) as two unsigned 64-bit words [s0, s1]
 * (exported for documentation and tests; `stream` is the normal entry point).
 */
export function streamState(seed: number, id: string): [bigint, bigint] {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`RNG seed must be a safe integer, got ${seed}`);
  if (typeof id !== 'string') throw new TypeError(`RNG stream id must be a string, got ${typeof id}`);
  const idBytes = utf8.encode(id);
  const bytes = new Uint8Array(8 + idBytes.length);
  let s = BigInt.asUintN(64, BigInt(seed));
  for (let i = 0; i < 8; i++) {
    bytes[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  bytes.set(idBytes, 8);
  const h = fnv1a64(bytes);
  let z = h;
  z = (z + GOLDEN_GAMMA) & MASK64;
  let s0 = splitmix64Mix(z);
  z = (z + GOLDEN_GAMMA) & MASK64;
  const s1 = splitmix64Mix(z);
  if (s0 === 0n && s1 === 0n) s0 = 1n; // the all-zero state is xoroshiro's fixed point
  return [s0, s1];
}

/** A deterministic stream of random variates. */
export interface Rng {
  /** The run seed this stream was derived from. */
  readonly seed: number;
  /** The stable id of this stream (e.g. "sensor/radar-1/noise"). */
  readonly id: string;
  /** Uniform on [0, 1), a multiple of 2⁻⁵³. */
  uniform(): number;
  /** Uniform on [a, b). */
  uniformRange(a: number, b: number): number;
  /** Uniform integer in [0, n), exactly unbiased (rejection), 1 ≤ n ≤ 2⁵³. */
  int(n: number): number;
  /** true with probability p (u < p). */
  bernoulli(p: number): boolean;
  /** Normal(mean, sd) by the Marsaglia polar method; the second variate of each pair is cached. */
  normal(mean?: number, sd?: number): number;
  /** Exponential with the given rate λ > 0 (mean 1/λ), by inversion. */
  exponential(rate: number): number;
  /** Poisson(λ): multiplication method for λ < 10, Hörmann's PTRS for λ ≥ 10 — both exact. */
  poisson(lambda: number): number;
  /**
   * A multivariate normal draw N(mean, cov), cov row-major n×n symmetric positive semidefinite
   * (n = mean.length). Allocates (factorizes cov each call); for hot loops factor once and use
   * `mvnormalInto`. Throws `RangeError` if cov is not PSD.
   */
  mvnormal(mean: ArrayLike<number>, cov: ArrayLike<number>): Float64Array;
  /**
   * out = mean + L·z, z ~ N(0, I): a draw from N(mean, L·Lᵀ) given the (lower) Cholesky factor L
   * of the covariance (from `choleskyInto` / `choleskySemidefiniteInto`). Allocation-free;
   * `out` must not alias `l` (it may alias `mean`).
   */
  mvnormalInto(out: Float64Array, mean: ArrayLike<number>, l: ArrayLike<number>, n: number): Float64Array;
  /** Fill out[offset .. offset+count) with independent N(0, 1) variates. */
  fillNormal(out: Float64Array, offset?: number, count?: number): Float64Array;
  /** The child stream `stream(seed, id + '/' + subId)` — independent of this one's position. */
  fork(subId: string): Rng;
}

/** The deterministic stream for (seed, id). See the header for the derivation. */
export function stream(seed: number, id: string): Rng {
  return new XoroshiroStream(seed, id);
}

const TWO_POW_26 = 67108864;
const TWO_POW_M53 = 1 / 9007199254740992;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** Split an unsigned 64-bit word into pure-rand's signed 32-bit [high, low] halves. */
function halves(w: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, w >> 32n)), Number(BigInt.asIntN(32, w & 0xffffffffn))];
}

class XoroshiroStream implements Rng {
  readonly seed: number;
  readonly id: string;
  private readonly gen: RandomGenerator;
  private hasSpare = false;
  private spare = 0;

  constructor(seed: number, id: string) {
    this.seed = seed;
    this.id = id;
    const [s0, s1] = streamState(seed, id);
    const [s0hi, s0lo] = halves(s0);
    const [s1hi, s1lo] = halves(s1);
    // pure-rand's xoroshiro128plus state layout: [s0 high, s0 low, s1 high, s1 low] as int32.
    this.gen = xoroshiro128plusFromState([s0hi, s0lo, s1hi, s1lo]);
  }

  uniform(): number {
    const a = this.gen.next() >>> 5; // upper 27 bits
    const b = this.gen.next() >>> 6; // upper 26 bits
    return (a * TWO_POW_26 + b) * TWO_POW_M53;
  }

  uniformRange(a: number, b: number): number {
    return a + (b - a) * this.uniform();
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_53) {
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^53], got ${n}`);
    }
    if (n <= TWO_POW_32) {
      // Reject the top partial block of 2³² so every residue is equally likely.
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      for (;;) {
        const x = this.gen.next() >>> 0;
        if (x < limit) return x % n;
      }
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    for (;;) {
      const x = this.uniform() * TWO_POW_53; // an integer in [0, 2^53)
      if (x < limit) return x % n;
    }
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Marsaglia & Bray (1964) polar method: (u, v) uniform in the unit disc, s = u² + v²,
   * then u·√(−2 ln s / s) and v·√(−2 ln s / s) are independent N(0, 1). */
  private standardNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const k = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * k;
    this.hasSpare = true;
    return u * k;
  }

  normal(mean = 0, sd = 1): number {
    return mean + sd * this.standardNormal();
  }

  fillNormal(out: Float64Array, offset = 0, count = out.length - offset): Float64Array {
    const end = offset + count;
    for (let i = offset; i < end; i++) out[i] = this.standardNormal();
    return out;
  }

  exponential(rate: number): number {
    if (!(rate > 0)) throw new RangeError(`Rng.exponential: rate must be > 0, got ${rate}`);
    // 1 − u ∈ (0, 1], so the log is finite.
    return -Math.log(1 - this.uniform()) / rate;
  }

  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new RangeError(`Rng.poisson: lambda must be finite and ≥ 0, got ${lambda}`);
    }
    if (lambda === 0) return 0;
    if (lambda < 10) {
      // Multiplication method (Knuth, TAOCP vol. 2, 3.4.1 F): the number of uniforms whose
      // running product stays above e^{−λ}. Exact; O(λ) draws.
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    return this.poissonPtrs(lambda);
  }

  /**
   * PTRS, transformed rejection with squeeze (W. Hörmann, "The transformed rejection method for
   * generating Poisson random variables", Insurance: Mathematics and Economics 12 (1993) 39–45),
   * valid for λ ≥ 10; exact (accept/reject against the true pmf), ~1.1 iterations on average.
   */
  private poissonPtrs(lambda: number): number {
    const sqrtLam = Math.sqrt(lambda);
    const logLam = Math.log(lambda);
    const b = 0.931 + 2.53 * sqrtLam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k; // squeeze: accept without evaluating the pmf
      if (k < 0 || (us < 0.013 && v > us)) continue;
      // accept if log(v · α⁻¹ / (a/us² + b)) ≤ log p(k) + log(e^λ) … i.e. −λ + k ln λ − ln k!
      const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
      const rhs = -lambda + k * logLam - logFactorial(k);
      if (lhs <= rhs) return k;
    }
  }

  mvnormal(mean: ArrayLike<number>, cov: ArrayLike<number>): Float64Array {
    const n = mean.length;
    if (cov.length !== n * n) {
      throw new RangeError(`Rng.mvnormal: covariance has ${cov.length} entries, expected ${n}×${n}`);
    }
    const l = new Float64Array(n * n);
    if (!choleskySemidefiniteInto(l, cov, n)) {
      throw new RangeError('Rng.mvnormal: covariance is not symmetric positive semidefinite');
    }
    return this.mvnormalInto(new Float64Array(n), mean, l, n);
  }

  mvnormalInto(out: Float64Array, mean: ArrayLike<number>, l: ArrayLike<number>, n: number): Float64Array {
    // out = mean + L·z accumulated column by column (out[i] += L[i][j]·z_j for i ≥ j), drawing
    // z_0, z_1, … in order; needs no scratch and works in place when out === mean.
    if (out !== mean) for (let i = 0; i < n; i++) out[i] = mean[i];
    for (let j = 0; j < n; j++) {
      const z = this.standardNormal();
      for (let i = j; i < n; i++) out[i] += l[i * n + j] * z;
    }
    return out;
  }

  fork(subId: string): Rng {
    return new XoroshiroStream(this.seed, `${this.id}/${subId}`);
  }
}
