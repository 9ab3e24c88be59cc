// SIAP measures (src/track/siap.ts): hand-worked multi-step examples with every measure worked
// out in the comments; a crossing/swap scenario whose expected numbers come from a hand
// computation following Stone Soup's SIAPMetrics formulas (tracktotruthmetrics.py:
// C = ΣJT/ΣJ, A = ΣNA/ΣJT, S = Σ(N−NA)/ΣN, PA = ΣPA/ΣNA, VA = ΣVA/ΣNA, R = Σ(NU_j−1)/ΣTT_j,
// LS = ΣTL_j/ΣT_j, and its zero-denominator values); the association rule against GOSPA's
// assignment; fast-check properties; bad input; and the `rampart track` summary.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  SiapAccumulator, gospa, parseTrackingCase, prepareCase, runCase, siap, siapOfCase,
  type SiapMeasures, type SiapSample,
} from '../../src/track/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = resolve(ROOT, '../shared/data/tracking');

/** A sample from [id, x, y, z] rows (optionally with velocities [vx, vy, vz] after). */
function S(...rows: [string, number, number, number, ...number[]][]): SiapSample {
  const ids = rows.map((r) => r[0]);
  const positions = Float64Array.from(rows.flatMap((r) => [r[1], r[2], r[3]]));
  const withVel = rows.length > 0 && rows.every((r) => r.length === 7);
  return withVel ? { ids, positions, velocities: Float64Array.from(rows.flatMap((r) => [r[4]!, r[5]!, r[6]!])) } : { ids, positions };
}

