import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chiSquareCdf, chiSquareQuantile, chiSquareSf, meanCI, normalCdf, normalQuantile, normalQuantileAcklam,
  percentile, percentileSorted, proportionCI, RunningStats, summarize, tCdf, tQuantile, tQuantileHill,
} from '../../src/math/stats.js';

/** |actual − expected| ≤ half a unit in the last published digit. */
const toTableDigits = (actual: number, expected: number, decimals: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);

describe('normal distribution', () => {
  it('Φ⁻¹ against published values (A&S Table 26.5; Wichura 1988, AS 241 test values)', () => {
    toTableDigits(normalQuantile(0.975), 1.959963985, 9);
    toTableDigits(normalQuantile(0.995), 2.575829304, 9);
    expect(normalQuantile(0.25)).toBeCloseTo(-0.6744897501960817, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167814, 13);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.262340089798408, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });

  it("Acklam's approximation alone has relative error < 1.15e-9 (his stated bound)", () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.02, 0.1, 0.3, 0.49, 0.7, 0.975, 0.999999]) {
      const exact = normalQuantile(p);
      expect(Math.abs(normalQuantileAcklam(p) - exact)).toBeLessThanOrEqual(1.15e-9 * Math.abs(exact) + 1e-15);
    }
  });

  it('Φ against A&S Table 26.1 and the erf value erf(1/√2) = 0.682689492137', () => {
    toTableDigits(normalCdf(1.96), 0.9750021048517795, 15);
    toTableDigits(normalCdf(1) - normalCdf(-1), 0.682689492137, 12);
    toTableDigits(normalCdf(-3), 0.00134989803163, 14);
    // Far lower tail keeps relative accuracy: Mills-ratio asymptotic series (A&S 26.2.12)
    // Φ(−x) ≈ φ(x)/x·(1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸), truncation error < 945/x¹⁰ ≈ 1e-10 at x = 20.
    const x = 20;
    const mills = (Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) / x) * (1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6 + 105 / x ** 8);
    expect(Math.abs(normalCdf(-x) / mills - 1)).toBeLessThan(1e-9);
    expect(normalCdf(-37)).toBeGreaterThan(0); // Φ(−37) ≈ 5.7e-300 is still representable
  });

  it('Φ(Φ⁻¹(p)) = p', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 1e-16, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThanOrEqual(1e-13 * Math.min(p, 1 - p) + 1e-16);
      }),
    );
  });
});

describe('Student t', () => {
  it('quantiles against the published t table', () => {
    toTableDigits(tQuantile(0.975, 1), 12.706, 3);
    toTableDigits(tQuantile(0.975, 10), 2.228, 3);
    toTableDigits(tQuantile(0.975, 30), 2.042, 3);
    toTableDigits(tQuantile(0.975, 7), 2.365, 3);
    toTableDigits(tQuantile(0.995, 5), 4.032, 3);
    toTableDigits(tQuantile(0.95, 20), 1.725, 3);
    toTableDigits(tQuantile(0.025, 10), -2.228, 3);
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expect(tQuantile(0.5, 4)).toBe(0);
  });

  it('closed forms: ν=1 Cauchy F = ½ + atan(t)/π; ν=2 F = ½ + t/(2√(2+t²))', () => {
    for (const t of [-50, -3, -0.5, 0, 0.1, 2, 1e3]) {
      expect(tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(tCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
    }
    for (const p of [1e-9, 0.01, 0.3, 0.8, 0.999]) {
      // tan(π(p − ½)) = −cot(πp), written as −1/tan(πp) so that the reference is accurate for small p
      const cauchy = -1 / Math.tan(Math.PI * p);
      expect(Math.abs(tQuantile(p, 1) - cauchy)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(cauchy)));
      const q = 2 * p - 1; // ν=2: t = (2p−1)·√(2/(4p(1−p)))
      expect(tQuantile(p, 2)).toBeCloseTo(q * Math.sqrt(2 / (4 * p * (1 - p))), 10);
    }
  });

  it("Hill's Algorithm 396 (the Newton starting point) is within 1e-5 relative of the refined quantile", () => {
    for (const df of [3, 5, 10, 30, 100]) {
      for (const p2 of [0.001, 0.01, 0.05, 0.2, 0.8]) {
        const exact = tQuantile(1 - p2 / 2, df);
        expect(Math.abs(tQuantileHill(p2, df) - exact)).toBeLessThan(1e-5 * exact);
      }
    }
  });

  it('F(F⁻¹(p)) = p, also for non-integer ν (Welch)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, df) => {
          const t = tQuantile(p, df);
          expect(Math.abs(tCdf(t, df) - p)).toBeLessThanOrEqual(1e-12 * Math.min(p, 1 - p) + 1e-15);
        },
      ),
    );
  });
});

