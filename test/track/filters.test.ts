// Filters and models: hand-worked Kalman examples, the straight-line kernels against an
// ml-matrix oracle of the textbook formulas, structured predictions against F P Fᵀ + Q,
// Jacobians against finite differences, UKF = KF on linear problems, IMM composition.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, inverse } from 'ml-matrix';
import {
  cartesianPosition, constantAcceleration, constantVelocity, constantVelocityTurnAugmented, coordinatedTurn,
  extendedKalmanUpdater, immPredictor, immUpdater, kalmanPredictor, kalmanUpdater, knownTurnRate, polar,
  unscentedKalmanPredictor, unscentedKalmanUpdater, wrapAngle, type MeasurementModel, type TransitionModel,
} from '../../src/track/index.js';

const LN_2PI = Math.log(2 * Math.PI);

function slot(x: number[], P: number[][]): Float64Array {
  return Float64Array.from([...x, ...P.flat()]);
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, label = ''): void {
  expect(a.length, label).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(1, Math.abs(b[i]));
    expect(Math.abs(a[i] - b[i]) / scale, `${label}[${i}]: ${a[i]} vs ${b[i]}`).toBeLessThan(tol);
  }
}

describe('Kalman filter, hand-worked 1-D (one axis: position, velocity)', () => {
  const model = constantVelocity(1, 0.5);
  const h = cartesianPosition(model.positionIndices, 2);

  it('update: x = [0, 1], P = [[4, 2], [2, 3]], z = 2, R = 1', () => {
    // S = 4 + 1 = 5, K = [4, 2]/5 = [0.8, 0.4], ν = 2: x⁺ = [1.6, 1.8],
    // P⁺ = P − K S Kᵀ = [[4 − 3.2, 2 − 1.6], [2 − 1.6, 3 − 0.8]] = [[0.8, 0.4], [0.4, 2.2]],
    // ln N(ν; 0, S) = −½(ν²/S + ln S + ln 2π) = −½(0.8 + ln 5 + ln 2π).
    const b = slot([0, 1], [[4, 2], [2, 3]]);
    const ll = kalmanUpdater().update(h, b, 0, new Float64Array([2]), 0, new Float64Array([1]), 0);
    expectClose(b, [1.6, 1.8, 0.8, 0.4, 0.4, 2.2], 1e-14);
    expect(ll).toBeCloseTo(-0.5 * (0.8 + Math.log(5) + LN_2PI), 14);
  });

  it('prediction: T = 2, q = 0.5', () => {
    // F x = [0 + 2·1, 1] = [2, 1]; F P Fᵀ = [[4 + 2(2+2) + 4·3, 2 + 2·3], [·, 3]] = [[24, 8], [8, 3]];
    // Q = 0.5·[[8/3, 2], [2, 2]] = [[4/3, 1], [1, 1]] ⇒ P = [[76/3, 9], [9, 4]].
    const b = slot([0, 1], [[4, 2], [2, 3]]);
    kalmanPredictor(model).predict(b, 0, 2);
    expectClose(b, [2, 1, 76 / 3, 9, 9, 4], 1e-14);
  });
});

/** Textbook Kalman update with ml-matrix (oracle): K = P Hᵀ S⁻¹, Joseph covariance. */
function oracleUpdate(x: number[], P: number[][], H: number[][], z: number[], R: number[][]) {
  const Pm = new Matrix(P);
  const Hm = new Matrix(H);
  const Rm = new Matrix(R);
  const S = Hm.mmul(Pm).mmul(Hm.transpose()).add(Rm);
  const K = Pm.mmul(Hm.transpose()).mmul(inverse(S));
  const nu = Matrix.columnVector(z).sub(Hm.mmul(Matrix.columnVector(x)));
  const xp = Matrix.columnVector(x).add(K.mmul(nu));
  const A = Matrix.eye(x.length).sub(K.mmul(Hm));
  const Pp = A.mmul(Pm).mmul(A.transpose()).add(K.mmul(Rm).mmul(K.transpose()));
  return { x: xp.to1DArray(), P: Pp.to2DArray() };
}

