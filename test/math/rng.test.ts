import { describe, expect, it } from 'vitest';
import { stream, streamState, fnv1a64, splitmix64Mix } from '../../src/math/rng.js';
import { chiSquareQuantile, chiSquareSf, normalCdf } from '../../src/math/stats.js';
import { logFactorial } from '../../src/math/special.js';
import * as mat from '../../src/math/matrix.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Kolmogorov–Smirnov statistic D_n of a sample against a continuous CDF. */
function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}
/** Asymptotic KS critical value at α = 0.001: √(−ln(α/2)/2)/√n = 1.9495/√n (Smirnov 1948). */
const ksCritical001 = (n: number) => Math.sqrt(-Math.log(0.0005) / 2) / Math.sqrt(n);

/** Pearson χ² of observed counts against expected counts. */
function pearson(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let x2 = 0;
  for (let i = 0; i < observed.length; i++) x2 += (observed[i] - expected[i]) ** 2 / expected[i];
  return x2;
}

function moments(xs: Float64Array): { mean: number; variance: number; skew: number; kurt: number } {
  const n = xs.length;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (const x of xs) {
    const d = x - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n; m3 /= n; m4 /= n;
  return { mean: m, variance: (m2 * n) / (n - 1), skew: m3 / m2 ** 1.5, kurt: m4 / (m2 * m2) };
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const draw = (n: number, f: () => number) => Float64Array.from({ length: n }, f);

describe('stream derivation', () => {
  it('FNV-1a 64 matches the published test vectors (Fowler/Noll/Vo)', () => {
    expect(fnv1a64(utf8(''))).toBe(0xcbf29ce484222325n);
    expect(fnv1a64(utf8('a'))).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64(utf8('foobar'))).toBe(0x85944171f73967e8n);
  });

  it('splitmix64: first output from state 0 is 0xe220a8397b1dcdaf (Steele et al. reference)', () => {
    expect(splitmix64Mix(0x9e3779b97f4a7c15n)).toBe(0xe220a8397b1dcdafn);
  });

  it('stream states match an independent (Python) implementation of the documented derivation', () => {
    expect(streamState(42, 'radar-1')).toEqual([0x330e2fad1249a463n, 0x159221d900b1e467n]);
    expect(streamState(0, '')).toEqual([0x5ba314b8cfda3b6bn, 0x2a8e5b0b95ac5bden]);
    expect(streamState(-1, 'ü/x')).toEqual([0xd2918b5c9ca56224n, 0xe17d51a1874452ccn]);
  });

  it('raw 32-bit outputs equal a BigInt reference xoroshiro128+ (Blackman & Vigna 2018, a=24 b=16 c=37)', () => {
    const M = (1n << 64n) - 1n;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M;
    let [s0, s1] = streamState(7, 'sensor/ir-3');
    const rng = stream(7, 'sensor/ir-3');
    const expected: number[] = [];
    const got: number[] = [];
    for (let i = 0; i < 1000; i++) {
      expected.push(Number((s0 + s1) & 0xffffffffn)); // the low 32 bits of s0 + s1
      s1 ^= s0;
      s0 = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & M);
      s1 = rotl(s1, 37n);
      got.push(rng.int(2 ** 32)); // int(2³²) returns the raw output (no rejection at 2³²)
    }
    expect(got).toEqual(expected);
  });

  it('golden vector: the first uniforms of stream(42, "radar-1")', () => {
    // From the Python reference (FNV-1a → splitmix64 → xoroshiro128+, res53 from upper bits).
    const r = stream(42, 'radar-1');
    expect([r.uniform(), r.uniform(), r.uniform(), r.uniform(), r.uniform()]).toEqual([
      0.07415060714460098, 0.6549864186924109, 0.2850045577403437, 0.23592698801076395, 0.6827160817658805,
    ]);
  });

  it('rejects bad seeds', () => {
    expect(() => stream(1.5, 'x')).toThrow(RangeError);
    expect(() => stream(2 ** 60, 'x')).toThrow(RangeError);
    expect(() => stream(NaN, 'x')).toThrow(RangeError);
  });
});