describe('SIAP, hand-worked: redundancy, a spurious track, hysteresis, a break (c = 10 m)', () => {
  // Truths A moves along x at 10 m/s from 0, B from 100; samples at t = 0, 1, 2, 3.
  //  t=0  tracks 1 (3,0,0): A at 3; 2 (100,3,4): B at 5; 9 (500,0,0): nothing within 10 ⇒ spurious.
  //       J=2 JT=2 N=3 NA=2 (N−NA)=1 ΣPA=3+5=8
  //  t=1  tracks 1 (16,0,0): A at 6; 2 (110,0,0): B at 0; 3 (12,0,0): A at 2.
  //       Primary of A stays 1 (hysteresis: it continues within c) though 3 is closer; 3 is a
  //       redundant track on A.  J=2 JT=2 N=3 NA=3 (N−NA)=0 ΣPA=6+0+2=8
  //  t=2  tracks 3 (20,0,0): A at 0; 2 (200,0,0): 80 from B ⇒ spurious; B held at t=1, not now
  //       ⇒ 1 break.  J=2 JT=1 N=2 NA=1 (N−NA)=1 ΣPA=0
  //  t=3  tracks 3 (33,0,0): A at 3; 2 (130,0,0): B at 0.  J=2 JT=2 N=2 NA=2 (N−NA)=0 ΣPA=3
  // Sums: ΣJ=8 ΣJT=7 ΣN=10 ΣNA=8 Σ(N−NA)=2 ΣPA=19.
  //   C = 7/8 = 0.875, A = 8/7, S = 2/10 = 0.2, PA = 19/8 = 2.375.
  // Segments: A: track 1 over t 0–1, track 3 over t 1–3; B: track 2 over t 0–1 and t 3–3.
  //   TT_A: intervals (0,1) by 1, (1,2) by 3, (2,3) by 3 ⇒ 3 s; TT_B: (0,1) by 2 ⇒ 1 s; ΣTT = 4.
  //   NU_A: cover samples 0..3 with [0,1] then [1,3] ⇒ 2; NU_B: [0,1] and [3,3] ⇒ 2.
  //   R = ((2−1) + (2−1)) / 4 = 0.5 per s.
  //   TL_A = max(1, 2) = 2 s, TL_B = max(1, 0) = 1 s; T_A = T_B = 3 s ⇒ LS = 3/6 = 0.5.
  // Breaks 1 (B at t=2); swaps 0; mean truths 8/4 = 2, mean tracks 10/4 = 2.5; no velocities.
  const samples = [
    { t: 0, truth: S(['A', 0, 0, 0], ['B', 100, 0, 0]), tracks: S(['1', 3, 0, 0], ['2', 100, 3, 4], ['9', 500, 0, 0]) },
    { t: 1, truth: S(['A', 10, 0, 0], ['B', 110, 0, 0]), tracks: S(['1', 16, 0, 0], ['2', 110, 0, 0], ['3', 12, 0, 0]) },
    { t: 2, truth: S(['A', 20, 0, 0], ['B', 120, 0, 0]), tracks: S(['3', 20, 0, 0], ['2', 200, 0, 0]) },
    { t: 3, truth: S(['A', 30, 0, 0], ['B', 130, 0, 0]), tracks: S(['3', 33, 0, 0], ['2', 130, 0, 0]) },
  ];

  it('every measure', () => {
    const m = siap(samples, { associationDistance: 10 });
    expect(m.samples).toBe(4);
    expect(m.completeness).toBeCloseTo(0.875, 14);
    expect(m.ambiguity).toBeCloseTo(8 / 7, 14);
    expect(m.spuriousness).toBeCloseTo(0.2, 14);
    expect(m.positionAccuracy).toBeCloseTo(2.375, 14);
    expect(m.velocityAccuracy).toBeNull();
    expect(m.idChangeRate).toBeCloseTo(0.5, 14);
    expect(m.longestSegment).toBeCloseTo(0.5, 14);
    expect(m.breaks).toBe(1);
    expect(m.swaps).toBe(0);
    expect(m.meanTruths).toBe(2);
    expect(m.meanTracks).toBe(2.5);
  });

  it('the accumulator gives the same at every prefix (t ≤ 1: C = 1, A = 5/4, S = 1/6, PA = 16/5)', () => {
    // After t=0,1: ΣJ=4 ΣJT=4 ΣNA=5 ΣN=6 ΣPA=16; TT_A = TT_B = 1; NU = 1 each ⇒ R = 0;
    // TL_A = TL_B = 1, T_A = T_B = 1 ⇒ LS = 1.
    const acc = new SiapAccumulator({ associationDistance: 10 });
    acc.add(samples[0].t, samples[0].truth, samples[0].tracks);
    acc.add(samples[1].t, samples[1].truth, samples[1].tracks);
    const m = acc.result();
    expect([m.completeness, m.ambiguity, m.spuriousness, m.positionAccuracy, m.idChangeRate, m.longestSegment])
      .toEqual([1, 1.25, 1 / 6, 3.2, 0, 1]);
    acc.add(samples[2].t, samples[2].truth, samples[2].tracks);
    acc.add(samples[3].t, samples[3].truth, samples[3].tracks);
    expect(acc.result()).toEqual(siap(samples, { associationDistance: 10 }));
  });

  it('a pair at exactly the association distance is not associated', () => {
    // Track at 10 m from the only truth: J=1 JT=0 N=1 NA=0 ⇒ C = 0, A = 1 (no truth held), S = 1.
    const m = siap([{ t: 0, truth: S(['A', 0, 0, 0]), tracks: S(['1', 6, 8, 0]) }], { associationDistance: 10 });
    expect([m.completeness, m.ambiguity, m.spuriousness, m.positionAccuracy]).toEqual([0, 1, 1, 0]);
  });
});

