// Gating and data association against brute force: the grid-accelerated χ² gate must return
// exactly the pairs an all-pairs test returns (Cartesian, polar with bearings across ±π,
// per-detection R); GNN must find the most likely joint event; JPDA's exact marginals must
// match an independent enumeration, and loopy BP must be exact on trees and close on loops.
import { describe, expect, it } from 'vitest';
import { Matrix, inverse } from 'ml-matrix';
import { stream, chiSquareQuantile } from '../../src/math/index.js';
import {
  Gater, cartesianPosition, constantVelocity, globalNearestNeighbour, jpda, polar, wrapAngle,
  type AssociationResult, type GateTable, type MeasurementModel, type Scan,
} from '../../src/track/index.js';

function bruteGate(nt: number, zhat: Float64Array, S0: Float64Array, scan: Scan, gamma: number): Set<string> {
  const m = scan.sensor.model.mdim;
  const out = new Set<string>();
  for (let i = 0; i < nt; i++) {
    for (let j = 0; j < scan.count; j++) {
      const S = new Matrix(m, m);
      const nu = new Matrix(m, 1);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) S.set(a, b, S0[i * m * m + a * m + b] + scan.R[j * m * m + a * m + b]);
        const d = scan.z[j * m + a] - zhat[i * m + a];
        nu.set(a, 0, scan.sensor.model.angular[a] ? wrapAngle(d) : d);
      }
      const d2 = nu.transpose().mmul(inverse(S)).mmul(nu).get(0, 0);
      if (d2 < gamma) out.add(`${i}:${j}`);
    }
  }
  return out;
}

function tableSet(t: GateTable): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i < t.rows; i++) for (let e = t.rowStart[i]; e < t.rowStart[i + 1]; e++) s.add(`${i}:${t.det[e]}`);
  return s;
}

function randomSpd(rng: ReturnType<typeof stream>, m: number, scale: number[]): Float64Array {
  const A = new Matrix(m, m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) A.set(a, b, rng.normal() * Math.sqrt(scale[a] * scale[b]) * 0.5);
  const S = A.mmul(A.transpose());
  for (let a = 0; a < m; a++) S.set(a, a, S.get(a, a) + scale[a]);
  return Float64Array.from(S.to1DArray());
}

function makeScan(model: MeasurementModel, z: number[], R: Float64Array[], uniform: boolean): Scan {
  const m = model.mdim;
  return {
    t: 0, count: z.length / m, z: Float64Array.from(z), uniformR: uniform,
    R: Float64Array.from(R.flatMap((r) => Array.from(r))),
    sensor: { model, pd: 0.9, clutterDensity: 1e-6, birthDensity: 1e-7 },
  };
}

