// The tracker's specialised fast paths against independent references: the seed gate on the
// shared planar grid against an all-pairs χ² gate (ml-matrix inverse) of the unused detections,
// the quickselect median against a full sort, the Joseph kernel's reuse of a known ln|S| against
// the closed-form likelihood, and the specialised tracking loop (linear KF/NCV, Cartesian) against
// the same parts composed so that the generic interface path runs — bit for bit.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, inverse } from 'ml-matrix';
import { chiSquareQuantile, stream } from '../../src/math/index.js';
import {
  Gater, cartesianPosition, constantVelocity, generateCase, globalNearestNeighbour, kalmanPredictor, kalmanUpdater, polar, prepareCase, runCase,
  type AssociationResult, type GateTable, type Predictor, type Scan, type Updater,
} from '../../src/track/index.js';
import { selectRank } from '../../src/track/gating.js';
import { josephSelect4x2, josephSelect4x2Into, josephSelect4x2Rows } from '../../src/track/filters/joseph-select.js';
import { MultiTargetTracker } from '../../src/track/tracker.js';

describe('quickselect median = sorted median', () => {
  it('any array, with duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 2)), { minLength: 1, maxLength: 80 }), (xs) => {
        const a = Float64Array.from(xs);
        const k = xs.length >> 1;
        const want = Float64Array.from(xs).sort()[k];
        // (+ 0: −0 and 0 are the same median; a typed-array sort orders −0 before 0, the select
        // may return either — toBe alone told them apart and failed now and then)
        expect(selectRank(a, xs.length, k) + 0).toBe(want + 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('seed gate on the shared planar grid = all-pairs gate of the unused detections', () => {
  it('random scans: same pairs, d² and ln N(ν; 0, S) as an ml-matrix evaluation', () => {
    const rng = stream(41, 'test/gate/shared');
    const model = cartesianPosition([0, 2], 4);
    const gamma = chiSquareQuantile(0.9999, 2);
    for (let trial = 0; trial < 4; trial++) {
      const nt = 80;
      const nd = 200;
      const zhat = new Float64Array(nt * 2);
      const S0 = new Float64Array(nt * 4);
      for (let i = 0; i < nt; i++) {
        zhat[2 * i] = rng.uniformRange(-3000, 3000);
        zhat[2 * i + 1] = rng.uniformRange(-3000, 3000);
        S0.set([400, 30, 30, 300], 4 * i);
      }
      const z = new Float64Array(nd * 2);
      for (let j = 0; j < nd; j++) {
        z[2 * j] = rng.uniformRange(-3000, 3000);
        z[2 * j + 1] = rng.uniformRange(-3000, 3000);
      }
      const R = new Float64Array(nd * 4);
      for (let j = 0; j < nd; j++) R.set([100, 10, 10, 120], 4 * j);
      const scan: Scan = { t: 0, count: nd, z, R, uniformR: true, sensor: { model, pd: 0.9, clutterDensity: 1e-6, birthDensity: 1e-7 } };
      const g = new Gater();
      g.run(nt, zhat, S0, scan);
      expect(g.usedPlanar(scan)).toBe(true);
      // seeds: one shared S0 (a wide one), centred near detections and at random
      const ns = 60;
      const centres = new Float64Array(ns * 2);
      for (let k = 0; k < ns; k++) {
        const j = rng.int(nd);
        centres[2 * k] = k % 2 === 0 ? z[2 * j] + rng.normal(0, 80) : rng.uniformRange(-3000, 3000);
        centres[2 * k + 1] = k % 2 === 0 ? z[2 * j + 1] + rng.normal(0, 80) : rng.uniformRange(-3000, 3000);
      }
      const Sseed = Float64Array.from([1000, 50, 50, 1200]);
      const skip = new Uint8Array(nd);
      for (let j = 0; j < nd; j++) skip[j] = rng.uniform() < 0.3 ? 1 : 0;
      const t = g.gateSharedPlanar(ns, centres, Sseed, scan, skip)!;
      expect(t).not.toBeNull();
      const S = new Matrix([[Sseed[0] + 100, Sseed[1] + 10], [Sseed[2] + 10, Sseed[3] + 120]]);
      const Si = inverse(S);
      const det = S.get(0, 0) * S.get(1, 1) - S.get(0, 1) * S.get(1, 0);
      const want = new Map<string, number>();
      for (let k = 0; k < ns; k++) {
        for (let j = 0; j < nd; j++) {
          if (skip[j]) continue;
          const nu = new Matrix([[z[2 * j] - centres[2 * k]], [z[2 * j + 1] - centres[2 * k + 1]]]);
          const d2 = nu.transpose().mmul(Si).mmul(nu).get(0, 0);
          if (d2 < gamma) want.set(`${k}:${j}`, d2);
        }
      }
      expect(want.size).toBeGreaterThan(5); // the test gates something
      const got = new Set<string>();
      for (let k = 0; k < ns; k++) {
        for (let e = t.rowStart[k]; e < t.rowStart[k + 1]; e++) {
          const key = `${k}:${t.det[e]}`;
          got.add(key);
          expect(t.d2[e]).toBeCloseTo(want.get(key)!, 9);
          expect(t.lnG[e]).toBeCloseTo(-0.5 * (t.d2[e] + Math.log(det) + 2 * Math.log(2 * Math.PI)), 12);
        }
      }
      expect(got).toEqual(new Set(want.keys()));
      // the track table of `run` is untouched by the seed gate, and another scan has no grid
      expect(g.table.rows).toBe(nt);
      expect(g.gateSharedPlanar(ns, centres, Sseed, { ...scan }, skip)).toBeNull();
    }
  });
});

describe('Joseph kernel with a known ln|S|', () => {
  it('reuses it only when |S| is the same number; the result is the closed-form update', () => {
    const buf = Float64Array.from([10, 1, -5, 2, 400, 20, 30, 5, 20, 90, 6, 8, 30, 6, 500, 10, 5, 8, 10, 70]);
    const z = Float64Array.from([22, -9]);
    const R = Float64Array.from([100, 0, 0, 100]);
    const s00 = 400 + 100;
    const s11 = 500 + 100;
    const s01 = 30;
    const det = s00 * s11 - s01 * s01;
    const plain = buf.slice();
    const ll = josephSelect4x2(plain, 0, z, 0, R, 0);
    const known = buf.slice();
    expect(josephSelect4x2(known, 0, z, 0, R, 0, Float64Array.of(0, det), Float64Array.of(0, Math.log(det)), 1)).toBe(ll);
    expect(Array.from(known)).toEqual(Array.from(plain));
    // the given log is what it uses when the determinant matches (a marker value shows it)
    const marked = josephSelect4x2(buf.slice(), 0, z, 0, R, 0, Float64Array.of(det), Float64Array.of(7), 0);
    expect(marked - ll).toBeCloseTo(-0.5 * (7 - Math.log(det)), 12);
    // a wrong determinant is ignored (the kernel takes its own log)
    const wrong = buf.slice();
    expect(josephSelect4x2(wrong, 0, z, 0, R, 0, Float64Array.of(det + 1), Float64Array.of(123), 0)).toBe(ll);
    // closed form: ln N(ν; 0, S) with ν = z − H x
    const n0 = 22 - 10;
    const n1 = -9 + 5;
    const d2 = (s11 * n0 * n0 - 2 * s01 * n0 * n1 + s00 * n1 * n1) / det;
    expect(ll).toBeCloseTo(-0.5 * (d2 + Math.log(det) + 2 * Math.log(2 * Math.PI)), 12);
  });
});

describe('batch Joseph kernel = the single kernel per row = the Joseph form in ml-matrix', () => {
  it('random tracks in any row order, some missed, per-detection R, known |S| for some', () => {
    const rng = stream(43, 'test/joseph/batch');
    const S = 24; // slot larger than 4 + 16, as a predictor's slot may be
    const nt = 40;
    const nd = 30;
    const buf = new Float64Array(nt * S);
    for (let i = 0; i < nt; i++) {
      // P = A Aᵀ + 10 I, positive definite
      const A = Matrix.zeros(4, 4);
      for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) A.set(a, b, 20 * rng.normal());
      const P = A.mmul(A.transpose()).add(Matrix.eye(4).mul(10));
      for (let a = 0; a < 4; a++) buf[i * S + a] = 500 * rng.normal();
      for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) buf[i * S + 4 + 4 * a + b] = P.get(a, b);
    }
    const z = new Float64Array(2 * nd);
    for (let k = 0; k < 2 * nd; k++) z[k] = 500 * rng.normal();
    const R = new Float64Array(4 * nd);
    for (let j = 0; j < nd; j++) {
      const sx = 50 + 100 * rng.uniform();
      const sy = 50 + 100 * rng.uniform();
      const c = 0.3 * Math.sqrt(sx * sy) * (2 * rng.uniform() - 1);
      R.set([sx, c, c, sy], 4 * j);
    }
    const rows = Int32Array.from({ length: nt }, (_, i) => (i * 17) % nt); // a permutation
    const assigned = Int32Array.from({ length: nt }, (_, i) => (i % 4 === 3 ? -1 : (i * 7) % nd));
    // |S| known for even tracks (with a marker log, to show which entry is read), a wrong |S| for
    // the others
    const knownDet = new Float64Array(nt);
    const knownLnDet = new Float64Array(nt);
    for (let i = 0; i < nt; i++) {
      const j = Math.max(assigned[i], 0);
      const p = i * S + 4;
      const s00 = buf[p] + R[4 * j];
      const s01 = buf[p + 2] + 0.5 * (R[4 * j + 1] + R[4 * j + 2]);
      const s11 = buf[p + 10] + R[4 * j + 3];
      const det = s00 * s11 - s01 * s01;
      knownDet[i] = i % 2 === 0 ? det : det * 2;
      knownLnDet[i] = i % 2 === 0 ? Math.log(det) + 0.25 + 0.01 * i : 99;
    }
    for (const known of [false, true]) {
      const batch = buf.slice();
      const single = buf.slice();
      const llB = new Float64Array(nt).fill(-7);
      const llS = new Float64Array(nt).fill(-7);
      if (known) josephSelect4x2Rows(llB, rows, nt, assigned, batch, S, z, R, 4, knownDet, knownLnDet);
      else josephSelect4x2Rows(llB, rows, nt, assigned, batch, S, z, R, 4);
      for (let q = 0; q < nt; q++) {
        const i = rows[q];
        const j = assigned[i];
        if (j < 0) continue;
        if (known) josephSelect4x2Into(llS, q, single, i * S, z, 2 * j, R, 4 * j, knownDet, knownLnDet, i);
        else josephSelect4x2Into(llS, q, single, i * S, z, 2 * j, R, 4 * j);
      }
      expect(Array.from(batch)).toEqual(Array.from(single));
      expect(Array.from(llB)).toEqual(Array.from(llS));
      for (let q = 0; q < nt; q++) if (assigned[rows[q]] < 0) expect(llB[q]).toBe(-7); // missed rows untouched
      if (known) {
        // the marker shows in exactly the even tracks' log-likelihoods
        const plain = new Float64Array(nt).fill(-7);
        josephSelect4x2Rows(plain, rows, nt, assigned, buf.slice(), S, z, R, 4);
        for (let q = 0; q < nt; q++) {
          const i = rows[q];
          if (assigned[i] < 0) continue;
          if (i % 2 === 0) expect(llB[q] - plain[q]).toBeCloseTo(-0.5 * (0.25 + 0.01 * i), 9);
          else expect(llB[q]).toBe(plain[q]);
        }
      }
    }
    // each updated slot against the Joseph form P⁺ = (I − KH) P (I − KH)ᵀ + K R Kᵀ, x⁺ = x + K ν
    const out = buf.slice();
    const ll = new Float64Array(nt);
    josephSelect4x2Rows(ll, rows, nt, assigned, out, S, z, R, 4);
    const H = new Matrix([[1, 0, 0, 0], [0, 0, 1, 0]]);
    for (let q = 0; q < nt; q++) {
      const i = rows[q];
      const j = assigned[i];
      const o = i * S;
      const x = new Matrix([Array.from(buf.subarray(o, o + 4))]).transpose();
      const P = new Matrix(Array.from({ length: 4 }, (_, a) => Array.from(buf.subarray(o + 4 + 4 * a, o + 8 + 4 * a))));
      if (j < 0) {
        expect(Array.from(out.subarray(o, o + S))).toEqual(Array.from(buf.subarray(o, o + S)));
        continue;
      }
      const Rm = new Matrix([[R[4 * j], R[4 * j + 1]], [R[4 * j + 2], R[4 * j + 3]]]);
      const Sm = H.mmul(P).mmul(H.transpose()).add(Rm);
      const K = P.mmul(H.transpose()).mmul(inverse(Sm));
      const nu = new Matrix([[z[2 * j] - x.get(0, 0)], [z[2 * j + 1] - x.get(2, 0)]]);
      const xp = x.add(K.mmul(nu));
      const IKH = Matrix.eye(4).sub(K.mmul(H));
      const Pp = IKH.mmul(P).mmul(IKH.transpose()).add(K.mmul(Rm).mmul(K.transpose()));
      const scale = Math.max(...P.to1DArray().map(Math.abs));
      for (let a = 0; a < 4; a++) {
        expect(Math.abs(out[o + a] - xp.get(a, 0))).toBeLessThan(1e-9 * (1 + Math.abs(xp.get(a, 0))));
        for (let b = 0; b < 4; b++) expect(Math.abs(out[o + 4 + 4 * a + b] - Pp.get(a, b))).toBeLessThan(1e-9 * scale);
      }
      const d2 = nu.transpose().mmul(inverse(Sm)).mmul(nu).get(0, 0);
      const detS = Sm.get(0, 0) * Sm.get(1, 1) - Sm.get(0, 1) * Sm.get(1, 0);
      expect(ll[q]).toBeCloseTo(-0.5 * (d2 + Math.log(detS) + 2 * Math.log(2 * Math.PI)), 9);
    }
  });
});

/** A predictor/updater that forwards to the real one: the tracker cannot see through it. */
function opaque(p: Predictor): Predictor {
  return {
    name: p.name, ndim: p.ndim, slotSize: p.slotSize, positionIndices: p.positionIndices, velocityIndices: p.velocityIndices,
    accelerationIndices: p.accelerationIndices, turnRateIndex: p.turnRateIndex,
    predict: (b, o, dt) => p.predict(b, o, dt), initSlot: (b, o, x, P) => p.initSlot(b, o, x, P),
    mergeSlots: (d, o, s, offs, w, c) => p.mergeSlots(d, o, s, offs, w, c),
  };
}
function opaqueUpdater(u: Updater): Updater {
  return {
    name: u.name,
    predictMeasurement: (m, b, o, zh, zo, S0, so) => u.predictMeasurement(m, b, o, zh, zo, S0, so),
    update: (m, b, o, z, zo, R, ro) => u.update(m, b, o, z, zo, R, ro),
  };
}

describe('specialised tracking loop = the generic composition', () => {
  it('200 NCV targets in clutter: identical tracks, states and covariances', () => {
    const c = generateCase({
      name: 'ncv_200', seed: 8, targets: 200, scans: 25, q: 0.05, sigma: 10, pd: 0.9, clutterRate: 200, halfWidth: 14000,
      speed: [10, 40], birthWindow: 5, hints: { q: 0.05, initVelocityStd: 30 },
    });
    const fast = prepareCase(c, 'gnn');
    const slow = prepareCase(c, 'gnn');
    const t = slow.tracker;
    slow.tracker = new MultiTargetTracker({
      predictor: opaque(kalmanPredictor(constantVelocity(2, 0.05))), updater: opaqueUpdater(kalmanUpdater()),
      associator: t.associator, initiator: t.initiator, deleter: t.deleter, gater: new Gater({ gateProbability: t.gater.gateProbability }),
    });
    const a = runCase(fast);
    const b = runCase(slow);
    expect(fast.tracker.confirmedUpdates).toBeGreaterThan(3000);
    expect(Array.from(a.offsets)).toEqual(Array.from(b.offsets));
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    expect(Array.from(a.states)).toEqual(Array.from(b.states));
    expect(Array.from(a.covs)).toEqual(Array.from(b.covs));
  });
});

describe('batch NCV prediction = one predictInPlace per slot', () => {
  it('2-D and 3-D NCV, NCA: same numbers; Δt = 0 leaves a slot alone', () => {
    const rng = stream(43, 'test/predict/batch');
    for (const model of [constantVelocity(2, 0.3), constantVelocity(3, [0.1, 0.2, 0.3])]) {
      const n = model.ndim;
      const S = n + n * n;
      const count = 7;
      const a = new Float64Array(count * S);
      for (let k = 0; k < a.length; k++) a[k] = rng.normal(0, 10);
      const b = a.slice();
      // runs of equal Δt (the per-Δt terms are computed once per run) and single ones
      const tPrev = Float64Array.from({ length: count }, (_, i) => (i === 3 ? 5 : i === 1 || i === 2 || i === 5 ? 4 : rng.uniformRange(0, 4.9)));
      const tPrevB = tPrev.slice();
      model.predictSlotsInPlace!(a, S, count, tPrev, 5);
      for (let i = 0; i < count; i++) if (5 - tPrevB[i] !== 0) model.predictInPlace!(b, i * S, 5 - tPrevB[i]);
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(tPrev)).toEqual(new Array(count).fill(5));
    }
  });
});

describe('planar gate reading ẑ, S0 in place from the slots = the gate on copied ẑ, S0', () => {
  it('same table (order included), |S| and ln|S|, each entry the ml-matrix χ² test; null where it does not apply', () => {
    const rng = stream(47, 'test/gate/slots');
    const n = 4;
    const S = n + n * n;
    const model = cartesianPosition([0, 2], 4);
    const gamma = chiSquareQuantile(0.9999, 2);
    for (let trial = 0; trial < 4; trial++) {
      const nt = 150;
      const nd = 300;
      const buf = new Float64Array(nt * S);
      const zhat = new Float64Array(nt * 2);
      const S0 = new Float64Array(nt * 4);
      for (let i = 0; i < nt; i++) {
        const o = i * S;
        for (let a = 0; a < n; a++) buf[o + a] = rng.uniformRange(-4000, 4000);
        // P = A Aᵀ + diag, symmetric positive definite, with a correlated x–y block
        const A = Array.from({ length: n * n }, () => rng.normal(0, trial === 3 ? 200 : 12));
        for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
          let v = r === c ? 50 : 0;
          for (let k = 0; k < n; k++) v += A[r * n + k] * A[c * n + k];
          buf[o + n + r * n + c] = v;
        }
        zhat[2 * i] = buf[o];
        zhat[2 * i + 1] = buf[o + 2];
        S0.set([buf[o + n], buf[o + n + 2], buf[o + n + 2 * n], buf[o + n + 2 * n + 2]], 4 * i);
      }
      const z = new Float64Array(nd * 2);
      for (let j = 0; j < nd; j++) {
        // half the detections near a track, half anywhere
        const i = rng.int(nt);
        z[2 * j] = j % 2 === 0 ? zhat[2 * i] + rng.normal(0, 20) : rng.uniformRange(-4000, 4000);
        z[2 * j + 1] = j % 2 === 0 ? zhat[2 * i + 1] + rng.normal(0, 20) : rng.uniformRange(-4000, 4000);
      }
      const R = new Float64Array(nd * 4);
      for (let j = 0; j < nd; j++) R.set([100, 10, 10, 120], 4 * j);
      const scan: Scan = { t: 0, count: nd, z, R, uniformR: true, sensor: { model, pd: 0.9, clutterDensity: 1e-6, birthDensity: 1e-7 } };
      const g1 = new Gater();
      const a = g1.runSlots(nt, buf, S, 0, 2, n, n + 2, n + 2 * n, n + 2 * n + 2, scan)!;
      expect(a).not.toBeNull();
      const g2 = new Gater();
      const b = g2.run(nt, zhat, S0, scan);
      expect(g2.usedPlanar(scan)).toBe(true);
      expect(a.nnz).toBe(b.nnz);
      expect(a.nnz).toBeGreaterThan(50);
      expect(Array.from(a.rowStart.subarray(0, nt + 1))).toEqual(Array.from(b.rowStart.subarray(0, nt + 1)));
      expect(Array.from(a.det.subarray(0, a.nnz))).toEqual(Array.from(b.det.subarray(0, b.nnz)));
      expect(Array.from(a.d2.subarray(0, a.nnz))).toEqual(Array.from(b.d2.subarray(0, b.nnz)));
      expect(Array.from(a.lnG.subarray(0, a.nnz))).toEqual(Array.from(b.lnG.subarray(0, b.nnz)));
      expect(Array.from(g1.detS.subarray(0, nt))).toEqual(Array.from(g2.detS.subarray(0, nt)));
      expect(Array.from(g1.lnDetS.subarray(0, nt))).toEqual(Array.from(g2.lnDetS.subarray(0, nt)));
      // every pair against an independent evaluation: d² = νᵀ S⁻¹ ν < γ with S = H P Hᵀ + R
      let inGate = 0;
      const wrong: string[] = [];
      for (let i = 0; i < nt; i++) {
        const Si = inverse(new Matrix([[S0[4 * i] + 100, S0[4 * i + 1] + 10], [S0[4 * i + 2] + 10, S0[4 * i + 3] + 120]])).to2DArray();
        const got = new Set(Array.from(a.det.subarray(a.rowStart[i], a.rowStart[i + 1])));
        for (let j = 0; j < nd; j++) {
          const v0 = z[2 * j] - zhat[2 * i];
          const v1 = z[2 * j + 1] - zhat[2 * i + 1];
          const d2 = v0 * (Si[0][0] * v0 + Si[0][1] * v1) + v1 * (Si[1][0] * v0 + Si[1][1] * v1);
          if (Math.abs(d2 - gamma) < 1e-6) continue; // too close to the boundary to call
          if (got.has(j) !== d2 < gamma) wrong.push(`track ${i}, detection ${j}, d² ${d2}`);
          if (d2 < gamma) inGate++;
        }
      }
      expect(wrong).toEqual([]);
      expect(inGate).toBe(a.nnz);
    }
    // not the planar case: an angular measurement, or too few detections for a grid
    const radar = polar([0, 2], 4, [0, 0], ['range', 'bearing']);
    const z2 = new Float64Array(60).fill(1);
    const few: Scan = { t: 0, count: 30, z: z2, R: new Float64Array(4).fill(1), uniformR: true, sensor: { model: radar, pd: 0.9, clutterDensity: 1e-6, birthDensity: 1e-7 } };
    expect(new Gater().runSlots(1, new Float64Array(S), S, 0, 2, n, n + 2, n + 2 * n, n + 2 * n + 2, few)).toBeNull();
    const cart: Scan = { ...few, count: 10, sensor: { ...few.sensor, model } };
    expect(new Gater().runSlots(1, new Float64Array(S), S, 0, 2, n, n + 2, n + 2 * n, n + 2 * n + 2, cart)).toBeNull();
  });
});

