// The force picture tracker (ECEF EKF, multi-radar) against references outside its code:
// - the AER Jacobian against central finite differences of geo's `aerInto` (an independent h(x));
// - filter consistency: NEES over 100 Monte Carlo runs inside the χ² 95% band (Bar-Shalom, Li &
//   Kirubarajan 2001, §5.4.2), truth drawn from the same NCV model with math's RNG;
// - fusion: two co-located identical radars halve the covariance (information adds: two
//   independent measurements with R ≡ one with R/2), and two separated radars beat either alone;
// - clutter: 200 uniform false alarms per scan, 10 targets, 60 s → all 10 confirmed, few false.
import { describe, expect, it } from 'vitest';
import { aerInto, localFrame } from '../../src/geo/index.js';
import { chiSquareQuantile, stream, type Rng } from '../../src/math/index.js';
import type { Detection } from '../../src/sense/types.js';
import { ForcePictureTracker } from '../../src/track/picture-tracker.js';
import { raeMeasureInto, raeToEcefInto } from '../../src/track/ecef-rae.js';
import type { PictureTrack } from '../../src/track/picture.js';
import { DEG, radar, measure, ecefState, ncvStep, nees, positionError } from './picture-fixtures.js';
import type { TrackStage } from '../../src/sim/stages.js';

describe('AER measurement model (ecef-rae)', () => {
  it('Jacobian matches central differences of geo aerInto; converted point inverts it', () => {
    const f = localFrame({ lat: 35 * DEG, lon: -120 * DEG, h: 200 });
    const x = ecefState(f, [-35_000, 80_000, 9_000], [0, 0, 0]);
    const z = new Float64Array(3);
    const H = new Float64Array(9);
    raeMeasureInto(f, x, 0, z, 0, H, 0);
    const aer = aerInto(new Float64Array(3), f, x);
    expect(z[0]).toBeCloseTo(aer[2], 6);
    expect(z[1]).toBeCloseTo(aer[0], 12);
    expect(z[2]).toBeCloseTo(aer[1], 12);
    const h = 1;
    for (let c = 0; c < 3; c++) {
      const xp = Float64Array.from(x); xp[c] += h;
      const xm = Float64Array.from(x); xm[c] -= h;
      const ap = aerInto(new Float64Array(3), f, xp);
      const am = aerInto(new Float64Array(3), f, xm);
      const fd = [(ap[2] - am[2]) / (2 * h), (ap[0] - am[0]) / (2 * h), (ap[1] - am[1]) / (2 * h)];
      for (let r = 0; r < 3; r++) expect(H[r * 3 + c]).toBeCloseTo(fd[r], r === 0 ? 9 : 12);
    }
    const p = new Float64Array(3);
    raeToEcefInto(f, z, Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3, p, 0, null, 0, new Float64Array(18));
    for (let k = 0; k < 3; k++) expect(p[k]).toBeCloseTo(x[k], 4);
  });
});