describe('SIAP against Stone Soup SIAPMetrics formulas: crossing lanes with an id swap (c = 50 m)', () => {
  // Expected numbers: a hand computation following Stone Soup's formulas (header). The tracks are
  // unambiguous (each track within c of exactly one truth), so Stone Soup's TrackToTruth and
  // this module make the same associations.
  // Truth A: y = 0, x = 10t, v = (10,0,0); truth B: y = 100, x = 30 − 10t, v = (−10,0,0);
  // t = 0, 1, 2, 3. Tracks: 'a' on A and 'b' on B at t = 0, 1; then 'b' on A and 'a' on B at t = 2, 3.
  // Position errors: t0 a +(3,4,0) ⇒ 5; t1 b +(0,0,2) ⇒ 2; t2 a +(6,8,0) ⇒ 10; others 0 ⇒ ΣPA = 17.
  // Velocity errors: t0 a +(0,3,4) ⇒ 5; t3 b +(1,0,0) ⇒ 1; others 0 ⇒ ΣVA = 6.
  // J(t) = 2, JT(t) = 2, N(t) = 2, NA(t) = 2 at each of 4 times ⇒ C = 8/8 = 1, A = 8/8 = 1,
  // S = 0/8 = 0, PA = 17/8 = 2.125 m, VA = 6/8 = 0.75 m/s.
  // Associations (TimeRangeAssociations): (A,a) [0,1], (A,b) [2,3], (B,b) [0,1], (B,a) [2,3].
  // TT_A: (0,1) ✓, (1,2) ✗ (no single association holds both), (2,3) ✓ ⇒ 2 s; TT_B = 2 s.
  // NU_A = NU_B = 2 ⇒ R = (1 + 1)/(2 + 2) = 0.5 per s.
  // TL_A = TL_B = 1 s; T_A = T_B = 3 s ⇒ LS = 2/6 = 1/3.
  // Not in Stone Soup: swaps 1 (A and B exchange a and b), breaks 0.
  const A = (t: number): [number, number, number] => [10 * t, 0, 0];
  const B = (t: number): [number, number, number] => [30 - 10 * t, 100, 0];
  const add = (p: [number, number, number], d: number[]): [number, number, number] => [p[0] + d[0], p[1] + d[1], p[2] + d[2]];
  const truth = (t: number) => S(['A', ...A(t), 10, 0, 0], ['B', ...B(t), -10, 0, 0]);
  const samples = [
    { t: 0, truth: truth(0), tracks: S(['a', ...add(A(0), [3, 4, 0]), 10, 3, 4], ['b', ...B(0), -10, 0, 0]) },
    { t: 1, truth: truth(1), tracks: S(['a', ...A(1), 10, 0, 0], ['b', ...add(B(1), [0, 0, 2]), -10, 0, 0]) },
    { t: 2, truth: truth(2), tracks: S(['a', ...add(B(2), [6, 8, 0]), -10, 0, 0], ['b', ...A(2), 10, 0, 0]) },
    { t: 3, truth: truth(3), tracks: S(['a', ...B(3), -10, 0, 0], ['b', ...A(3), 11, 0, 0]) },
  ];

  it('every measure', () => {
    const m = siap(samples, { associationDistance: 50 });
    expect(m.completeness).toBe(1);
    expect(m.ambiguity).toBe(1);
    expect(m.spuriousness).toBe(0);
    expect(m.positionAccuracy).toBeCloseTo(2.125, 14);
    expect(m.velocityAccuracy).toBeCloseTo(0.75, 14);
    expect(m.idChangeRate).toBeCloseTo(0.5, 14);
    expect(m.longestSegment).toBeCloseTo(1 / 3, 14);
    expect(m.swaps).toBe(1);
    expect(m.breaks).toBe(0);
  });

  it('a swap spread over two samples is also one swap; a hand-over to a new id is none', () => {
    // t=2: A takes b while B is briefly unheld (break); t=3: B takes a ⇒ exchange complete.
    const spread = [
      samples[0], samples[1],
      { t: 2, truth: truth(2), tracks: S(['b', ...A(2)], ['a', 1000, 1000, 0]) },
      { t: 3, truth: truth(3), tracks: S(['a', ...B(3)], ['b', ...A(3)]) },
    ];
    const m = siap(spread.map((s) => ({ t: s.t, truth: { ids: s.truth.ids, positions: s.truth.positions }, tracks: { ids: s.tracks.ids, positions: s.tracks.positions } })), { associationDistance: 50 });
    expect(m.swaps).toBe(1);
    expect(m.breaks).toBe(1);
    // A: a → c (new id), B keeps b: no exchange.
    const handOver = [samples[0], { t: 1, truth: truth(1), tracks: S(['c', ...A(1)], ['b', ...B(1)]) }];
    expect(siap(handOver, { associationDistance: 50 }).swaps).toBe(0);
  });

  it("zero denominators take Stone Soup's values (C = 0, A = 1, S = 0, PA = 0, R = 0, LS = 0)", () => {
    const none = siap([{ t: 0, truth: S(), tracks: S() }, { t: 1, truth: S(), tracks: S() }], { associationDistance: 50 });
    expect(none).toEqual({
      samples: 2, completeness: 0, ambiguity: 1, spuriousness: 0, positionAccuracy: 0, velocityAccuracy: null,
      idChangeRate: 0, longestSegment: 0, breaks: 0, swaps: 0, meanTruths: 0, meanTracks: 0,
    } satisfies SiapMeasures);
    expect(new SiapAccumulator({ associationDistance: 1 }).result().samples).toBe(0);
    // Truth never tracked: NU = 0 contributes 0 (Stone Soup would add −1), TT = 0 ⇒ R = 0.
    const untracked = siap([{ t: 0, truth: S(['A', 0, 0, 0]), tracks: S() }, { t: 5, truth: S(['A', 0, 0, 0]), tracks: S() }], { associationDistance: 50 });
    expect([untracked.completeness, untracked.ambiguity, untracked.idChangeRate, untracked.longestSegment]).toEqual([0, 1, 0, 0]);
  });
});