/** A random SPD matrix A Aᵀ + d·I from a flat list of entries. */
function spd(entries: number[], n: number, d: number): number[][] {
  const A = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.set(i, j, entries[(i * n + j) % entries.length]);
  return A.mmul(A.transpose()).add(Matrix.eye(n).mul(d)).to2DArray();
}

describe('straight-line Joseph kernels = generic loop = ml-matrix oracle', () => {
  const shapes: [string, TransitionModel][] = [
    ['4-state NCV, 2-D', constantVelocity(2, 1)],
    ['5-state CT, 2-D', coordinatedTurn(2, 1, 1e-4)],
    ['6-state NCV, 3-D', constantVelocity(3, 1)],
    ['7-state CT, 3-D', coordinatedTurn(3, 1, 1e-4)],
  ];
  for (const [label, model] of shapes) {
    it(label, () => {
      const n = model.ndim;
      const h = cartesianPosition(model.positionIndices, n);
      const m = h.mdim;
      const H = Array.from({ length: m }, (_, a) => Array.from({ length: n }, (_, j) => (j === model.positionIndices[a] ? 1 : 0)));
      const upd = kalmanUpdater();
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: n * n, maxLength: n * n }),
          fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: m * m, maxLength: m * m }),
          fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n + m, maxLength: n + m }),
          (pe, re, xz) => {
            const P = spd(pe, n, 1);
            const R = spd(re, m, 0.5);
            const x = xz.slice(0, n);
            const z = xz.slice(n);
            const o = oracleUpdate(x, P, H, z, R);
            const fast = slot(x, P);
            const gen = slot(x, P);
            const zz = Float64Array.from(z);
            const RR = Float64Array.from(R.flat());
            const l1 = upd.update(h, fast, 0, zz, 0, RR, 0);
            const l2 = upd.updateGeneric(h, h.selection!, gen, 0, zz, 0, RR, 0);
            expectClose(fast.subarray(0, n), o.x, 1e-9, 'x');
            expectClose(fast.subarray(n), o.P.flat(), 1e-8, 'P');
            expectClose(gen, fast, 1e-9, 'generic');
            expect(Math.abs(l1 - l2)).toBeLessThan(1e-9);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

/** F P Fᵀ + Q and F x with ml-matrix from the model's own jacobian/covar. */
function densePredict(model: TransitionModel, x: number[], P: number[][], T: number) {
  const n = model.ndim;
  const F = new Float64Array(n * n);
  const Q = new Float64Array(n * n);
  const xs = Float64Array.from(x);
  model.jacobian(F, xs, 0, T);
  model.covar(Q, T, xs, 0);
  const Fm = new Matrix(Array.from({ length: n }, (_, i) => Array.from(F.subarray(i * n, i * n + n))));
  const Qm = new Matrix(Array.from({ length: n }, (_, i) => Array.from(Q.subarray(i * n, i * n + n))));
  return {
    x: Fm.mmul(Matrix.columnVector(x)).to1DArray(),
    P: Fm.mmul(new Matrix(P)).mmul(Fm.transpose()).add(Qm).to2DArray(),
  };
}

describe('structured predictions = dense F P Fᵀ + Q', () => {
  const models: TransitionModel[] = [
    constantVelocity(2, 0.7), constantVelocity(3, [0.1, 0.2, 0.3]), constantAcceleration(2, 0.4),
    constantAcceleration(3, 2), constantVelocityTurnAugmented(2, 0.5, 1e-3), constantVelocityTurnAugmented(3, 0.5, 1e-3),
  ];
  for (const model of models) {
    it(`${model.name}, n = ${model.ndim}`, () => {
      const n = model.ndim;
      expect(model.predictInPlace).toBeTypeOf('function');
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n * n, maxLength: n * n }),
          fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
          fc.double({ min: 0.01, max: 5, noNaN: true }),
          (pe, x, T) => {
            const P = spd(pe, n, 1);
            const b = slot(x, P);
            model.predictInPlace!(b, 0, T);
            const d = densePredict(model, x, P, T);
            const lin = new Float64Array(n);
            model.apply(Float64Array.from(x), 0, lin, 0, T);
            expectClose(b.subarray(0, n), d.x, 1e-12, 'x');
            expectClose(lin, d.x, 1e-12, 'apply');
            expectClose(b.subarray(n), d.P.flat(), 1e-11, 'P');
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

function finiteDifferenceJacobian(f: (x: Float64Array) => Float64Array, x: number[], rows: number, eps = 1e-6): number[] {
  const n = x.length;
  const J = new Array<number>(rows * n).fill(0);
  for (let j = 0; j < n; j++) {
    const h = eps * Math.max(1, Math.abs(x[j]));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += h;
    xm[j] -= h;
    const fp = f(xp);
    const fm = f(xm);
    for (let i = 0; i < rows; i++) J[i * n + j] = (fp[i] - fm[i]) / (2 * h);
  }
  return J;
}

describe('Jacobians against central finite differences', () => {
  it('coordinated turn (2-D and 3-D, turning and nearly straight)', () => {
    for (const axes of [2, 3] as const) {
      const ct = coordinatedTurn(axes, 1, 1e-3);
      const n = ct.ndim;
      for (const omega of [0.1, -0.05, 1e-7, 0]) {
        const x = axes === 2 ? [100, 200, -50, 150, omega] : [100, 200, -50, 150, 1000, 5, omega];
        const F = new Float64Array(n * n);
        ct.jacobian(F, Float64Array.from(x), 0, 2);
        const fd = finiteDifferenceJacobian((xx) => {
          const out = new Float64Array(n);
          ct.apply(xx, 0, out, 0, 2);
          return out;
        }, x, n, 1e-5);
        expectClose(F, fd, 1e-5, `ω=${omega}`);
      }
    }
  });

  it('coordinated turn: a full circle returns to the start (ω = 2π/100, T = 100 s)', () => {
    const ct = coordinatedTurn(2, 0, 0);
    const out = new Float64Array(5);
    ct.apply(Float64Array.from([10, 30, -20, 40, (2 * Math.PI) / 100]), 0, out, 0, 100);
    expectClose(out, [10, 30, -20, 40, (2 * Math.PI) / 100], 1e-12);
    // quarter turn counter-clockwise: velocity (30, 40) → (−40, 30); displacement from the
    // circle of radius v/ω centred at the left of the velocity
    const q = knownTurnRate(2, (2 * Math.PI) / 100, 0);
    const o4 = new Float64Array(4);
    q.apply(Float64Array.from([0, 30, 0, 40]), 0, o4, 0, 25);
    const r = 50 / ((2 * Math.PI) / 100); // |v| / ω
    // centre at (0,0) + r·(−sin ψ, cos ψ) with ψ the heading; after 90° the position is centre + r·(cos ψ, sin ψ)
    const psi = Math.atan2(40, 30);
    const cx = -r * Math.sin(psi);
    const cy = r * Math.cos(psi);
    expectClose(o4, [cx + r * Math.cos(psi), -40, cy + r * Math.sin(psi), 30], 1e-10);
  });

  it('polar range/bearing(/elevation), every component order', () => {
    const orders: ('range' | 'bearing' | 'elevation')[][] = [
      ['range', 'bearing'], ['bearing', 'range'],
      ['range', 'bearing', 'elevation'], ['elevation', 'range', 'bearing'],
    ];
    for (const order of orders) {
      const dim = order.length;
      const state = constantVelocity(dim, 1);
      const sensor = dim === 3 ? [100, -200, 10] : [100, -200];
      const h = polar(state.positionIndices, state.ndim, sensor, order);
      const x = dim === 3 ? [-3000, 10, 4000, -5, 2500, 1] : [-3000, 10, 4000, -5];
      const H = new Float64Array(dim * state.ndim);
      h.jacobian(H, Float64Array.from(x), 0);
      const fd = finiteDifferenceJacobian((xx) => {
        const out = new Float64Array(dim);
        h.h(xx, 0, out, 0);
        return out;
      }, x, dim, 1e-6);
      expectClose(H, fd, 1e-6, order.join(','));
    }
  });

  it('polar invert: h(invert(z)) = z and P = J R Jᵀ with a finite-difference J', () => {
    const state = constantVelocity(3, 1);
    const sensor = [5, 6, 7];
    const order: ('range' | 'bearing' | 'elevation')[] = ['bearing', 'elevation', 'range'];
    const h = polar(state.positionIndices, 6, sensor, order);
    const z = Float64Array.from([2.9, 0.3, 42000]);
    const R = Float64Array.from([1e-5, 0, 0, 0, 2e-5, 0, 0, 0, 400]);
    const pos = new Float64Array(3);
    const Pp = new Float64Array(9);
    expect(h.invert(z, 0, R, 0, pos, Pp)).toBe(true);
    const x = Float64Array.from([pos[0], 0, pos[1], 0, pos[2], 0]);
    const back = new Float64Array(3);
    h.h(x, 0, back, 0);
    expectClose(back, z, 1e-12);
    const J = finiteDifferenceJacobian((zz) => {
      const p = new Float64Array(3);
      h.invert(zz, 0, R, 0, p, new Float64Array(9));
      return p;
    }, Array.from(z), 3, 1e-7);
    const Jm = new Matrix([J.slice(0, 3), J.slice(3, 6), J.slice(6, 9)]);
    const Rm = new Matrix([[1e-5, 0, 0], [0, 2e-5, 0], [0, 0, 400]]);
    expectClose(Pp, Jm.mmul(Rm).mmul(Jm.transpose()).to1DArray(), 1e-5);
  });

  it('wrapAngle maps to (−π, π]', () => {
    expect(wrapAngle(Math.PI)).toBe(Math.PI);
    expect(wrapAngle(-Math.PI)).toBe(Math.PI);
    expect(wrapAngle(3 * Math.PI / 2)).toBeCloseTo(-Math.PI / 2, 14);
    expect(wrapAngle(-7)).toBeCloseTo(-7 + 2 * Math.PI, 14);
    expect(wrapAngle(0.25)).toBe(0.25);
  });
});

describe('filters agree where they must', () => {
  const model = constantVelocity(2, 0.3);
  const h = cartesianPosition(model.positionIndices, 4);
  const P = [[50, 3, 1, 0], [3, 20, 0, 1], [1, 0, 40, 2], [0, 1, 2, 25]];
  const x = [100, 5, -30, 2];
  const z = Float64Array.from([108, -25]);
  const R = Float64Array.from([100, 10, 10, 80]);

  it('UKF = KF on a linear-Gaussian problem (predict and update)', () => {
    const a = slot(x, P);
    const b = slot(x, P);
    kalmanPredictor(model).predict(a, 0, 1.5);
    unscentedKalmanPredictor(model).predict(b, 0, 1.5);
    expectClose(b, a, 1e-10, 'predict');
    const la = kalmanUpdater().update(h, a, 0, z, 0, R, 0);
    const lb = unscentedKalmanUpdater().update(h, b, 0, z, 0, R, 0);
    expectClose(b, a, 1e-9, 'update');
    expect(lb).toBeCloseTo(la, 9);
  });

  it('EKF = KF for a linear measurement', () => {
    const a = slot(x, P);
    const b = slot(x, P);
    const la = kalmanUpdater().update(h, a, 0, z, 0, R, 0);
    const lb = extendedKalmanUpdater().update(h, b, 0, z, 0, R, 0);
    expectClose(b, a, 1e-12);
    expect(lb).toBeCloseTo(la, 12);
  });

  it('EKF wraps the bearing innovation across ±π', () => {
    const h2 = polar(model.positionIndices, 4, [0, 0], ['range', 'bearing']);
    // target at bearing −π + 0.0005, detection at π − 0.0005: a 1 mrad (10 m) innovation, not 2π − 0.001
    const xs = [-10000 * Math.cos(0.0005), 0, -10000 * Math.sin(0.0005), 0];
    const b = slot(xs, [[100, 0, 0, 0], [0, 100, 0, 0], [0, 0, 100, 0], [0, 0, 0, 100]]);
    const ll = extendedKalmanUpdater().update(h2, b, 0, Float64Array.from([10000, Math.PI - 0.0005]), 0, Float64Array.from([25, 0, 0, 1e-6]), 0);
    // S_θθ = 100/10⁸ + 10⁻⁶ = 2·10⁻⁶ rad², ν = −0.001 rad ⇒ d² = 0.5; S_rr = 125, ν_r = 0.
    const expected = -0.5 * (0.5 + Math.log(125 * 2e-6) + 2 * LN_2PI);
    expect(ll).toBeCloseTo(expected, 6);
    // gain ½ on the cross-range: y moves by +5 m (towards the detection across the cut)
    expect(b[2] - xs[2]).toBeCloseTo(5, 3);
  });

  it('an IMM of two identical modes is the single-model filter', () => {
    const imm = immPredictor([kalmanPredictor(model), kalmanPredictor(model)], { sojournTimes: [10, 5], initialProbabilities: [0.3, 0.7] });
    const upd = immUpdater(imm, kalmanUpdater());
    const a = slot(x, P);
    const b = new Float64Array(imm.slotSize);
    imm.initSlot(b, 0, x, P.flat());
    kalmanPredictor(model).predict(a, 0, 2);
    imm.predict(b, 0, 2);
    expectClose(b.subarray(0, 20), a, 1e-12, 'predict');
    const la = kalmanUpdater().update(h, a, 0, z, 0, R, 0);
    const lb = upd.update(h, b, 0, z, 0, R, 0);
    expectClose(b.subarray(0, 20), a, 1e-12, 'update');
    expect(lb).toBeCloseTo(la, 10);
  });

  it('IMM mode probabilities: μ_j ∝ c̄_j Λ_j with Λ_j from separate mode filters', () => {
    const quiet = constantVelocity(2, 0.01);
    const loud = constantVelocity(2, 100);
    const imm = immPredictor([kalmanPredictor(quiet), kalmanPredictor(loud)], { sojournTimes: [20, 4], initialProbabilities: [0.5, 0.5] });
    const upd = immUpdater(imm, kalmanUpdater());
    const b = new Float64Array(imm.slotSize);
    imm.initSlot(b, 0, x, P.flat());
    imm.predict(b, 0, 1);
    // c̄ with π_jj = exp(−1/τ_j): c̄_0 = 0.5·e^{−1/20} + 0.5·(1 − e^{−1/4})
    const c0 = 0.5 * Math.exp(-1 / 20) + 0.5 * (1 - Math.exp(-1 / 4));
    const mo = imm.muOffset;
    expect(b[mo]).toBeCloseTo(c0, 14);
    expect(b[mo] + b[mo + 1]).toBeCloseTo(1, 14);
    // per-mode likelihoods from copies of the mode slots
    const lam = [0, 1].map((j) => {
      const o = imm.modeOffset(j);
      const s = b.slice(o, o + 20);
      return Math.exp(kalmanUpdater().update(h, s, 0, Float64Array.from([140, -20]), 0, R, 0));
    });
    upd.update(h, b, 0, Float64Array.from([140, -20]), 0, R, 0);
    const mu0 = (c0 * lam[0]) / (c0 * lam[0] + (1 - c0) * lam[1]);
    expect(b[mo]).toBeCloseTo(mu0, 10);
    expect(b[mo + 1]).toBeGreaterThan(0.5); // a 40 m jump favours the manoeuvre mode
  });
});

describe('measurement models reject bad set-ups', () => {
  it('polar checks sensor position and component order', () => {
    expect(() => polar([0, 2], 4, [0, 0, 0], ['range', 'bearing'])).toThrow(/sensor position/);
    expect(() => polar([0, 2], 4, [0, 0], ['range', 'elevation'] as never)).toThrow(/permutation/);
  });
  it('the Kalman updater refuses a nonlinear model', () => {
    const m: MeasurementModel = polar([0, 2], 4, [0, 0], ['range', 'bearing']);
    expect(() => kalmanUpdater().update(m, new Float64Array(20), 0, new Float64Array(2), 0, new Float64Array(4), 0)).toThrow(/linear/);
  });
});
