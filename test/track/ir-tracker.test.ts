// Space-IR triangulation and tracking (issue #5). References outside the code under test:
// hand-worked geometry (two satellites, a known point), the closed-form closest points of two
// skew lines, ml-matrix's QR least squares for n lines, Monte Carlo of the angle noise for the
// covariance, and χ² bounds (NEES, cue containment) on the real ICBM boost model of flight/.
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { geodeticToEcef, ellipsoidHeight } from '../../src/geo/index.js';
import { chiSquareQuantile, mat, stream } from '../../src/math/index.js';
import { losAnglesInto, losDirection, losFrameInto, type Detection } from '../../src/sense/index.js';
import { IrTracker, losLine, triangulateLos, type LosLine } from '../../src/track/ir-tracker.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { createThreatFlyer } from '../../src/sim/flyers.js';

const GEO_R = 42_164_170;
const DEG = Math.PI / 180;
const SIGMA = 30e-6;

function geo(lonDeg: number): [number, number, number] {
  return [GEO_R * Math.cos(lonDeg * DEG), GEO_R * Math.sin(lonDeg * DEG), 0];
}

/** An 'los' detection of point x from satellite s, with angle noise drawn from rng (or none). */
function los(s: [number, number, number], x: ArrayLike<number>, t: number, rng?: { normal(m: number, s: number): number }, platformId = 'sat'): Detection {
  const d = [x[0] - s[0], x[1] - s[1], x[2] - s[2]];
  const r = Math.hypot(d[0], d[1], d[2]);
  const z = losAnglesInto(new Float64Array(2), losFrameInto(new Float64Array(9), s), [d[0] / r, d[1] / r, d[2] / r]);
  if (rng) {
    z[0] += rng.normal(0, SIGMA);
    z[1] += rng.normal(0, SIGMA);
  }
  return { t, sensorId: 'ir', platformId, kind: 'los', z, R: new Float64Array([SIGMA ** 2, 0, 0, SIGMA ** 2]), sensorPosition: s };
}

function line(p: number[], u: number[]): LosLine {
  const n = Math.hypot(u[0], u[1], u[2]);
  return { position: p, direction: u.map((v) => v / n), R: [1e-10, 0, 0, 1e-10], J: new Float64Array(6) };
}

describe('losLine', () => {
  it('direction agrees with sense/losDirection and J with central differences of it', () => {
    const s = geo(70);
    const d: Detection = { ...los(s, geodeticToEcef({ lat: 0.9, lon: 1.4, h: 50_000 }), 0) };
    const l = losLine(d);
    const ref = losDirection(d.z, s);
    for (let k = 0; k < 3; k++) expect(l.direction[k]).toBeCloseTo(ref[k], 14);
    const h = 1e-7;
    for (let c = 0; c < 2; c++) {
      const zp = Float64Array.from(d.z), zm = Float64Array.from(d.z);
      zp[c] += h;
      zm[c] -= h;
      const up = losDirection(zp, s), um = losDirection(zm, s);
      for (let k = 0; k < 3; k++) expect(l.J[2 * k + c]).toBeCloseTo((up[k] - um[k]) / (2 * h), 7);
    }
  });
});