describe('association rule: most truths held first (not GOSPA’s min Σ min(d, c))', () => {
  it('hysteresis: associations that stay within c are kept, so close truths do not swap ids', () => {
    // Static truths A (0,0,0), B (8,0,0), c = 10. t=0: a at A, b at B. t=1: a at x=5 (A 5, B 3),
    // b at x=4 (A 4, B 4). Minimum Σd alone would pair a–B, b–A (3 + 4 = 7 < 5 + 4 = 9) and count
    // a swap; keeping the continuing pairs a–A, b–B gives 0 swaps, R = 0, and PA = (0+0+5+4)/4.
    const truth = S(['A', 0, 0, 0], ['B', 8, 0, 0]);
    const m = siap([
      { t: 0, truth, tracks: S(['a', 0, 0, 0], ['b', 8, 0, 0]) },
      { t: 1, truth, tracks: S(['a', 5, 0, 0], ['b', 4, 0, 0]) },
    ], { associationDistance: 10 });
    expect([m.swaps, m.idChangeRate, m.longestSegment, m.positionAccuracy]).toEqual([0, 0, 1, 2.25]);
  });

  it('two truths, two tracks, c = 10', () => {
    // A at x=0, B at x=9; track 1 at x=1 (A 1, B 8), track 2 at x=−5 (A 5, B 14 ≥ c).
    // GOSPA (p = 1) keeps A–1 only: 1 + c = 11 < A–2 + B–1 = 5 + 8 = 13.
    // SIAP holds both truths: A–2 (5), B–1 (8) ⇒ C = 1, A = 1, S = 0, PA = 6.5.
    // (Nearest truth per track would put both tracks on A: C = 1/2, A = 2.)
    const truth = S(['A', 0, 0, 0], ['B', 9, 0, 0]);
    const tracks = S(['1', 1, 0, 0], ['2', -5, 0, 0]);
    expect(Array.from(gospa(truth.positions, 2, tracks.positions, 2, 3, { c: 10, p: 1 }).truthToTrack)).toEqual([0, -1]);
    const m = siap([{ t: 0, truth, tracks }], { associationDistance: 10 });
    expect([m.completeness, m.ambiguity, m.spuriousness, m.positionAccuracy]).toEqual([1, 1, 0, 6.5]);
  });
});

// ---- properties ------------------------------------------------------------------------------

interface Scenario {
  c: number;
  steps: { truth: [string, number, number, number][]; tracks: [string, number, number, number][] }[];
}