describe('ForcePictureTracker: single target, one radar, known R — filter consistency', () => {
  it('NEES averaged over 100 Monte Carlo runs lies in the χ² 95% band', () => {
    const RUNS = 100, SCANS = 50, T = 2, q = 1;
    const r = radar('r1', 50, 30, 20, 1e-3, 1e-3);
    const sum = new Float64Array(SCANS);
    const count = new Int32Array(SCANS);
    for (let run = 0; run < RUNS; run++) {
      const rng = stream(1000 + run, 'picture/nees');
      const tr = new ForcePictureTracker({ force: 'blue', processNoise: { air: q, fast: q, exo: q }, imm: false });
      const truth = ecefState(r.frame, [30_000, 50_000, 5_000], [-150, 100, 0]);
      for (let k = 0; k < SCANS; k++) {
        if (k > 0) ncvStep(truth, T, q, rng);
        const t = k * T;
        const pic = tr.step(t, [measure(r, t, truth, rng)]);
        if (k >= 4) {
          expect(pic.length, `run ${run} scan ${k}`).toBe(1);
          sum[k] += nees(pic[0], truth);
          count[k]++;
        }
      }
    }
    const lo = chiSquareQuantile(0.025, 6 * RUNS) / RUNS;
    const hi = chiSquareQuantile(0.975, 6 * RUNS) / RUNS;
    let inside = 0, steps = 0, grand = 0;
    for (let k = 4; k < SCANS; k++) {
      const m = sum[k] / count[k];
      grand += m;
      steps++;
      if (m >= lo && m <= hi) inside++;
    }
    grand /= steps;
    if (process.env.PICTURE_VERBOSE) console.log(`NEES: band [${lo.toFixed(3)}, ${hi.toFixed(3)}], grand mean ${grand.toFixed(3)}, ${inside}/${steps} steps inside`);
    // 95% of the steps are expected inside; allow a little for the run-to-run correlation in time.
    expect(inside / steps).toBeGreaterThanOrEqual(0.85);
    expect(grand).toBeGreaterThan(lo);
    expect(grand).toBeLessThan(hi);
  });
});

describe('ForcePictureTracker: centralised fusion of two radars', () => {
  it('two co-located identical radars halve the position covariance (information adds)', () => {
    const q = 0.01, T = 2, SCANS = 40;
    const a = radar('a', 50, 30, 30, 1.5e-3, 1.5e-3);
    const b = { ...a, id: 'b' };
    const run = (both: boolean): number => {
      const rng = stream(7, 'picture/fusion-colocated');
      const tr = new ForcePictureTracker({ force: 'blue', processNoise: { air: q, fast: q, exo: q }, imm: false });
      const truth = ecefState(a.frame, [40_000, 40_000, 8_000], [100, -200, 0]);
      let pic: PictureTrack[] = [];
      for (let k = 0; k < SCANS; k++) {
        if (k > 0) ncvStep(truth, T, 0, rng);
        const t = k * T;
        const dets = [measure(a, t, truth, rng)];
        if (both) dets.push(measure(b, t, truth, rng));
        pic = tr.step(t, dets);
      }
      expect(pic.length).toBe(1);
      const P = pic[0].covariance;
      return P[0] + P[7] + P[14];
    };
    const ratio = run(true) / run(false);
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
  });

  it('two separated, asynchronous radars: position error with both < with either alone', () => {
    const RUNS = 30, T = 4, SCANS = 30, q = 1;
    const a = radar('a', 50, 30, 30, 2e-3, 2e-3);
    const b = radar('b', 50.6, 30.9, 30, 2e-3, 2e-3);
    const rmse = (use: 'a' | 'b' | 'ab'): number => {
      let se = 0, n = 0;
      for (let run = 0; run < RUNS; run++) {
        const rng = stream(500 + run, 'picture/fusion');
        const rngA = rng.fork('a'), rngB = rng.fork('b');
        const tr = new ForcePictureTracker({ force: 'blue', processNoise: { air: q } });
        const truth = ecefState(a.frame, [40_000, 40_000, 6_000], [150, 50, 0]);
        for (let k = 0; k < SCANS; k++) {
          if (k > 0) ncvStep(truth, T / 2, q, rng);
          const t = (k * T) / 2;
          // a scans at even half-periods, b at odd ones (asynchronous)
          const dets: Detection[] = [];
          if (k % 2 === 0 && use !== 'b') dets.push(measure(a, t, truth, rngA));
          if (k % 2 === 1 && use !== 'a') dets.push(measure(b, t, truth, rngB));
          const pic = tr.step(t, dets);
          if (k >= 16) {
            expect(pic.length).toBe(1);
            se += positionError(pic[0], truth) ** 2;
            n++;
          }
        }
      }
      return Math.sqrt(se / n);
    };
    const ea = rmse('a'), eb = rmse('b'), eab = rmse('ab');
    expect(eab).toBeLessThan(Math.min(ea, eb));
    // The fused picture lists both contributing sensors.
    const rng = stream(1, 'picture/sensors');
    const tr = new ForcePictureTracker({ force: 'red' });
    const truth = ecefState(a.frame, [40_000, 40_000, 6_000], [150, 50, 0]);
    let pic: PictureTrack[] = [];
    for (let k = 0; k < 12; k++) {
      if (k > 0) ncvStep(truth, 2, 0, rng);
      pic = tr.step(2 * k, [measure(k % 2 ? b : a, 2 * k, truth, rng)]);
    }
    expect(pic.map((p) => p.id)).toEqual(['red-T1']);
    expect(pic[0].sensors).toEqual(['a', 'b']);
  });
});