describe('determinism and independence', () => {
  const mixed = (seed: number, id: string) => {
    const r = stream(seed, id);
    const out: number[] = [];
    for (let i = 0; i < 1000; i++) {
      out.push(r.uniform(), r.normal(), r.int(17), r.exponential(2), r.poisson(i % 2 ? 4 : 40));
    }
    return out;
  };

  it('same seed and id → identical first 1000 draws of every kind', () => {
    expect(mixed(2024, 'threat/7')).toEqual(mixed(2024, 'threat/7'));
  });

  it('different id or seed → different sequences', () => {
    const a = mixed(2024, 'threat/7');
    expect(mixed(2024, 'threat/8')).not.toEqual(a);
    expect(mixed(2025, 'threat/7')).not.toEqual(a);
  });

  it('creating and drawing from other streams does not change a stream', () => {
    const alone = stream(9, 'radar-1');
    const ref = draw(500, () => alone.normal());
    const a = stream(9, 'radar-1');
    const b = stream(9, 'radar-2');
    const got = new Float64Array(500);
    for (let i = 0; i < 500; i++) {
      b.uniform();
      stream(9, `extra-${i}`).normal();
      got[i] = a.normal();
      b.normal();
    }
    expect(got).toEqual(ref);
  });

  it('fork(sub) is stream(seed, id + "/" + sub), independent of the parent position', () => {
    const p = stream(3, 'battery-A');
    p.uniform();
    const f = p.fork('salvo-1');
    expect(f.id).toBe('battery-A/salvo-1');
    const g = stream(3, 'battery-A/salvo-1');
    expect(draw(100, () => f.uniform())).toEqual(draw(100, () => g.uniform()));
  });

  it('near-identical ids give uncorrelated streams; no lag-1 autocorrelation', () => {
    const n = 100_000;
    const bound = 4 / Math.sqrt(n); // 4σ of a sample correlation under independence
    const a = draw(n, (() => { const r = stream(1, 'radar-1'); return () => r.uniform(); })());
    const b = draw(n, (() => { const r = stream(1, 'radar-2'); return () => r.uniform(); })());
    const c = draw(n, (() => { const r = stream(2, 'radar-1'); return () => r.uniform(); })());
    expect(Math.abs(correlation(a, b))).toBeLessThan(bound);
    expect(Math.abs(correlation(a, c))).toBeLessThan(bound);
    expect(Math.abs(correlation(a.subarray(1), a.subarray(0, n - 1)))).toBeLessThan(bound);
  });
});