describe('triangulateLos', () => {
  it('two GEO satellites looking at a known point recover it (hand-worked geometry)', () => {
    // Satellites over 0° and 90° E on the equator; the point 300 km above (lat 0, lon 45°):
    // by symmetry both lines lie in the equatorial plane and cross at the point.
    const x = geodeticToEcef({ lat: 0, lon: 45 * DEG, h: 300_000 });
    const fx = triangulateLos([losLine(los(geo(0), x, 0)), losLine(los(geo(90), x, 0))])!;
    for (let k = 0; k < 3; k++) expect(fx.point[k]).toBeCloseTo(x[k], 3);
    expect(fx.chi2).toBeLessThan(1e-12);
    // Ranges: |s − x| with x = (R cos45, R sin45, 0), R = 6 378 137 + 300 000.
    const R = 6_678_137;
    const rho = Math.hypot(GEO_R - R * Math.SQRT1_2, R * Math.SQRT1_2);
    expect(fx.ranges[0]).toBeCloseTo(rho, 2);
    // Covariance: the lines meet at angle γ in the equatorial plane; across the plane (z) both
    // constrain the point, σ_z² = (σρ)²/2; in the plane, σ² along each line's normal = (σρ)².
    expect(Math.sqrt(fx.covariance[8])).toBeCloseTo((SIGMA * rho) / Math.SQRT2, 0);
  });

  it('two skew lines with equal weights give the midpoint of the common perpendicular (closed form)', () => {
    const p1 = [0, 0, 0], u1 = [1, 0.2, 0.1];
    const p2 = [5, -3, 2], u2 = [-0.3, 1, 0.4];
    // Closed form: w0 = p1 − p2, a = u1·u1, b = u1·u2, c = u2·u2, d = u1·w0, e = u2·w0,
    // s = (be − cd)/(ac − b²), t = (ae − bd)/(ac − b²); closest points p1 + s u1, p2 + t u2.
    const dot = (x: number[], y: number[]): number => x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
    const w0 = [p1[0] - p2[0], p1[1] - p2[1], p1[2] - p2[2]];
    const a = dot(u1, u1), b = dot(u1, u2), c = dot(u2, u2), d = dot(u1, w0), e = dot(u2, w0);
    const s = (b * e - c * d) / (a * c - b * b), t = (a * e - b * d) / (a * c - b * b);
    const mid = [0, 1, 2].map((k) => 0.5 * (p1[k] + s * u1[k] + p2[k] + t * u2[k]));
    const fx = triangulateLos([line(p1, u1), line(p2, u2)], 'equal')!;
    for (let k = 0; k < 3; k++) expect(fx.point[k]).toBeCloseTo(mid[k], 10);
  });

  it('n lines with equal weights match ml-matrix QR least squares of the stacked projections', () => {
    const rng = stream(7, 'ir/nlines');
    const lines: LosLine[] = [];
    const rows: number[][] = [];
    const rhs: number[] = [];
    for (let i = 0; i < 5; i++) {
      // Lines from around a sphere of radius 1000 toward the origin, each missing it by ~10.
      const p = [rng.normal(0, 1000), rng.normal(0, 1000), rng.normal(0, 1000)];
      const u = [rng.normal(0, 10) - p[0], rng.normal(0, 10) - p[1], rng.normal(0, 10) - p[2]];
      const l = line(p, u);
      lines.push(l);
      const v = l.direction;
      for (let r = 0; r < 3; r++) {
        const P = [0, 1, 2].map((cc) => (r === cc ? 1 : 0) - v[r] * v[cc]);
        rows.push(P);
        rhs.push(P[0] * p[0] + P[1] * p[1] + P[2] * p[2]);
      }
    }
    const ref = solve(new Matrix(rows), Matrix.columnVector(rhs), true).to1DArray(); // QR least squares
    const fx = triangulateLos(lines, 'equal')!;
    for (let k = 0; k < 3; k++) expect(fx.point[k]).toBeCloseTo(ref[k], 8);
  });

  it('covariance matches a Monte Carlo of the angle noise (2,000 draws, three satellites)', () => {
    const x = geodeticToEcef({ lat: 50 * DEG, lon: 85 * DEG, h: 150_000 });
    const sats = [geo(40), geo(100), geo(130)];
    const nominal = triangulateLos(sats.map((s) => losLine(los(s, x, 0))))!;
    const rng = stream(11, 'ir/mc');
    const N = 2000;
    const pts: number[][] = [];
    let nees = 0;
    const Cinv = mat.spdInverse(nominal.covariance, 3);
    for (let i = 0; i < N; i++) {
      const fx = triangulateLos(sats.map((s) => losLine(los(s, x, 0, rng))))!;
      const e = [fx.point[0] - x[0], fx.point[1] - x[1], fx.point[2] - x[2]];
      pts.push(e);
      nees += mat.quadraticForm(Cinv, e, 3);
    }
    // Sample covariance vs linearised, in the linearised covariance's principal frame: each
    // variance within 12 % (sampling sd of a variance from 2000 draws: √(2/2000) = 3.2 %).
    const S = new Float64Array(9);
    for (const e of pts) for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) S[3 * r + c] += (e[r] * e[c]) / N;
    const ed = new EigenvalueDecomposition(new Matrix(mat.toRows(nominal.covariance, 3, 3)), { assumeSymmetric: true });
    const V = ed.eigenvectorMatrix;
    for (let k = 0; k < 3; k++) {
      const v = V.getColumn(k);
      const sample = mat.quadraticForm(S, v, 3);
      const lin = mat.quadraticForm(nominal.covariance, v, 3);
      expect(sample / lin).toBeGreaterThan(0.88);
      expect(sample / lin).toBeLessThan(1.12);
    }
    // Mean NEES of 2000 χ²₃ draws: 3 ± 3.5·√(6/2000).
    expect(nees / N).toBeGreaterThan(3 - 3.5 * Math.sqrt(6 / N));
    expect(nees / N).toBeLessThan(3 + 3.5 * Math.sqrt(6 / N));
  });
});

