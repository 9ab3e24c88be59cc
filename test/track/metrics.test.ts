// Metrics: GOSPA and OSPA on hand-worked examples and against an independent brute-force
// GOSPA (every partial assignment); track continuity on a scripted sequence; the PCRLB against
// the least-squares closed form for a straight line with a diffuse prior.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cartesianPosition, constantVelocity, gospa, ospa, pcrlbLinearGaussian, scoreSequence,
} from '../../src/track/index.js';

const pts = (...p: number[][]) => Float64Array.from(p.flat());

describe('GOSPA (α = 2), hand-worked', () => {
  it('one pair kept, one truth missed (p = 1, c = 5)', () => {
    // X = {(0,0), (10,0)}, Y = {(0,3)}: pair (0,0)–(0,3) at 3; (10,0) is 10.4 ≥ c away ⇒ missed.
    const g = gospa(pts([0, 0], [10, 0]), 2, pts([0, 3]), 1, 2, { c: 5, p: 1 });
    expect(g.localisation).toBe(3);
    expect(g.missed).toBe(2.5);
    expect(g.false).toBe(0);
    expect(g.distance).toBe(5.5);
    expect(Array.from(g.truthToTrack)).toEqual([0, -1]);
  });

  it('p = 2: parts in squared metres, distance is the square root', () => {
    // X = {(0,0)}, Y = {(3,4), (100,100)}, c = 10: loc 5² = 25, one false c²/2 = 50 ⇒ √75.
    const g = gospa(pts([0, 0]), 1, pts([3, 4], [100, 100]), 2, 2, { c: 10, p: 2 });
    expect(g.localisation).toBeCloseTo(25, 12);
    expect(g.false).toBe(50);
    expect(g.missed).toBe(0);
    expect(g.distance).toBeCloseTo(Math.sqrt(75), 12);
  });

  it('a pair at exactly d = c is not kept (one missed + one false)', () => {
    const g = gospa(pts([0, 0]), 1, pts([5, 0]), 1, 2, { c: 5, p: 1 });
    expect(g.localisation).toBe(0);
    expect(g.missed).toBe(2.5);
    expect(g.false).toBe(2.5);
    expect(g.distance).toBe(5);
  });

  it('the assignment is optimal, not greedy', () => {
    // greedy would pair (3,0)–(2,0) (d = 1) then (0,0)–(5.5,0) (5.5): 6.5; optimal 2 + 2.5 = 4.5
    const g = gospa(pts([0, 0], [3, 0]), 2, pts([2, 0], [5.5, 0]), 2, 2, { c: 10, p: 1 });
    expect(g.distance).toBeCloseTo(4.5, 12);
    expect(Array.from(g.truthToTrack)).toEqual([0, 1]);
  });

  it('empty sets', () => {
    expect(gospa(pts(), 0, pts(), 0, 2, { c: 5, p: 1 }).distance).toBe(0);
    const g = gospa(pts(), 0, pts([1, 1], [2, 2]), 2, 2, { c: 4, p: 1 });
    expect(g.false).toBe(4);
    expect(g.distance).toBe(4);
    expect(gospa(pts([1, 1, 1]), 1, pts(), 0, 3, { c: 4, p: 2 }).missed).toBe(8);
  });

  it('only α = 2 is accepted', () => {
    expect(() => gospa(pts(), 0, pts(), 0, 2, { c: 5, p: 1, alpha: 1 })).toThrow(/α = 2/);
  });
});

/** Independent GOSPA: minimise over every partial one-to-one pairing (pairs with d < c). */
function bruteGospa(X: number[][], Y: number[][], c: number, p: number): number {
  let best = Infinity;
  const used = new Array<boolean>(Y.length).fill(false);
  const rec = (i: number, acc: number, kept: number) => {
    if (i === X.length) {
      best = Math.min(best, acc + (Math.pow(c, p) / 2) * (X.length + Y.length - 2 * kept));
      return;
    }
    rec(i + 1, acc, kept); // truth i unpaired
    for (let j = 0; j < Y.length; j++) {
      if (used[j]) continue;
      const d = Math.hypot(X[i][0] - Y[j][0], X[i][1] - Y[j][1]);
      if (d >= c) continue;
      used[j] = true;
      rec(i + 1, acc + Math.pow(d, p), kept + 1);
      used[j] = false;
    }
  };
  rec(0, 0, 0);
  return Math.pow(best, 1 / p);
}