describe('grid-accelerated gate = all-pairs gate', () => {
  it('2-D Cartesian, one R (the planar fast path), many tracks and detections', () => {
    const rng = stream(11, 'test/gate/cartesian');
    const model = cartesianPosition([0, 2], 4);
    for (let trial = 0; trial < 2; trial++) {
      const nt = 120;
      const nd = 300;
      const zhat = new Float64Array(nt * 2);
      const S0 = new Float64Array(nt * 4);
      for (let i = 0; i < nt; i++) {
        zhat[2 * i] = rng.uniformRange(-2000, 2000);
        zhat[2 * i + 1] = rng.uniformRange(-2000, 2000);
        S0.set(randomSpd(rng, 2, [rng.uniformRange(10, 3000), rng.uniformRange(10, 3000)]), 4 * i);
      }
      const z: number[] = [];
      for (let j = 0; j < nd; j++) {
        // half near tracks, half uniform
        if (j % 2 === 0) {
          const i = rng.int(nt);
          z.push(zhat[2 * i] + rng.normal(0, 60), zhat[2 * i + 1] + rng.normal(0, 60));
        } else z.push(rng.uniformRange(-2200, 2200), rng.uniformRange(-2200, 2200));
      }
      const R = Float64Array.from([100, 20, 20, 150]);
      const scan = makeScan(model, z, Array.from({ length: nd }, () => R), true);
      const g = new Gater({ gateProbability: 0.999 });
      const t = g.run(nt, zhat, S0, scan);
      const gamma = chiSquareQuantile(0.999, 2);
      expect(tableSet(t)).toEqual(bruteGate(nt, zhat, S0, scan, gamma));
      // the stored ln N(ν; 0, S) of each entry: −½(d² + ln|S| + 2 ln 2π), S = S0 + R
      for (let i = 0; i < nt; i++) {
        for (let e = t.rowStart[i]; e < t.rowStart[i + 1]; e++) {
          const S = new Matrix([[S0[4 * i] + 100, S0[4 * i + 1] + 20], [S0[4 * i + 2] + 20, S0[4 * i + 3] + 150]]);
          const j = t.det[e];
          const nu = new Matrix([[z[2 * j] - zhat[2 * i]], [z[2 * j + 1] - zhat[2 * i + 1]]]);
          const d2 = nu.transpose().mmul(inverse(S)).mmul(nu).get(0, 0);
          const det = S.get(0, 0) * S.get(1, 1) - S.get(0, 1) * S.get(1, 0);
          expect(t.d2[e]).toBeCloseTo(d2, 9);
          expect(t.lnG[e]).toBeCloseTo(-0.5 * (d2 + Math.log(det) + 2 * Math.log(2 * Math.PI)), 9);
        }
      }
    }
  });

  it('polar radar: bearings wrap across ±π; per-detection R (general path)', () => {
    const rng = stream(12, 'test/gate/polar');
    const model = polar([0, 2], 4, [0, 0], ['range', 'bearing']);
    const nt = 80;
    const nd = 300;
    const zhat = new Float64Array(nt * 2);
    const S0 = new Float64Array(nt * 4);
    for (let i = 0; i < nt; i++) {
      zhat[2 * i] = rng.uniformRange(5000, 60000);
      // crowd the tracks near the ±π cut
      zhat[2 * i + 1] = wrapAngle(Math.PI + rng.normal(0, 0.05));
      S0.set(randomSpd(rng, 2, [rng.uniformRange(100, 1e5), rng.uniformRange(1e-6, 1e-3)]), 4 * i);
    }
    const z: number[] = [];
    const Rs: Float64Array[] = [];
    for (let j = 0; j < nd; j++) {
      const i = rng.int(nt);
      z.push(zhat[2 * i] + rng.normal(0, 200), wrapAngle(zhat[2 * i + 1] + rng.normal(0, 0.02)));
      Rs.push(Float64Array.from([rng.uniformRange(100, 900), 0, 0, rng.uniformRange(1e-6, 1e-4)]));
    }
    const scan = makeScan(model, z, Rs, false);
    const t = new Gater({ gateProbability: 0.9999 }).run(nt, zhat, S0, scan);
    const brute = bruteGate(nt, zhat, S0, scan, chiSquareQuantile(0.9999, 2));
    expect(brute.size).toBeGreaterThan(50);
    expect(tableSet(t)).toEqual(brute);
  });

  it('3-D Cartesian with one R', () => {
    const rng = stream(13, 'test/gate/3d');
    const model = cartesianPosition([0, 2, 4], 6);
    const nt = 60;
    const nd = 200;
    const zhat = new Float64Array(nt * 3);
    const S0 = new Float64Array(nt * 9);
    for (let i = 0; i < nt; i++) {
      for (let a = 0; a < 3; a++) zhat[3 * i + a] = rng.uniformRange(-1000, 1000);
      S0.set(randomSpd(rng, 3, [rng.uniformRange(10, 2000), rng.uniformRange(10, 2000), rng.uniformRange(10, 2000)]), 9 * i);
    }
    const z: number[] = [];
    for (let j = 0; j < nd; j++) {
      const i = rng.int(nt);
      for (let a = 0; a < 3; a++) z.push(zhat[3 * i + a] + rng.normal(0, 40));
    }
    const R = Float64Array.from([100, 0, 0, 0, 100, 0, 0, 0, 400]);
    const scan = makeScan(model, z, Array.from({ length: nd }, () => R), true);
    const t = new Gater({ gateProbability: 0.99 }).run(nt, zhat, S0, scan);
    expect(tableSet(t)).toEqual(bruteGate(nt, zhat, S0, scan, chiSquareQuantile(0.99, 3)));
  });
});