const coord = fc.integer({ min: 0, max: 200 });
const point = fc.tuple(coord, coord, coord);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  c: fc.integer({ min: 5, max: 80 }),
  steps: fc.array(
    fc.record({
      truth: fc.uniqueArray(fc.tuple(fc.constantFrom('T0', 'T1', 'T2', 'T3'), point), { selector: (r) => r[0], maxLength: 4 })
        .map((a) => a.map(([id, p]) => [id, ...p] as [string, number, number, number])),
      tracks: fc.uniqueArray(fc.tuple(fc.constantFrom('k0', 'k1', 'k2', 'k3', 'k4'), point), { selector: (r) => r[0], maxLength: 5 })
        .map((a) => a.map(([id, p]) => [id, ...p] as [string, number, number, number])),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

function run(s: Scenario, mapTrack = (id: string) => id, mapTruth = (id: string) => id, extra: [string, number, number, number][] = []): SiapMeasures {
  return siap(
    s.steps.map((st, k) => ({
      t: 2 * k,
      truth: S(...st.truth.map(([id, x, y, z]) => [mapTruth(id), x, y, z] as [string, number, number, number])),
      tracks: S(...st.tracks.map(([id, x, y, z]) => [mapTrack(id), x, y, z] as [string, number, number, number]), ...extra),
    })),
    { associationDistance: s.c },
  );
}

describe('properties (fast-check)', () => {
  it('ranges: 0 ≤ C ≤ 1, A ≥ 1 when C > 0, 0 ≤ S ≤ 1, 0 ≤ LS ≤ 1, R ≥ 0, 0 ≤ PA < c; counts are integers', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const m = run(s);
        expect(m.completeness).toBeGreaterThanOrEqual(0);
        expect(m.completeness).toBeLessThanOrEqual(1);
        if (m.completeness > 0) expect(m.ambiguity).toBeGreaterThanOrEqual(1);
        expect(m.spuriousness).toBeGreaterThanOrEqual(0);
        expect(m.spuriousness).toBeLessThanOrEqual(1);
        expect(m.longestSegment).toBeGreaterThanOrEqual(0);
        expect(m.longestSegment).toBeLessThanOrEqual(1);
        expect(m.idChangeRate).toBeGreaterThanOrEqual(0);
        expect(m.positionAccuracy).toBeGreaterThanOrEqual(0);
        expect(m.positionAccuracy).toBeLessThan(s.c);
        expect(Number.isInteger(m.breaks) && m.breaks >= 0 && Number.isInteger(m.swaps) && m.swaps >= 0).toBe(true);
        for (const v of Object.values(m)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('perfect tracks ⇒ C = 1, A = 1, S = 0, PA = 0, VA = 0, R = 0, LS = 1, no breaks or swaps', () => {
    // Truths with contiguous lives [birth, death] over 2..7 samples, at distinct random positions
    // each sample; each tracked by a track of its own at the same position and velocity.
    const truthLife = fc.record({ birth: fc.integer({ min: 0, max: 4 }), len: fc.integer({ min: 2, max: 4 }) });
    fc.assert(
      fc.property(
        fc.array(truthLife, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(point, point), { minLength: 32, maxLength: 32 }),
        fc.integer({ min: 1, max: 300 }),
        (lives, pts, c) => {
          const samples = [];
          for (let k = 0; k < 8; k++) {
            const rows: [string, number, number, number, number, number, number][] = [];
            lives.forEach((l, j) => {
              if (k < l.birth || k >= l.birth + l.len) return;
              const [p, v] = pts[(4 * k + j) % 32];
              // offset each truth by 1000 m per index so positions never coincide
              rows.push([`T${j}`, p[0] + 1000 * j, p[1], p[2], v[0], v[1], v[2]]);
            });
            samples.push({ t: 0.5 * k, truth: S(...rows), tracks: S(...rows.map((r) => [`trk-${r[0]}`, ...r.slice(1)] as typeof r)) });
          }
          const m = siap(samples, { associationDistance: c });
          expect(m.completeness).toBe(1);
          expect(m.ambiguity).toBe(1);
          expect(m.spuriousness).toBe(0);
          expect(m.positionAccuracy).toBe(0);
          expect(m.velocityAccuracy).toBe(0);
          expect(m.idChangeRate).toBe(0);
          expect(m.longestSegment).toBe(1);
          expect(m.breaks + m.swaps).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adding a spurious far-away track raises S (or keeps it at 1) and changes nothing else but the track count', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const base = run(s);
        const more = run(s, undefined, undefined, [['far', 1e7, 1e7, 1e7]]);
        const n = s.steps.length;
        const sumN = base.meanTracks * n;
        // S' = (Σ(N−NA) + n) / (ΣN + n)
        expect(more.spuriousness).toBeCloseTo((base.spuriousness * sumN + n) / (sumN + n), 12);
        if (base.spuriousness < 1) expect(more.spuriousness).toBeGreaterThan(base.spuriousness);
        expect(more.meanTracks).toBeCloseTo(base.meanTracks + 1, 12);
        expect({ ...more, spuriousness: 0, meanTracks: 0 }).toEqual({ ...base, spuriousness: 0, meanTracks: 0 });
      }),
      { numRuns: 200 },
    );
  });

  it('renaming track ids and truth ids consistently changes nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(run(s, (id) => `renamed-${id}`, (id) => `${id}'`)).toEqual(run(s));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bad input throws a clear Error', () => {
  const ok = S(['A', 0, 0, 0]);
  const acc = () => new SiapAccumulator({ associationDistance: 10 });
  it.each([
    ['positions length', () => acc().add(0, { ids: ['A', 'B'], positions: new Float64Array(3) }, ok), /truth\.positions has 3 numbers, expected 3 × 2 ids = 6/],
    ['NaN position', () => acc().add(0, ok, { ids: ['1'], positions: Float64Array.of(0, NaN, 0) }), /tracks\.positions\[1\] is NaN \(must be finite\)/],
    ['velocity length', () => acc().add(0, { ...ok, velocities: new Float64Array(2) }, ok), /truth\.velocities must be a Float64Array of 3 × 1 ids = 3 numbers/],
    ['infinite velocity', () => acc().add(0, ok, { ids: ['1'], positions: new Float64Array(3), velocities: Float64Array.of(Infinity, 0, 0) }), /tracks\.velocities\[0\] is Infinity/],
    ['duplicate truth id', () => acc().add(0, S(['A', 0, 0, 0], ['A', 1, 0, 0]), ok), /truth id 'A' appears twice at t = 0/],
    ['duplicate track id', () => acc().add(0, ok, S(['1', 0, 0, 0], ['1', 1, 0, 0])), /track id '1' appears twice/],
    ['NaN time', () => acc().add(NaN, ok, ok), /sample time must be finite/],
    ['positions not a Float64Array', () => acc().add(0, { ids: ['A'], positions: [0, 0, 0] as unknown as Float64Array }, ok), /truth must be \{ ids/],
    ['association distance', () => new SiapAccumulator({ associationDistance: 0 }), /associationDistance must be a positive finite number/],
    ['NaN association distance', () => new SiapAccumulator({ associationDistance: NaN }), /associationDistance must be a positive/],
  ])('%s', (_label, f, re) => {
    expect(f).toThrow(re);
  });

  it('times must increase strictly; a rejected sample leaves the accumulator unchanged', () => {
    const a = acc();
    a.add(1, ok, S(['1', 1, 0, 0]));
    expect(() => a.add(1, ok, ok)).toThrow(/sample times must increase strictly \(got 1 after 1\)/);
    expect(() => a.add(2, ok, S(['1', 1, 0, 0], ['1', 2, 0, 0]))).toThrow(/appears twice/);
    a.add(2, ok, S(['1', 1, 0, 0]));
    const m = a.result();
    // Both kept samples: A held by track 1 at 1 m ⇒ C = 1, PA = 1, LS = TL/T = 1/1.
    expect([m.samples, m.completeness, m.positionAccuracy, m.longestSegment]).toEqual([2, 1, 1, 1]);
  });
});

describe('benchmark cases and `rampart track`', () => {
  it('siapOfCase on case a (single CV target): the target is held nearly throughout', () => {
    const c = parseTrackingCase(readFileSync(resolve(DATA, 'a_single_cv.json'), 'utf8'), 'a');
    const est = runCase(prepareCase(c, 'gnn'), { covariances: false });
    const m = siapOfCase(c, est);
    expect(m.samples).toBe(c.scans.length);
    expect(m.meanTruths).toBe(1);
    expect(m.completeness).toBeGreaterThan(0.9);
    expect(m.ambiguity).toBeLessThan(1.05);
    expect(m.positionAccuracy).toBeGreaterThan(0);
    expect(m.positionAccuracy).toBeLessThan(c.metric.c);
    expect(m.velocityAccuracy).not.toBeNull();
  });

  it('`rampart track --json` reports the SIAP measures; the text summary prints them', () => {
    const file = resolve(DATA, 'a_single_cv.json');
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'track', file, '--tracker', 'gnn', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const j = cli('--json');
    expect(j.status, j.stderr).toBe(0);
    const out = JSON.parse(j.stdout);
    const c = parseTrackingCase(readFileSync(file, 'utf8'), 'a');
    expect(out.siap.associationDistance).toBe(c.metric.c);
    expect(out.siap).toEqual({ associationDistance: c.metric.c, ...siapOfCase(c, runCase(prepareCase(c, 'gnn'), { covariances: false })) });
    const txt = cli();
    expect(txt.status, txt.stderr).toBe(0);
    expect(txt.stdout).toMatch(/SIAP\s+completeness [01]\.\d+, ambiguity \d\.\d+, spuriousness [01]\.\d+/);
    expect(txt.stdout).toMatch(/accuracy \d+\.\d+ m, \d+\.\d+ m\/s/);
  });
});