describe('GNN one-pass decomposition on a subset of rows = the most likely joint event', () => {
  it('random sparse problems, rows in any order, some detections unavailable: brute force over joint events', () => {
    const rng = stream(53, 'test/gnn/subset');
    const gnn = globalNearestNeighbour();
    const pd = 0.9;
    const pg = 0.9999;
    const lam = 1e-5;
    let shared = 0;
    for (let trial = 0; trial < 300; trial++) {
      const nTable = 4 + rng.int(8);
      const nd = 2 + rng.int(10);
      // gate table over all rows
      const entries: [number, number][][] = Array.from({ length: nTable }, () => {
        const r: [number, number][] = [];
        for (let j = 0; j < nd; j++) if (rng.uniform() < 0.25) r.push([j, rng.uniformRange(-14, -8)]);
        return r;
      });
      const rowStart = new Int32Array(nTable + 1);
      const det: number[] = [];
      const lnG: number[] = [];
      entries.forEach((r, i) => {
        rowStart[i] = det.length;
        for (const [j, l] of r) {
          det.push(j);
          lnG.push(l);
        }
      });
      rowStart[nTable] = det.length;
      const table: GateTable = { rows: nTable, rowStart, det: Int32Array.from(det), d2: new Float64Array(det.length), lnG: Float64Array.from(lnG), nnz: det.length };
      // a random subset of the rows, in random order; some detections already taken
      const order = Array.from({ length: nTable }, (_, i) => i);
      for (let k = order.length - 1; k > 0; k--) {
        const q = rng.int(k + 1);
        [order[k], order[q]] = [order[q], order[k]];
      }
      const rows = order.slice(0, 1 + rng.int(Math.min(nTable, 7)));
      const available = Uint8Array.from({ length: nd }, () => (rng.uniform() < 0.8 ? 1 : 0));
      const res: AssociationResult = { assigned: new Int32Array(nTable).fill(-7), beta: new Float64Array(det.length), beta0: new Float64Array(nTable) };
      gnn.associate(table, Int32Array.from(rows), rows.length, { pd, pg, clutterDensity: lam, detections: nd, available }, res);
      // brute force: each selected row takes an available gated detection (at most once) or none
      const cand = rows.map((i) => entries[i].filter(([j]) => available[j] === 1));
      const counts = new Map<number, number>();
      for (const c of cand) for (const [j] of c) counts.set(j, (counts.get(j) ?? 0) + 1);
      if ([...counts.values()].some((v) => v > 1)) shared++;
      let best = -Infinity;
      const used = new Set<number>();
      const rec = (k: number, lw: number) => {
        if (k === rows.length) {
          best = Math.max(best, lw);
          return;
        }
        rec(k + 1, lw + Math.log(1 - pd * pg));
        for (const [j, l] of cand[k]) {
          if (used.has(j)) continue;
          used.add(j);
          rec(k + 1, lw + Math.log(pd) + l - Math.log(lam));
          used.delete(j);
        }
      };
      rec(0, 0);
      let got = 0;
      const taken = new Set<number>();
      rows.forEach((i, k) => {
        const j = res.assigned[i];
        if (j < 0) {
          expect(j).toBe(-1);
          got += Math.log(1 - pd * pg);
          return;
        }
        const e = cand[k].find(([d]) => d === j);
        expect(e, 'an available gated detection').toBeDefined();
        expect(taken.has(j), 'each detection at most once').toBe(false);
        taken.add(j);
        got += Math.log(pd) + e![1] - Math.log(lam);
      });
      expect(Math.abs(got - best)).toBeLessThan(1e-9);
      // rows not offered are left alone
      for (const i of order.slice(rows.length)) expect(res.assigned[i]).toBe(-7);
    }
    expect(shared).toBeGreaterThan(30); // the solver path ran, not only lone rows
  });
});

describe('recording without covariances = the states recorded with them', () => {
  it('the 2-D NCV fast copy equals the general one', () => {
    const c = generateCase({
      name: 'ncv_50', seed: 9, targets: 50, scans: 30, q: 0.05, sigma: 10, pd: 0.9, clutterRate: 50, halfWidth: 7000,
      speed: [10, 40], birthWindow: 5, hints: { q: 0.05, initVelocityStd: 30 },
    });
    const a = runCase(prepareCase(c, 'gnn'), { covariances: false });
    const b = runCase(prepareCase(c, 'gnn'), { covariances: true });
    expect(a.ids.length).toBeGreaterThan(500);
    expect(a.covs.length).toBe(0);
    expect(b.covs.length).toBe(16 * b.ids.length);
    expect(Array.from(a.offsets)).toEqual(Array.from(b.offsets));
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    expect(Array.from(a.states)).toEqual(Array.from(b.states));
    expect(a.confirmedUpdates).toBe(b.confirmedUpdates);
  });
});
