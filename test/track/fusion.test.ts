// Track-to-track fusion (src/track/fusion.ts): covariance intersection against hand-worked closed
// forms and an ml-matrix oracle (Bar-Shalom–Campo with P_lr = 0, the true error covariance for any
// cross-correlation), NCV latency compensation against its closed form, and the fuser's
// association memory through a crossing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix, determinant, inverse } from 'ml-matrix';
import { covarianceIntersection, predictNcvInPlace, TrackFuser, type RemoteTrackReport } from '../../src/track/fusion.js';
import type { PictureTrack } from '../../src/track/picture.js';

// ml-matrix's add/sub/mul/div work IN PLACE: the helpers below clone first.
const plus = (a: Matrix, b: Matrix) => a.clone().add(b);
const minus = (a: Matrix, b: Matrix) => a.clone().sub(b);
const times = (a: Matrix, k: number) => a.clone().mul(k);
const minEig = (m: Matrix) => Math.min(...new EigenvalueDecomposition(plus(m, m.transpose()).div(2), { assumeSymmetric: true }).realEigenvalues);
const mat = (a: ArrayLike<number>, n: number) => new Matrix(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => a[i * n + j]!)));

describe('covariance intersection — hand-worked closed forms', () => {
  it('scalar: det P = 1/(ω/a + (1−ω)/b) is smallest at the better estimate (ω = 1 if a < b)', () => {
    // 1/P is linear in ω, so the optimum is an endpoint: CI of two scalars keeps the better one.
    const r = covarianceIntersection([3], [2], [7], [5], 1);
    expect(r.omega).toBe(1);
    expect(r.P[0]).toBeCloseTo(2, 12);
    expect(r.x[0]).toBeCloseTo(3, 12);
    const s = covarianceIntersection([3], [9], [7], [5], 1, 'trace');
    expect(s.omega).toBe(0);
    expect(s.x[0]).toBeCloseTo(7, 12);
  });

  it('2-D: P_a = diag(1, 2), P_b = diag(3, 1) → ω = 3/4, P = diag(6/5, 8/5), x = (0.1, 0.4)', () => {
    // det⁻¹P = ((1 + 2ω)/3)·((2 − ω)/2), maximal where 2(2 − ω) = 1 + 2ω, i.e. ω = 3/4.
    // x = P·(ω I_a·0 + ¼ I_b·(1, 1)) = diag(6/5, 8/5)·(1/12, 1/4) = (0.1, 0.4).
    const r = covarianceIntersection([0, 0], [1, 0, 0, 2], [1, 1], [3, 0, 0, 1], 2);
    expect(r.omega).toBeCloseTo(0.75, 7);
    expect(Array.from(r.P)).toEqual([expect.closeTo(1.2, 7), expect.closeTo(0, 12), expect.closeTo(0, 12), expect.closeTo(1.6, 7)]);
    expect(r.x[0]).toBeCloseTo(0.1, 7);
    expect(r.x[1]).toBeCloseTo(0.4, 7);
  });

  it('2-D, trace criterion: tr P = 3/(1 + 2ω) + 2/(2 − ω) is smallest at ω = (2√3 − 1)/(2 + √3)', () => {
    // d/dω: −6/(1 + 2ω)² + 2/(2 − ω)² = 0 ⇔ 1 + 2ω = √3 (2 − ω).
    const r = covarianceIntersection([0, 0], [1, 0, 0, 2], [1, 1], [3, 0, 0, 1], 2, 'trace');
    const w = (2 * Math.sqrt(3) - 1) / (2 + Math.sqrt(3));
    expect(r.omega).toBeCloseTo(w, 7);
    expect(r.P[0]).toBeCloseTo(3 / (1 + 2 * w), 7);
    expect(r.P[3]).toBeCloseTo(2 / (2 - w), 7);
  });

  it('2-D, correlated covariances: ω agrees with a brute-force grid on ml-matrix determinants', () => {
    const Pa = [4, 1.5, 1.5, 1];
    const Pb = [1, -0.6, -0.6, 3];
    const r = covarianceIntersection([0, 0], Pa, [0, 0], Pb, 2);
    const Ia = inverse(mat(Pa, 2));
    const Ib = inverse(mat(Pb, 2));
    let best = 0, bestDet = Infinity;
    for (let k = 0; k <= 20_000; k++) {
      const w = k / 20_000;
      const d = determinant(inverse(plus(times(Ia, w), times(Ib, 1 - w))));
      if (d < bestDet) { bestDet = d; best = w; }
    }
    expect(r.omega).toBeCloseTo(best, 3);
    expect(r.P[0]! * r.P[3]! - r.P[1]! * r.P[2]!).toBeCloseTo(bestDet, 9);
  });
});