/** A hand-built gate table with given ln N values: rows[i] = [[det, lnG], …]. */
function table(rows: [number, number][][]): GateTable {
  const rowStart = new Int32Array(rows.length + 1);
  const det: number[] = [];
  const lnG: number[] = [];
  rows.forEach((r, i) => {
    rowStart[i] = det.length;
    for (const [j, l] of r) {
      det.push(j);
      lnG.push(l);
    }
  });
  rowStart[rows.length] = det.length;
  return { rows: rows.length, rowStart, det: Int32Array.from(det), d2: new Float64Array(det.length), lnG: Float64Array.from(lnG), nnz: det.length };
}

function result(n: number, nnz: number): AssociationResult {
  return { assigned: new Int32Array(n), beta: new Float64Array(nnz), beta0: new Float64Array(n) };
}

/** All joint events (each detection to at most one track) with their weights. */
function events(rows: [number, number][][], pd: number, pg: number, lam: number): { choice: number[]; w: number }[] {
  const out: { choice: number[]; w: number }[] = [];
  const used = new Set<number>();
  const choice: number[] = [];
  const rec = (i: number, w: number) => {
    if (i === rows.length) {
      out.push({ choice: [...choice], w });
      return;
    }
    choice.push(-1);
    rec(i + 1, w * (1 - pd * pg));
    choice.pop();
    rows[i].forEach(([j, l], k) => {
      if (used.has(j)) return;
      used.add(j);
      choice.push(k);
      rec(i + 1, (w * pd * Math.exp(l)) / lam);
      choice.pop();
      used.delete(j);
    });
  };
  rec(0, 1);
  return out;
}

function randomRows(rng: ReturnType<typeof stream>, nt: number, nd: number, density: number): [number, number][][] {
  return Array.from({ length: nt }, () => {
    const r: [number, number][] = [];
    for (let j = 0; j < nd; j++) if (rng.uniform() < density) r.push([j, rng.uniformRange(-14, -8)]);
    return r;
  });
}

describe('GNN = the most likely joint event', () => {
  it('random small problems', () => {
    const rng = stream(21, 'test/gnn');
    const gnn = globalNearestNeighbour();
    for (let trial = 0; trial < 200; trial++) {
      const nt = 1 + rng.int(5);
      const nd = 1 + rng.int(5);
      const rows = randomRows(rng, nt, nd, 0.6);
      const t = table(rows);
      const ctx = { pd: 0.9, pg: 0.9999, clutterDensity: 1e-5, detections: nd, available: new Uint8Array(nd).fill(1) };
      const res = result(nt, t.nnz);
      gnn.associate(t, Int32Array.from({ length: nt }, (_, i) => i), nt, ctx, res);
      const ev = events(rows, 0.9, 0.9999, 1e-5);
      const best = ev.reduce((a, b) => (b.w > a.w ? b : a));
      const got = ev.find((e) => e.choice.every((k, i) => (k < 0 ? res.assigned[i] === -1 : res.assigned[i] === rows[i][k][0])))!;
      expect(got, 'assignment is a feasible joint event').toBeDefined();
      expect(Math.abs(Math.log(got.w) - Math.log(best.w))).toBeLessThan(1e-9);
    }
  });

  it('respects unavailable detections', () => {
    const t = table([[[0, -9], [1, -12]]]);
    const res = result(1, t.nnz);
    globalNearestNeighbour().associate(t, Int32Array.from([0]), 1, { pd: 0.9, pg: 0.9999, clutterDensity: 1e-6, detections: 2, available: Uint8Array.from([0, 1]) }, res);
    expect(res.assigned[0]).toBe(1);
  });
});