describe('ForcePictureTracker: dense uniform false alarms', () => {
  it('200 false alarms per scan, 10 targets, 60 s: all 10 confirmed, at most a few false tracks; deterministic; truthId never read', () => {
    const r = radar('ew', 45, 10, 50, 2e-3, 2e-3);
    const T = 5, SCANS = 13, PD = 0.9;
    const rMin = 5_000, rMax = 150_000, elMax = 0.5;
    const run = () => {
      const rng = stream(42, 'picture/clutter');
      const targets: Float64Array[] = [];
      for (let i = 0; i < 10; i++) {
        const range = 30_000 + 9_000 * i;
        const az = (i * 37 * DEG) % (2 * Math.PI);
        const speed = 50 + 25 * i;
        const hdg = (i * 71 * DEG) % (2 * Math.PI);
        targets.push(ecefState(r.frame, [range * Math.sin(az), range * Math.cos(az), 1_000 + 900 * i], [speed * Math.sin(hdg), speed * Math.cos(hdg), 0]));
      }
      const tr = new ForcePictureTracker({ force: 'blue' });
      let pic: PictureTrack[] = [];
      let worstFalse = 0;
      for (let k = 0; k < SCANS; k++) {
        const t = k * T;
        if (k > 0) for (const s of targets) ncvStep(s, T, 0, rng);
        const dets: Detection[] = [];
        for (const s of targets) {
          if (!(rng.uniform() < PD)) continue;
          const d = measure(r, t, s, rng);
          Object.defineProperty(d, 'truthId', { get() { throw new Error('tracker read truthId'); }, enumerable: false });
          dets.push(d);
        }
        for (let c = 0; c < 200; c++) {
          const range = rng.uniformRange(rMin, rMax), az = rng.uniform() * 2 * Math.PI, el = rng.uniformRange(0, elMax);
          const o = r.frame.origin;
          const d: Detection = {
            t, sensorId: r.id, kind: 'rae', z: Float64Array.from([range, az, el]),
            R: Float64Array.from([r.sr ** 2, 0, 0, 0, r.sa ** 2, 0, 0, 0, r.se ** 2]), sensorPosition: [o[0], o[1], o[2]], snr: 20,
          };
          Object.defineProperty(d, 'truthId', { get() { throw new Error('tracker read truthId'); }, enumerable: false });
          dets.push(d);
        }
        pic = tr.step(t, dets);
        if (k >= 6) {
          const matched = pic.filter((p) => targets.some((s) => positionError(p, s) < 2_000));
          worstFalse = Math.max(worstFalse, pic.length - matched.length);
        }
      }
      return { pic, targets, worstFalse, stats: tr.stats };
    };
    const { pic, targets, worstFalse, stats } = run();
    for (const s of targets) {
      const near = pic.filter((p) => positionError(p, s) < 1_000);
      expect(near.length).toBe(1);
    }
    expect(pic.length - 10).toBeLessThanOrEqual(3);
    expect(worstFalse).toBeLessThanOrEqual(4);
    expect(stats.detections).toBeGreaterThan(SCANS * 200);
    // Same inputs → the same picture, bit for bit.
    const again = run().pic;
    expect(again.map((p) => [p.id, Array.from(p.state)])).toEqual(pic.map((p) => [p.id, Array.from(p.state)]));
  });
});