/** Truth of the ICBM boost (flight/'s real model) sampled each second while it thrusts. */
function boostTruth(): { t: number; state: Float64Array; thrusting: boolean }[] {
  const scenario = loadScenarioFile('scenarios/icbm-early-warning.yaml');
  const threat = scenario.threats.find((th) => th.id === 'icbm-1')!;
  const flyer = createThreatFlyer(threat, { seed: scenario.seed, epochMs: scenario.epochMs });
  const out: { t: number; state: Float64Array; thrusting: boolean }[] = [];
  for (let t = Math.ceil(threat.launch.time); t <= threat.launch.time + 400; t++) {
    flyer.advance(t);
    out.push({ t, state: flyer.state.slice(), thrusting: flyer.thrusting });
  }
  return out;
}

describe('IrTracker on a boosting ICBM (flight/ model) seen from GEO', () => {
  const truth = boostTruth();
  const g3 = chiSquareQuantile(0.99, 3);

  it.each([
    ['three', [40, 100, 130]],
    ['two', [40, 130]],
  ])('%s satellites: NEES within χ² bounds, the cue volume holds the truth ≈ 99 %%', (_n, lons) => {
    const sats = (lons as number[]).map(geo);
    const runs = 40;
    let neesSum = 0, neesN = 0, inside = 0, cues = 0;
    const frameT = 10;
    for (let run = 0; run < runs; run++) {
      const rng = stream(100 + run, 'ir/track');
      const tr = new IrTracker({ force: 'blue', framePeriod: frameT });
      for (const s of truth) {
        if (s.t % frameT !== 0) continue;
        const visible = s.thrusting && ellipsoidHeight(s.state) > 10_000;
        const dets = visible ? sats.map((sp, i) => los(sp, s.state, s.t, rng, `geo-${i}`)) : [];
        tr.update(s.t, dets);
        if (!visible) continue;
        // Filter consistency at the frame (after the update), confirmed tracks.
        for (const k of tr.tracks) {
          if (k.hits < 3 || k.t !== s.t) continue;
          const e = [k.x[0] - s.state[0], k.x[3] - s.state[1], k.x[6] - s.state[2]];
          const P = new Float64Array(9);
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) P[3 * i + j] = k.P[27 * i + 3 * j];
          neesSum += mat.mahalanobisSquared(e, P, 3);
          neesN++;
        }
        // Cue for the radars one tick later: truth 1 s later inside the χ²₃(0.99) volume.
        const next = truth.find((x) => x.t === s.t + 1)!;
        for (const c of tr.cues(s.t + 1)) {
          const P = new Float64Array(9);
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) P[3 * i + j] = c.covariance[6 * i + j];
          const e = [next.state[0] - c.state[0], next.state[1] - c.state[1], next.state[2] - c.state[2]];
          cues++;
          if (mat.mahalanobisSquared(e, P, 3) <= g3) inside++;
        }
      }
      expect(tr.tracks.length).toBeLessThanOrEqual(2);
    }
    const anees = neesSum / neesN;
    if (process.env.IR_FIGURES) console.log(`ANEES ${anees.toFixed(3)} over ${neesN}; cue containment ${(inside / cues).toFixed(4)} of ${cues}`);
    // Consistent: average NEES inside the two-sided 98 % bounds of χ²(3n)/n (n samples; they are
    // correlated in time within a run, so the bounds are a little tight — the figure is 2.98).
    expect(neesN).toBeGreaterThan(runs * 10);
    expect(anees).toBeLessThan(chiSquareQuantile(0.99, 3 * neesN) / neesN);
    expect(anees).toBeGreaterThan(chiSquareQuantile(0.01, 3 * neesN) / neesN);
    // Containment: ≈ 99 % (binomial sd over ~600 cues ≈ 0.4 %); at least 97 %.
    expect(cues).toBeGreaterThan(runs * 10);
    expect(inside / cues).toBeGreaterThan(0.97);
  });

  it('after burnout the coasting cue still holds the truth minutes later', () => {
    const sats = [geo(40), geo(100), geo(130)];
    const scenario = loadScenarioFile('scenarios/icbm-early-warning.yaml');
    const threat = scenario.threats.find((th) => th.id === 'icbm-1')!;
    let inside = 0;
    const runs = 30;
    for (let run = 0; run < runs; run++) {
      const rng = stream(500 + run, 'ir/coast');
      const tr = new IrTracker({ force: 'blue', framePeriod: 10 });
      for (const s of truth) {
        if (s.t % 10 !== 0) continue;
        const visible = s.thrusting && ellipsoidHeight(s.state) > 10_000;
        tr.update(s.t, visible ? sats.map((sp, i) => los(sp, s.state, s.t, rng, `geo-${i}`)) : []);
      }
      const flyer = createThreatFlyer(threat, { seed: scenario.seed, epochMs: scenario.epochMs });
      const tq = threat.launch.time + 700;
      flyer.advance(tq);
      const cues = tr.cues(tq);
      expect(cues).toHaveLength(1);
      const c = cues[0];
      const P = new Float64Array(9);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) P[3 * i + j] = c.covariance[6 * i + j];
      const e = [flyer.state[0] - c.state[0], flyer.state[1] - c.state[1], flyer.state[2] - c.state[2]];
      if (mat.mahalanobisSquared(e, P, 3) <= g3) inside++;
    }
    if (process.env.IR_FIGURES) console.log(`coast containment at launch + 700 s: ${inside}/${runs}`);
    expect(inside / runs).toBeGreaterThanOrEqual(0.9);
  });

  it('one satellite: angle-only cues along the LOS between cloud tops and burnout hold the truth', () => {
    const sat = geo(100);
    let inside = 0, cues = 0;
    for (let run = 0; run < 20; run++) {
      const rng = stream(900 + run, 'ir/angle');
      const tr = new IrTracker({ force: 'blue', framePeriod: 10 });
      for (const s of truth) {
        if (s.t % 10 !== 0) continue;
        const visible = s.thrusting && ellipsoidHeight(s.state) > 10_000;
        tr.update(s.t, visible ? [los(sat, s.state, s.t, rng, 'geo-only')] : []);
        if (!visible) continue;
        expect(tr.tracks).toHaveLength(0);
        for (const c of tr.cues(s.t + 1)) {
          const next = truth.find((x) => x.t === s.t + 1)!;
          const P = new Float64Array(9);
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) P[3 * i + j] = c.covariance[6 * i + j];
          const e = [next.state[0] - c.state[0], next.state[1] - c.state[1], next.state[2] - c.state[2]];
          cues++;
          if (mat.mahalanobisSquared(e, P, 3) <= g3) inside++;
          expect(c.classification).toBe('ballistic');
        }
      }
    }
    if (process.env.IR_FIGURES) console.log(`angle-only cue containment ${(inside / cues).toFixed(4)} of ${cues}`);
    expect(cues).toBeGreaterThan(100);
    expect(inside / cues).toBeGreaterThan(0.97);
  });
});