describe('GOSPA = brute force over partial assignments', () => {
  it('random sets (fast-check)', () => {
    const pt = fc.tuple(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(pt, { maxLength: 5 }), fc.array(pt, { maxLength: 5 }),
        fc.double({ min: 0.5, max: 30, noNaN: true }), fc.constantFrom(1, 2, 3),
        (X, Y, c, p) => {
          const g = gospa(Float64Array.from(X.flat()), X.length, Float64Array.from(Y.flat()), Y.length, 2, { c, p });
          const b = bruteGospa(X, Y, c, p);
          expect(Math.abs(g.distance - b)).toBeLessThan(1e-9 * Math.max(1, b));
          expect(Math.abs(Math.pow(g.distance, p) - (g.localisation + g.missed + g.false))).toBeLessThan(1e-8 * Math.max(1, b ** p));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('OSPA, hand-worked', () => {
  it('X = {(0,0)}, Y = {(3,4), (100,100)}, c = 10, p = 1 ⇒ (5 + 10)/2 = 7.5', () => {
    expect(ospa(pts([0, 0]), 1, pts([3, 4], [100, 100]), 2, 2, { c: 10, p: 1 })).toBeCloseTo(7.5, 12);
  });
  it('cut-off and empty sets', () => {
    expect(ospa(pts([0, 0]), 1, pts([30, 40]), 1, 2, { c: 10, p: 2 })).toBe(10);
    expect(ospa(pts(), 0, pts([1, 2]), 1, 2, { c: 10, p: 1 })).toBe(10);
    expect(ospa(pts(), 0, pts(), 0, 2, { c: 10, p: 1 })).toBe(0);
  });
});

describe('track continuity', () => {
  it('counts id changes, breaks and swaps on a scripted sequence', () => {
    const scan = (truth: [string, number][], tracks: [number, number][]) => ({
      truthIds: truth.map((t) => t[0]),
      truth: Float64Array.from(truth.flatMap((t) => [t[1], 0])),
      trackIds: tracks.map((t) => t[0]),
      tracks: Float64Array.from(tracks.flatMap((t) => [t[1], 0])),
    });
    const m = scoreSequence(
      [
        scan([['A', 0], ['B', 100]], [[1, 0], [2, 100]]),
        scan([['A', 0], ['B', 100]], [[1, 0]]), // B lost: a break
        scan([['A', 0], ['B', 100]], [[2, 0], [1, 100]]), // ids swapped: A 1→2, B gets 1 (B's last was 2)
        scan([['A', 0]], [[2, 0]]),
      ],
      2,
      { c: 10, p: 1 },
    );
    expect(m.continuity.breaks).toBe(1);
    expect(m.continuity.idChanges).toBe(2); // A: 1→2, B: 2→1
    expect(m.continuity.trackSwaps).toBe(2); // track 1: A→B, track 2: B→A
    expect(m.trackCount).toBe(2);
    expect(m.meanGospa).toBeCloseTo((0 + 5 + 0 + 0) / 4, 12);
    expect(m.meanMissed).toBeCloseTo(5 / 4, 12);
  });
});

describe('PCRLB (linear-Gaussian information recursion)', () => {
  it('equals the least-squares line-fit variance σ²(4N − 2)/(N(N + 1)) with a diffuse prior, q = 0', () => {
    const f = constantVelocity(1, 0);
    const h = cartesianPosition(f.positionIndices, 2);
    const sigma2 = 100;
    const times = Array.from({ length: 30 }, (_, k) => k);
    const b = pcrlbLinearGaussian({ transition: f, measurement: h, R: [sigma2], P0: [1e10, 0, 0, 1e10], times });
    for (const N of [2, 3, 10, 30]) {
      const ls = (sigma2 * (4 * N - 2)) / (N * (N + 1));
      expect(Math.abs(b[N - 1][0] / ls - 1), `N=${N}`).toBeLessThan(1e-6);
      // slope variance σ²/Σ(t − t̄)² = 12σ²/(N(N² − 1))
      expect(Math.abs(b[N - 1][3] / ((12 * sigma2) / (N * (N * N - 1))) - 1), `N=${N}`).toBeLessThan(1e-6);
    }
  });

  it('a static position (q = 0) measured N times: 1/(1/P₀ + N/σ²)', () => {
    const f = constantVelocity(1, 0);
    const h = cartesianPosition(f.positionIndices, 2);
    // velocity known to be 0 (tiny prior variance): the bound is that of averaging N measurements
    const b = pcrlbLinearGaussian({ transition: f, measurement: h, R: [4], P0: [9, 0, 0, 1e-14], times: [0, 1, 2, 3, 4] });
    for (let k = 0; k < 5; k++) expect(b[k][0]).toBeCloseTo(1 / (1 / 9 + (k + 1) / 4), 8);
  });
});