describe('chi-square', () => {
  it('quantiles against the published χ² table', () => {
    toTableDigits(chiSquareQuantile(0.95, 1), 3.841, 3);
    toTableDigits(chiSquareQuantile(0.99, 3), 11.345, 3);
    toTableDigits(chiSquareQuantile(0.999, 6), 22.458, 3);
    toTableDigits(chiSquareQuantile(0.95, 10), 18.307, 3);
    toTableDigits(chiSquareQuantile(0.05, 10), 3.940, 3);
    toTableDigits(chiSquareQuantile(0.999, 5), 20.515, 3);
    toTableDigits(chiSquareQuantile(0.999, 99), 148.230, 3);
  });

  it('closed forms: k=2 quantile −2 ln(1−p); even k: Q = e^{−x/2} Σ_{j<k/2} (x/2)ʲ/j!', () => {
    expect(chiSquareQuantile(0.99, 2)).toBeCloseTo(-2 * Math.log(0.01), 12);
    // χ²₀.₉₉₉₇(6), the 3-sigma-equivalent gate for a 6-D state: solve the closed form by bisection
    const q6 = (x: number) => Math.exp(-x / 2) * (1 + x / 2 + (x * x) / 8);
    let lo = 0, hi = 100;
    for (let i = 0; i < 200; i++) { const m = 0.5 * (lo + hi); if (q6(m) > 0.0003) lo = m; else hi = m; }
    expect(chiSquareQuantile(0.9997, 6)).toBeCloseTo(lo, 10);
    for (const x of [0.01, 1, 5, 20, 80]) {
      expect(chiSquareSf(x, 6)).toBeCloseTo(q6(x), 14);
      expect(chiSquareCdf(x, 2)).toBeCloseTo(1 - Math.exp(-x / 2), 15);
      // k=1: P(χ²₁ ≤ x) = P(|Z| ≤ √x) = 2Φ(√x) − 1
      expect(chiSquareCdf(x, 1)).toBeCloseTo(2 * normalCdf(Math.sqrt(x)) - 1, 14);
    }
    // far tail keeps relative accuracy: Q(200; 2) = e^{−100}
    expect(chiSquareSf(200, 2) / Math.exp(-100)).toBeCloseTo(1, 12);
  });

  it('round trip F(F⁻¹(p)) = p', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        fc.double({ min: 0.3, max: 300, noNaN: true }),
        (p, k) => {
          const x = chiSquareQuantile(p, k);
          const err = p <= 0.5 ? Math.abs(chiSquareCdf(x, k) - p) / p : Math.abs(chiSquareSf(x, k) - (1 - p)) / (1 - p);
          expect(err).toBeLessThan(1e-11);
        },
      ),
    );
  });
});