describe('JPDA marginals', () => {
  it('exact enumeration = brute-force marginals', () => {
    const rng = stream(22, 'test/jpda');
    const a = jpda();
    for (let trial = 0; trial < 100; trial++) {
      const nt = 1 + rng.int(5);
      const nd = 1 + rng.int(5);
      const rows = randomRows(rng, nt, nd, 0.5);
      const t = table(rows);
      const res = result(nt, t.nnz);
      a.associate(t, Int32Array.from({ length: nt }, (_, i) => i), nt, { pd: 0.8, pg: 0.999, clutterDensity: 2e-5, detections: nd, available: new Uint8Array(nd).fill(1) }, res);
      const ev = events(rows, 0.8, 0.999, 2e-5);
      const total = ev.reduce((s, e) => s + e.w, 0);
      for (let i = 0; i < nt; i++) {
        const b0 = ev.filter((e) => e.choice[i] < 0).reduce((s, e) => s + e.w, 0) / total;
        expect(res.beta0[i]).toBeCloseTo(b0, 10);
        rows[i].forEach((_, k) => {
          const bk = ev.filter((e) => e.choice[i] === k).reduce((s, e) => s + e.w, 0) / total;
          expect(res.beta[t.rowStart[i] + k]).toBeCloseTo(bk, 10);
        });
      }
    }
  });

  it('loopy belief propagation: exact on a tree-shaped cluster, close on a loopy one', () => {
    const bp = jpda({ maxExactEvents: 1 }); // force BP
    const exact = jpda();
    const check = (rows: [number, number][][], nd: number, tol: number) => {
      const t = table(rows);
      const ctx = { pd: 0.9, pg: 0.9999, clutterDensity: 1e-5, detections: nd, available: new Uint8Array(nd).fill(1) };
      const r1 = result(rows.length, t.nnz);
      const r2 = result(rows.length, t.nnz);
      const idx = Int32Array.from({ length: rows.length }, (_, i) => i);
      bp.associate(t, idx, rows.length, ctx, r1);
      exact.associate(t, idx, rows.length, ctx, r2);
      let worst = 0;
      for (let e = 0; e < t.nnz; e++) worst = Math.max(worst, Math.abs(r1.beta[e] - r2.beta[e]));
      for (let i = 0; i < rows.length; i++) worst = Math.max(worst, Math.abs(r1.beta0[i] - r2.beta0[i]));
      expect(worst).toBeLessThan(tol);
    };
    // chain: track0–det0–track1–det1–track2 (a tree): BP is exact
    check([[[0, -10]], [[0, -10.5], [1, -9.8]], [[1, -10.2], [2, -11]]], 3, 1e-9);
    // complete 4×4 bipartite graph (many loops, near-ties): an approximation — Williams & Lau
    // (2014) report marginal errors of a few 1e-2 in such worst cases; a bug would be far larger
    check([0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => [j, -10 - 0.3 * ((i + 2 * j) % 4)] as [number, number])), 4, 0.1);
  });

  it('loopy belief propagation on random loopy clusters: mean marginal error < 0.01', () => {
    const rng = stream(23, 'test/jpda/bp');
    const bp = jpda({ maxExactEvents: 1 });
    const exact = jpda();
    let sum = 0;
    let count = 0;
    for (let trial = 0; trial < 100; trial++) {
      const nt = 2 + rng.int(4);
      const nd = 2 + rng.int(4);
      const rows = randomRows(rng, nt, nd, 0.6);
      const t = table(rows);
      const ctx = { pd: 0.9, pg: 0.9999, clutterDensity: 1e-5, detections: nd, available: new Uint8Array(nd).fill(1) };
      const r1 = result(nt, t.nnz);
      const r2 = result(nt, t.nnz);
      const idx = Int32Array.from({ length: nt }, (_, i) => i);
      bp.associate(t, idx, nt, ctx, r1);
      exact.associate(t, idx, nt, ctx, r2);
      for (let e = 0; e < t.nnz; e++) {
        sum += Math.abs(r1.beta[e] - r2.beta[e]);
        count++;
      }
    }
    expect(sum / count).toBeLessThan(0.01);
  });
});