describe('ForcePictureTracker: interface and inputs', () => {
  it('is a sim TrackStage; ignores angle-only kinds (counted); rejects bad options', () => {
    const stage: TrackStage = new ForcePictureTracker({ force: 'blue' });
    const r = radar('r', 10, 10, 10, 1e-3, 1e-3);
    const o = r.frame.origin;
    const los: Detection = { t: 0, sensorId: 'sbirs', kind: 'los', z: Float64Array.from([0.1, 0.2]), R: Float64Array.from([1e-8, 0, 0, 1e-8]), sensorPosition: [0, 0, 4.2e7] };
    const strobe: Detection = { t: 0, sensorId: 'r', kind: 'strobe', z: Float64Array.from([1, 0.1]), R: Float64Array.from([1e-4, 0, 0, 1e-4]), sensorPosition: [o[0], o[1], o[2]] };
    expect(stage.step(0, [los, strobe])).toEqual([]);
    expect((stage as ForcePictureTracker).stats.ignored).toBe(2);
    expect(() => new ForcePictureTracker({ force: '' })).toThrow(RangeError);
    // Input order within a step does not matter (scans are sorted by time, then sensor id).
    const a = radar('a', 50, 30, 30, 2e-3, 2e-3), b = radar('b', 50.3, 30.4, 30, 2e-3, 2e-3);
    const runOrder = (reverse: boolean): unknown => {
      const rng = stream(9, 'picture/order');
      const tr = new ForcePictureTracker({ force: 'x' });
      const truth = ecefState(a.frame, [30_000, 20_000, 3_000], [120, 0, 0]);
      let pic: PictureTrack[] = [];
      for (let k = 0; k < 8; k++) {
        if (k > 0) ncvStep(truth, 4, 0, rng);
        const dets = [measure(a, 4 * k, truth, rng), measure(b, 4 * k + 1, truth, rng)];
        pic = tr.step(4 * k + 1, reverse ? dets.reverse() : dets);
      }
      return pic.map((p) => [p.id, Array.from(p.state), p.sensors]);
    };
    expect(runOrder(true)).toEqual(runOrder(false));
    // A fast-revisit radar (1 s, shorter than minPairInterval = 2 s) still initiates: its
    // candidates are kept until they are old enough to pair.
    const fast = new ForcePictureTracker({ force: 'f' });
    const rng = stream(11, 'picture/fast');
    const truth = ecefState(a.frame, [20_000, 20_000, 2_000], [-60, 30, 0]);
    let seen: PictureTrack[] = [];
    for (let k = 0; k <= 6; k++) {
      if (k > 0) ncvStep(truth, 1, 0, rng);
      seen = fast.step(k, [measure(a, k, truth, rng)]);
    }
    expect(seen.map((p) => p.id)).toEqual(['f-T1']);
    // Two radars looking at the same instant give no velocity evidence: a false pair (a clutter
    // point 2 s earlier, 10 km away) plus a second radar's simultaneous look must not confirm.
    const twin = new ForcePictureTracker({ force: 'w' });
    const quiet = { normal: () => 0 } as unknown as Rng; // noise-free looks: the worst case
    const p0 = ecefState(a.frame, [30_000, 30_000, 2_000], [0, 0, 0]);
    const p1 = ecefState(a.frame, [40_000, 30_000, 2_000], [0, 0, 0]);
    const a2 = { ...a, id: 'a2' }; // a second radar at the same site
    twin.step(0, [measure(a, 0, p0, quiet)]);
    expect(twin.step(2, [measure(a, 2, p1, quiet), measure(a2, 2, p1, quiet)])).toEqual([]);
    expect((runOrder(false) as unknown[]).length).toBe(1);
    expect(() => new ForcePictureTracker({ force: 'b', confirmation: { m: 6, n: 5 } })).toThrow(/M ≤ N/);
    expect(() => new ForcePictureTracker({ force: 'b', detectionProbability: 1 })).toThrow(RangeError);
  });
});