/** A random SPD n×n matrix L·Lᵀ + εI from fast-check entries, and its lower factor. */
const spd = (n: number) =>
  fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((v) => {
    const L = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) L.set(i, j, i === j ? 0.2 + Math.abs(v[i * n + j]!) : v[i * n + j]!);
    return L;
  });

describe('covariance intersection — consistency (fast-check, analytic true covariance)', () => {
  it('fused P ⪰ the true error covariance for any cross-correlation P_ab = ρ·L_a·U·L_bᵀ, ρ ∈ [−1, 1], U a rotation', () => {
    // Joint error covariance [[P_a, P_ab], [P_abᵀ, P_b]] = D·[[I, ρU], [ρUᵀ, I]]·Dᵀ, D = diag(L_a, L_b): PSD for |ρ| ≤ 1.
    // CI's estimate x = K_a x_a + K_b x_b with K_a = ω P I_a, K_b = (1 − ω) P I_b has error covariance
    // K_a P_a K_aᵀ + K_b P_b K_bᵀ + K_a P_ab K_bᵀ + K_b P_abᵀ K_aᵀ.
    fc.assert(
      fc.property(spd(2), spd(2), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (La, Lb, rho, th) => {
        const Pa = La.mmul(La.transpose());
        const Pb = Lb.mmul(Lb.transpose());
        const U = new Matrix([[Math.cos(th), -Math.sin(th)], [Math.sin(th), Math.cos(th)]]);
        const Pab = times(La.mmul(U).mmul(Lb.transpose()), rho);
        const r = covarianceIntersection([0, 0], Pa.to1DArray(), [0, 0], Pb.to1DArray(), 2);
        const P = mat(r.P, 2);
        const Ka = times(P.mmul(inverse(Pa)), r.omega);
        const Kb = times(P.mmul(inverse(Pb)), 1 - r.omega);
        const Ptrue = plus(
          plus(Ka.mmul(Pa).mmul(Ka.transpose()), Kb.mmul(Pb).mmul(Kb.transpose())),
          plus(Ka.mmul(Pab).mmul(Kb.transpose()), Kb.mmul(Pab.transpose()).mmul(Ka.transpose())),
        );
        const scale = Math.max(P.get(0, 0), P.get(1, 1));
        expect(minEig(minus(P, Ptrue))).toBeGreaterThanOrEqual(-1e-9 * scale);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('with known zero correlation CI is never better than Bar-Shalom–Campo (P_lr = 0: the information-weighted mean)', () => {
    // Bar-Shalom & Campo 1986 with P_lr = 0: P = P_a − P_a (P_a + P_b)⁻¹ P_a = (I_a + I_b)⁻¹,
    // x = P_b (P_a + P_b)⁻¹ x_a + P_a (P_a + P_b)⁻¹ x_b — the optimal linear fusion of independent estimates.
    fc.assert(
      fc.property(spd(3), spd(3), (La, Lb) => {
        const Pa = La.mmul(La.transpose());
        const Pb = Lb.mmul(Lb.transpose());
        const xa = [1, -2, 0.5], xb = [0.3, 0.7, -1];
        const S = inverse(plus(Pa, Pb));
        const Pbc = minus(Pa, Pa.mmul(S).mmul(Pa));
        const xbc = plus(Pb.mmul(S).mmul(Matrix.columnVector(xa)), Pa.mmul(S).mmul(Matrix.columnVector(xb)));
        // The same fusion written as the information-weighted mean.
        const Pinfo = inverse(plus(inverse(Pa), inverse(Pb)));
        const xinfo = Pinfo.mmul(plus(inverse(Pa).mmul(Matrix.columnVector(xa)), inverse(Pb).mmul(Matrix.columnVector(xb))));
        for (let i = 0; i < 3; i++) expect(xbc.get(i, 0)).toBeCloseTo(xinfo.get(i, 0), 6);
        const r = covarianceIntersection(xa, Pa.to1DArray(), xb, Pb.to1DArray(), 3);
        const P = mat(r.P, 3);
        const scale = Math.max(...[0, 1, 2].map((i) => P.get(i, i)));
        expect(minEig(minus(P, Pbc))).toBeGreaterThanOrEqual(-1e-9 * scale);
        // CI's own true error covariance (ρ = 0) is also ⪰ Bar-Shalom–Campo's: BC is optimal.
        const Ka = times(P.mmul(inverse(Pa)), r.omega);
        const Kb = times(P.mmul(inverse(Pb)), 1 - r.omega);
        const Ptrue = plus(Ka.mmul(Pa).mmul(Ka.transpose()), Kb.mmul(Pb).mmul(Kb.transpose()));
        expect(minEig(minus(Ptrue, Pbc))).toBeGreaterThanOrEqual(-1e-9 * scale);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('latency compensation (NCV prediction)', () => {
  it('predicts a constant-velocity target exactly and the covariance by F P Fᵀ + Q (ml-matrix)', () => {
    const x = Float64Array.from([1000, -2000, 5000, 200, -50, 3]);
    const L = new Matrix(6, 6);
    for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) L.set(i, j, i === j ? 10 + i : (i * 7 + j * 3) % 5 - 2);
    const P0 = L.mmul(L.transpose());
    const P = Float64Array.from(P0.to1DArray());
    const tau = 2.7, q = 100;
    predictNcvInPlace(x, P, tau, q);
    expect(Array.from(x)).toEqual([1000 + 200 * tau, -2000 - 50 * tau, 5000 + 3 * tau, 200, -50, 3].map((v) => expect.closeTo(v, 9)));
    const F = Matrix.eye(6);
    for (let i = 0; i < 3; i++) F.set(i, i + 3, tau);
    const Q = new Matrix(6, 6);
    for (let i = 0; i < 3; i++) {
      Q.set(i, i, (q * tau ** 3) / 3);
      Q.set(i, i + 3, (q * tau ** 2) / 2);
      Q.set(i + 3, i, (q * tau ** 2) / 2);
      Q.set(i + 3, i + 3, q * tau);
    }
    const expected = plus(F.mmul(P0).mmul(F.transpose()), Q);
    for (let k = 0; k < 36; k++) expect(P[k]).toBeCloseTo(expected.get(Math.floor(k / 6), k % 6), 8);
  });
});

// ------------------------------------------------------------------------------------ the fuser

function track(id: string, t: number, state: number[], posSigma: number, velSigma: number, sensors: string[] = ['s']): PictureTrack {
  const P = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    P[i * 7] = posSigma ** 2;
    P[(i + 3) * 7] = velSigma ** 2;
  }
  return { id, t, state: Float64Array.from(state), covariance: P, classProbabilities: { drone: 1 }, classification: 'drone', quality: 0.9, status: 'confirmed', sensors };
}
const report = (force: string, tr: PictureTrack, latency: number): RemoteTrackReport => ({ force, track: tr, sent: tr.t, delivered: tr.t + latency });

describe('TrackFuser', () => {
  it('a remote track with no local partner enters as <force>-R<n>, predicted exactly for a CV target', () => {
    const f = new TrackFuser({ force: 'blue', processNoise: 100 });
    const truthAt = (t: number) => [7000 + 150 * t, 3000 - 40 * t, 1000, 150, -40, 0];
    const r = track('green-T4', 10, truthAt(10), 30, 5, ['g-radar']);
    const out = f.fuse(11.5, [], [report('green', r, 1.5)]);
    expect(out).toHaveLength(1);
    const p = out[0]!;
    expect(p.id).toBe('blue-R1');
    expect(p.status).toBe('confirmed');
    expect(p.sensors).toEqual(['g-radar']);
    expect(p.t).toBe(11.5);
    for (let i = 0; i < 6; i++) expect(p.state[i]).toBeCloseTo(truthAt(11.5)[i]!, 9);
    // Closed form of F P Fᵀ + Q for diagonal P: σ_r² + τ²σ_v² + qτ³/3.
    expect(p.covariance[0]).toBeCloseTo(900 + 1.5 ** 2 * 25 + (100 * 1.5 ** 3) / 3, 9);
    expect(f.localIdOf('green', 'green-T4')).toBe('blue-R1');
    // Stable: the same remote track keeps its id; a report older than maxReportAge is dropped as stale.
    expect(f.fuse(13.5, [], [report('green', track('green-T4', 12, truthAt(12), 30, 5), 1.5)])[0]!.id).toBe('blue-R1');
    expect(f.fuse(200, [], [report('green', track('green-T4', 12, truthAt(12), 30, 5), 1.5)])).toEqual([]);
    expect(f.localIdOf('green', 'green-T4')).toBeUndefined();
  });

  it('a remote track that comes back within maxReportAge takes its old id back; later, a new one', () => {
    const f = new TrackFuser({ force: 'blue', maxReportAge: 60 });
    const at = (t: number) => track('green-T4', t, [7000 + 150 * t, 3000, 1000, 150, 0, 0], 30, 5);
    const other = (t: number) => track('green-T7', t, [-9000, 3000, 1000, 0, 150, 0], 30, 5);
    expect(f.fuse(10, [], [report('green', at(10), 0)]).map((p) => p.id)).toEqual(['blue-R1']);
    // Gone (stale at the receiver, capacity-limited link) while another remote track enters.
    expect(f.fuse(12, [], [report('green', other(12), 0)]).map((p) => p.id)).toEqual(['blue-R2']);
    expect(f.localIdOf('green', 'green-T4')).toBeUndefined();
    // Back 40 s later (< 60 s): the same fused id, so the same track for the battle manager.
    expect(f.fuse(52, [], [report('green', at(52), 0), report('green', other(52), 0)]).map((p) => p.id).sort()).toEqual(['blue-R1', 'blue-R2']);
    // Gone from 54 s and back 61 s later (> 60 s): a new track.
    f.fuse(54, [], [report('green', other(54), 0)]);
    expect(f.fuse(115, [], [report('green', at(115), 0), report('green', other(115), 0)]).map((p) => p.id).sort()).toEqual(['blue-R2', 'blue-R3']);
  });

  it('fuses a local and a remote track of one target by CI on the local id; sensors are the union', () => {
    const f = new TrackFuser({ force: 'blue' });
    const local = track('blue-T1', 20, [10_000, 0, 500, 100, 0, 0], 200, 20, ['b-radar']);
    const remote = track('green-T9', 20, [10_050, 30, 480, 98, 1, 0], 40, 10, ['g-radar']);
    const out = f.fuse(20, [local], [report('green', remote, 0)]);
    expect(out).toHaveLength(1);
    expect(out[0]!.id).toBe('blue-T1');
    expect(out[0]!.sensors).toEqual(['b-radar', 'g-radar']);
    const ci = covarianceIntersection(local.state, local.covariance, remote.state, remote.covariance, 6);
    for (let k = 0; k < 36; k++) expect(out[0]!.covariance[k]).toBeCloseTo(ci.P[k]!, 6);
    for (let k = 0; k < 6; k++) expect(out[0]!.state[k]).toBeCloseTo(ci.x[k]!, 6);
    // Every diagonal entry here is ≤ the better input's (aligned diagonal covariances: ω = 1 or 0 would not be optimal).
    expect(out[0]!.covariance[0]).toBeLessThanOrEqual(40 ** 2 + 1e-9);
    expect(f.localIdOf('green', 'green-T9')).toBe('blue-T1');
  });

  it('two allies\u2019 tracks of a target the receiver does not see are one fused R track', () => {
    const f = new TrackFuser({ force: 'blue' });
    const a = track('green-T1', 5, [0, 0, 1000, 100, 0, 0], 50, 10);
    const b = track('red-T3', 5, [20, -10, 1000, 101, 0, 0], 60, 10);
    const out = f.fuse(5, [], [report('red', b, 0), report('green', a, 0)]);
    expect(out).toHaveLength(1);
    expect(f.localIdOf('green', 'green-T1')).toBe('blue-R1');
    expect(f.localIdOf('red', 'red-T3')).toBe('blue-R1');
  });

  it('holds the pairing (and so the track ids) through a crossing where the instantaneous assignment would swap', () => {
    // Two targets flying +x at 200 m/s, crossing in y at t = 20 s (y = ∓200 ± 10t). The ally's
    // estimates are biased 40 m toward the other target, and velocity is poorly known (σ_v = 100
    // m/s), so near the crossing the ally's track of A is closer to the local track of B.
    const yA = (t: number) => -200 + 10 * t;
    const yB = (t: number) => 200 - 10 * t;
    const locals = (t: number) => [track('blue-T1', t, [200 * t, yA(t), 0, 200, 10, 0], 50, 100), track('blue-T2', t, [200 * t, yB(t), 0, 200, -10, 0], 50, 100)];
    const remotes = (t: number) => {
      const s = Math.sign(yB(t) - yA(t)) || 1;
      return [
        report('green', track('green-T7', t, [200 * t, yA(t) + 40 * s, 0, 200, 10, 0], 50, 100), 0),
        report('green', track('green-T8', t, [200 * t, yB(t) - 40 * s, 0, 200, -10, 0], 50, 100), 0),
      ];
    };
    const f = new TrackFuser({ force: 'blue' });
    for (let t = 0; t <= 40; t += 2) {
      const out = f.fuse(t, locals(t), remotes(t));
      expect(out.map((p) => p.id)).toEqual(['blue-T1', 'blue-T2']);
      expect(f.localIdOf('green', 'green-T7'), `t = ${t}`).toBe('blue-T1');
      expect(f.localIdOf('green', 'green-T8'), `t = ${t}`).toBe('blue-T2');
    }
    // Without memory (a fresh fuser) the optimal assignment at t = 18 s pairs them the other way.
    const fresh = new TrackFuser({ force: 'blue' });
    fresh.fuse(18, locals(18), remotes(18));
    expect(fresh.localIdOf('green', 'green-T7')).toBe('blue-T2');
  });

  it('a remote track outside the χ² gate stays a separate track', () => {
    const f = new TrackFuser({ force: 'blue', gateProbability: 0.99 });
    const out = f.fuse(0, [track('blue-T1', 0, [0, 0, 0, 100, 0, 0], 30, 5)], [report('green', track('green-T1', 0, [500, 0, 0, 100, 0, 0], 30, 5), 0)]);
    // d² = 500² / (2·30²) ≈ 139 ≫ χ²₆(0.99) = 16.8.
    expect(out.map((p) => p.id)).toEqual(['blue-T1', 'blue-R1']);
  });
});