describe('distributions (fixed seeds, significance 0.001)', () => {
  const N = 100_000;

  it('uniform: [0,1), mean ½, variance 1/12, KS and 100-bin χ²', () => {
    const r = stream(11, 'uniform');
    const xs = draw(N, () => r.uniform());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const m = moments(xs);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / N)); // Var(s²) ≈ (μ₄ − σ⁴)/n = 1/180n
    expect(ksStatistic(xs, (x) => Math.min(Math.max(x, 0), 1))).toBeLessThan(ksCritical001(N));
    const counts = new Float64Array(100);
    for (const x of xs) counts[Math.floor(x * 100)]++;
    expect(pearson(counts, new Float64Array(100).fill(N / 100))).toBeLessThan(chiSquareQuantile(0.999, 99));
    // uniformRange
    const y = r.uniformRange(-3, 5);
    expect(y >= -3 && y < 5).toBe(true);
  });

  it('int(n): uniform over residues (χ²), range for large n, errors', () => {
    const r = stream(12, 'int');
    const counts = new Float64Array(6);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    expect(pearson(counts, new Float64Array(6).fill(10_000))).toBeLessThan(20.515); // χ²₀.₉₉₉(5), table
    // n = 3·2³¹ is not a power of two; naive modulo would put 2× weight on the low third.
    const big = 3 * 2 ** 31;
    const ks = draw(30_000, () => r.int(big));
    expect(ks.every((k) => Number.isInteger(k) && k >= 0 && k < big)).toBe(true);
    const low = ks.filter((k) => k < 2 ** 31).length;
    expect(Math.abs(low / 30_000 - 1 / 3)).toBeLessThan(4 * Math.sqrt((2 / 9) / 30_000));
    const huge = 2 ** 40 + 3;
    expect(draw(1000, () => r.int(huge)).every((k) => Number.isInteger(k) && k >= 0 && k < huge)).toBe(true);
    // n = 3·2⁵¹ > 2⁵²: a 53-bit draw modulo n would give [0, 2⁵¹) probability ½ instead of ⅓.
    const n53 = 3 * 2 ** 51;
    const lowShare = draw(30_000, () => r.int(n53)).filter((k) => k < 2 ** 51).length / 30_000;
    expect(Math.abs(lowShare - 1 / 3)).toBeLessThan(4 * Math.sqrt((2 / 9) / 30_000));
    expect(r.int(1)).toBe(0);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
  });

  it('normal: moments (mean, variance, skewness 0, kurtosis 3) and KS against Φ', () => {
    const r = stream(13, 'normal');
    const xs = draw(N, () => r.normal());
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    expect(Math.abs(m.skew)).toBeLessThan(4 * Math.sqrt(6 / N));
    expect(Math.abs(m.kurt - 3)).toBeLessThan(4 * Math.sqrt(24 / N));
    expect(ksStatistic(xs, normalCdf)).toBeLessThan(ksCritical001(N));
    const ys = draw(N, () => r.normal(100, 5));
    const my = moments(ys);
    expect(Math.abs(my.mean - 100)).toBeLessThan((4 * 5) / Math.sqrt(N));
    expect(Math.abs(Math.sqrt(my.variance) - 5)).toBeLessThan(4 * 5 * Math.sqrt(1 / (2 * N)));
    // fillNormal continues the same sequence as normal()
    const s1 = stream(5, 'fill'), s2 = stream(5, 'fill');
    expect(Array.from(s1.fillNormal(new Float64Array(7)))).toEqual(Array.from(draw(7, () => s2.normal())));
  });

  it('exponential: mean 1/λ and KS against 1 − e^{−λx}', () => {
    const r = stream(14, 'exp');
    const rate = 2.5;
    const xs = draw(N, () => r.exponential(rate));
    expect(Math.abs(moments(xs).mean - 1 / rate)).toBeLessThan(4 / rate / Math.sqrt(N));
    expect(ksStatistic(xs, (x) => 1 - Math.exp(-rate * x))).toBeLessThan(ksCritical001(N));
    expect(() => r.exponential(0)).toThrow(RangeError);
  });

  /** χ² goodness of fit of Poisson draws against the exact pmf e^{−λ}λᵏ/k!, tails pooled. */
  function poissonFit(lambda: number, n: number, seed: number): { mean: number; variance: number; x2: number; dof: number } {
    const r = stream(seed, `poisson-${lambda}`);
    const xs = draw(n, () => r.poisson(lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const pmf = (k: number) => Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
    // bins [0..lo), lo..hi individually, (hi..∞) with expected counts ≥ 5
    let lo = Math.floor(lambda);
    while (lo > 0 && pmf(lo - 1) * n >= 5) lo--;
    let hi = Math.floor(lambda);
    while (pmf(hi + 1) * n >= 5) hi++;
    const observed = new Float64Array(hi - lo + 3);
    const expected = new Float64Array(hi - lo + 3);
    for (const x of xs) observed[x < lo ? 0 : x > hi ? hi - lo + 2 : x - lo + 1]++;
    let below = 0;
    for (let k = 0; k < lo; k++) below += pmf(k);
    let inside = 0;
    for (let k = lo; k <= hi; k++) { expected[k - lo + 1] = pmf(k) * n; inside += pmf(k); }
    expected[0] = below * n;
    expected[hi - lo + 2] = (1 - below - inside) * n;
    const keep = Array.from(expected.keys()).filter((i) => expected[i] > 0);
    const o = keep.map((i) => observed[i]), e = keep.map((i) => expected[i]);
    const m = moments(xs);
    return { mean: m.mean, variance: m.variance, x2: pearson(o, e), dof: keep.length - 1 };
  }

  it('Poisson λ=3 (multiplication method): mean, variance, χ² fit', () => {
    const f = poissonFit(3, N, 15);
    expect(Math.abs(f.mean - 3)).toBeLessThan(4 * Math.sqrt(3 / N));
    expect(Math.abs(f.variance - 3)).toBeLessThan(4 * Math.sqrt((2 * 9 + 3) / N)); // Var(s²) ≈ (2λ² + λ)/n
    expect(f.x2).toBeLessThan(chiSquareQuantile(0.999, f.dof));
  });

  it('Poisson λ=300 (PTRS): mean, variance, χ² fit against the exact pmf', () => {
    // 400 000 draws: enough for the χ² fit to see a 5 % error in the PTRS acceptance test.
    const n = 400_000;
    const f = poissonFit(300, n, 16);
    expect(Math.abs(f.mean - 300)).toBeLessThan(4 * Math.sqrt(300 / n));
    expect(Math.abs(f.variance - 300)).toBeLessThan(4 * Math.sqrt((2 * 300 ** 2 + 300) / n));
    expect(f.x2).toBeLessThan(chiSquareQuantile(0.999, f.dof));
  });

  it('Poisson either side of the method switch (λ = 9.99, 10) and λ = 25.5: χ² fit', () => {
    for (const lambda of [9.99, 10, 25.5]) {
      const f = poissonFit(lambda, lambda === 25.5 ? 400_000 : 50_000, 17);
      expect(f.x2).toBeLessThan(chiSquareQuantile(0.999, f.dof));
      expect(chiSquareSf(f.x2, f.dof)).toBeGreaterThan(0.001);
    }
    const r = stream(1, 'p');
    expect(r.poisson(0)).toBe(0);
    expect(() => r.poisson(-1)).toThrow(RangeError);
    expect(() => r.poisson(Infinity)).toThrow(RangeError);
  });

  it('mvnormal: sample covariance matches cov; Mahalanobis d² ~ χ²₆', () => {
    // A fixed 6×6 SPD covariance (position m², velocity m²/s² with cross terms).
    const n = 6;
    const b = mat.fromRows([
      [30, 0, 0, 0, 0, 0], [5, 20, 0, 0, 0, 0], [-3, 4, 10, 0, 0, 0],
      [1, 0, 0, 2, 0, 0], [0, 0.5, 0, 0.3, 1.5, 0], [0, 0, 0.2, -0.1, 0.2, 1],
    ]);
    const cov = mat.multiplyABt(b, b, n, n, n);
    const mean = [6378137, 0, 0, 0, 7500, 0];
    const r = stream(18, 'mvnormal');
    const samples = 40_000;
    const sum = new Float64Array(n), cross = new Float64Array(n * n);
    const l = mat.cholesky(cov, n);
    const scratch = new Float64Array(n), d = new Float64Array(n);
    const d2 = new Float64Array(samples);
    for (let s = 0; s < samples; s++) {
      const x = r.mvnormal(mean, cov);
      for (let i = 0; i < n; i++) d[i] = x[i] - mean[i];
      for (let i = 0; i < n; i++) {
        sum[i] += d[i];
        for (let j = 0; j < n; j++) cross[i * n + j] += d[i] * d[j];
      }
      d2[s] = mat.invQuadFormFromCholesky(l, d, n, scratch);
    }
    for (let i = 0; i < n; i++) {
      expect(Math.abs(sum[i] / samples)).toBeLessThan(4.5 * Math.sqrt(cov[i * n + i] / samples));
      for (let j = 0; j < n; j++) {
        const c = cross[i * n + j] / samples;
        // SE of a sample covariance of a normal pair: √((Σᵢᵢ Σⱼⱼ + Σᵢⱼ²)/N)
        const se = Math.sqrt((cov[i * n + i] * cov[j * n + j] + cov[i * n + j] ** 2) / samples);
        expect(Math.abs(c - cov[i * n + j])).toBeLessThan(4.5 * se);
      }
    }
    expect(ksStatistic(d2, (x) => 1 - Math.exp(-x / 2) * (1 + x / 2 + (x * x) / 8))).toBeLessThan(ksCritical001(samples));
  });

  it('mvnormalInto equals mvnormal on the same stream, also in place; semidefinite cov works', () => {
    const cov = mat.fromRows([[4, 2, 0], [2, 5, 0], [0, 0, 0]]); // no variance on the 3rd axis
    const mean = [1, 2, 3];
    const l = new Float64Array(9);
    expect(mat.choleskySemidefiniteInto(l, cov, 3)).toBe(true);
    const a = stream(19, 'mv'), b = stream(19, 'mv');
    for (let i = 0; i < 20; i++) {
      const x = a.mvnormal(mean, cov);
      const y = b.mvnormalInto(new Float64Array(3), mean, l, 3);
      expect(Array.from(y)).toEqual(Array.from(x));
      expect(x[2]).toBe(3);
    }
    const inPlace = stream(20, 'mv'), ref = stream(20, 'mv');
    const buf = Float64Array.from(mean);
    inPlace.mvnormalInto(buf, buf, l, 3);
    expect(Array.from(buf)).toEqual(Array.from(ref.mvnormalInto(new Float64Array(3), mean, l, 3)));
    expect(() => a.mvnormal([0, 0], mat.fromRows([[1, 2], [2, 1]]))).toThrow(RangeError);
    expect(() => a.mvnormal([0, 0], [1, 0, 0])).toThrow(/expected 2×2/);
  });
});