describe('sample summaries', () => {
  it('hand-worked sample [2,4,4,4,5,5,7,9]', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.variance).toBeCloseTo(32 / 7, 14); // Σ(x − 5)² = 32
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    expect(s.median).toBe(4.5);
    expect(s.stderr).toBeCloseTo(Math.sqrt(32 / 7 / 8), 14);
    const half = 2.365 * Math.sqrt(32 / 7 / 8); // t₀.₉₇₅(7) = 2.365 from the table
    expect(s.ci95[0]).toBeCloseTo(5 - half, 3);
    expect(s.ci95[1]).toBeCloseTo(5 + half, 3);
  });

  it('NIST StRD NumAcc4 (certified mean 10000000.2, sd 0.1) — summarize and RunningStats', () => {
    const xs = [10000000.2];
    for (let i = 0; i < 500; i++) xs.push(10000000.1, 10000000.3);
    const s = summarize(xs);
    expect(s.mean).toBeCloseTo(10000000.2, 7);
    expect(Math.abs(s.sd - 0.1) / 0.1).toBeLessThan(1e-7);
    const w = new RunningStats().addAll(xs);
    expect(w.mean).toBeCloseTo(10000000.2, 7);
    expect(Math.abs(w.sd - 0.1) / 0.1).toBeLessThan(1e-7);
  });

  it('n < 2 and bad input', () => {
    const s = summarize([3]);
    expect(s.mean).toBe(3);
    expect(s.median).toBe(3);
    expect(s.variance).toBeNaN();
    expect(s.ci95[0]).toBeNaN();
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, NaN])).toThrow(/\[1\] is NaN/);
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('percentile: linear interpolation (NumPy/R default) on documented examples', () => {
    // numpy.percentile docs: a = [[10, 7, 4], [3, 2, 1]], percentile(a, 50) = 3.5
    expect(percentile([10, 7, 4, 3, 2, 1], 50)).toBe(3.5);
    // R: quantile(c(1, 2, 3, 4), c(0, .25, .9, 1)) = 1, 1.75, 3.7, 4
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(percentile([4, 1, 3, 2], 90)).toBeCloseTo(3.7, 14);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
    expect(percentileSorted([5], 30)).toBe(5);
  });

  it('RunningStats: add/merge agree with summarize on the concatenation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 50 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 50 }),
        (a, b) => {
          fc.pre(a.length + b.length >= 2);
          const ref = summarize([...a, ...b]);
          const w = new RunningStats().addAll(a).merge(new RunningStats().addAll(b));
          expect(w.n).toBe(ref.n);
          expect(w.mean).toBeCloseTo(ref.mean, 6);
          expect(Math.abs(w.variance - ref.variance)).toBeLessThanOrEqual(1e-9 * (ref.variance + 1));
          expect(w.min).toBe(ref.min);
          expect(w.max).toBe(ref.max);
          const [lo, hi] = w.ci();
          expect(lo).toBeCloseTo(ref.ci95[0], 5);
          expect(hi).toBeCloseTo(ref.ci95[1], 5);
        },
      ),
    );
    const empty = new RunningStats();
    expect(empty.mean).toBeNaN();
    expect(empty.min).toBeNaN();
    expect(() => empty.add(NaN)).toThrow(RangeError);
  });

  it('meanCI at 99 %: x̄ ± t₀.₉₉₅(n−1)·s/√n with t₀.₉₉₅(5) = 4.032', () => {
    const [lo, hi] = meanCI(10, 2, 6, 0.99);
    expect(lo).toBeCloseTo(10 - (4.032 * 2) / Math.sqrt(6), 3);
    expect(hi).toBeCloseTo(10 + (4.032 * 2) / Math.sqrt(6), 3);
  });
});

describe('Wilson score interval', () => {
  it("matches Newcombe (1998), Stat. Med. 17:857, Table II method 3 (95 %)", () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const [a, b] = proportionCI(k, n);
      toTableDigits(a, lo, 4);
      toTableDigits(b, hi, 4);
    }
  });

  it('closed form at k = n: lower = n/(n + z²); symmetry CI(k) = 1 − CI(n − k)', () => {
    const z = normalQuantile(0.975);
    expect(proportionCI(20, 20)[0]).toBeCloseTo(20 / (20 + z * z), 14);
    expect(proportionCI(20, 20)[1]).toBe(1);
    const [a, b] = proportionCI(3, 50, 0.9);
    const [c, d] = proportionCI(47, 50, 0.9);
    expect(a).toBeCloseTo(1 - d, 14);
    expect(b).toBeCloseTo(1 - c, 14);
    expect(() => proportionCI(5, 4)).toThrow(RangeError);
    expect(() => proportionCI(1, 0)).toThrow(RangeError);
    expect(() => proportionCI(1, 4, 1)).toThrow(RangeError);
  });
});
