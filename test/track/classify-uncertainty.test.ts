/**
 * Kinematic classification with the state's velocity uncertainty (ecef-classify.ts): the soft
 * box's logistic edge widens so that its variance adds the estimate's, w_eff² = w² + 3σ²/π².
 * References: the logistic distribution's variance (scale s → s²π²/3) and the limit of a box
 * convolved with a very wide Gaussian (all classes' speed evidence flattens, so the decision
 * falls back on the envelopes' Occam factors and priors).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { geodeticToEcef, localFrame } from '../../src/geo/index.js';
import { classLogLikelihoodsInto, TARGET_CLASSES, updateClassLogProbabilities } from '../../src/track/ecef-classify.js';

const DEG = Math.PI / 180;

/** ECEF state of a level target at height h moving north-east at `speed`. */
function levelState(speed: number, h = 500): Float64Array {
  const lat = 50 * DEG, lon = 27 * DEG;
  const p = geodeticToEcef({ lat, lon, h });
  const f = localFrame({ lat, lon, h });
  const R = f.rotation; // ENU → ECEF columns (east, north, up) as rows of the ECEF→ENU matrix
  const e = [R[0], R[1], R[2]], n = [R[3], R[4], R[5]];
  const ve = speed / Math.SQRT2, vn = speed / Math.SQRT2;
  return Float64Array.from([p[0], p[1], p[2], ve * e[0] + vn * n[0], ve * e[1] + vn * n[1], ve * e[2] + vn * n[2]]);
}

function isoCov(sigmaPos: number, sigmaVel: number, stride = 6): Float64Array {
  const P = new Float64Array(stride * stride);
  for (let i = 0; i < 3; i++) P[i * stride + i] = sigmaPos ** 2;
  for (let i = 3; i < 6; i++) P[i * stride + i] = sigmaVel ** 2;
  return P;
}

function posterior(x: Float64Array, P?: Float64Array, stride = 6): Record<string, number> {
  const logP = new Float64Array(6).fill(-Math.log(6));
  updateClassLogProbabilities(logP, x, new Float64Array(6), undefined, P, stride);
  return Object.fromEntries(TARGET_CLASSES.map((c, i) => [c, Math.exp(logP[i])]));
}

describe('classification with velocity uncertainty', () => {
  it('a zero covariance gives exactly the covariance-free likelihoods', () => {
    const x = levelState(120);
    const a = classLogLikelihoodsInto(x, new Float64Array(6));
    const b = classLogLikelihoodsInto(x, new Float64Array(6), new Float64Array(36));
    for (let c = 0; c < 6; c++) expect(b[c]).toBeCloseTo(a[c], 12);
  });

  it('an uncertain young track (150 ± 100 m/s) keeps cruise, drone and aircraft plausible; a sharp one rules the drone out', () => {
    const x = levelState(150);
    const run = (P?: Float64Array, stride = 6) => {
      const logP = new Float64Array(6).fill(-Math.log(6));
      for (let k = 0; k < 3; k++) updateClassLogProbabilities(logP, x, new Float64Array(6), undefined, P, stride);
      return Object.fromEntries(TARGET_CLASSES.map((c, i) => [c, Math.exp(logP[i])]));
    };
    const sharp = run();
    expect(sharp.drone).toBeLessThan(1e-3); // 150 m/s is far above the drone band (15–80 m/s)
    const young = run(isoCov(200, 100));
    for (const c of ['cruise', 'drone', 'aircraft']) expect(young[c]).toBeGreaterThan(0.15);
    // The 7×7 picture-tracker layout (stride 7) reads the same velocity block.
    const young7 = run(isoCov(200, 100, 7), 7);
    for (const c of TARGET_CLASSES) expect(young7[c]).toBeCloseTo(young[c], 12);
  });

  it('the widened edge has the convolved variance: w_eff² = w² + 3σ²/π² (speed term)', () => {
    // Two speeds symmetric about the drone band's upper edge (80 m/s) in ln v: the speed term of
    // the drone class changes by the logistic of scale w_eff; recover w_eff from the two values.
    const sigmaV = 40;
    const v1 = 80 * Math.exp(-0.1), v2 = 80 * Math.exp(0.1);
    const lik = (v: number, P?: Float64Array) => classLogLikelihoodsInto(levelState(v), new Float64Array(6), P)[3];
    // σ_ln v = σ_v / v at each speed: use a covariance scaled so σ_ln v is the same (0.5) at both.
    const P1 = isoCov(1, 0.5 * v1), P2 = isoCov(1, 0.5 * v2);
    const d = lik(v1, P1) - lik(v2, P2);
    // Near the upper edge the lower edge's factor is ≈ 1 (ln(80/15) = 1.67 ≫ w): the difference is
    // ln σ(0.1/w) − ln σ(−0.1/w) = 0.1/w exactly for the logistic, plus the level-flight γ terms (equal).
    const wEff = Math.sqrt(0.05 ** 2 + (3 / Math.PI ** 2) * 0.5 ** 2);
    const lowerEdge = (v: number) => Math.log(1 / (1 + Math.exp(-(Math.log(v) - Math.log(15)) / wEff)));
    expect(d - (lowerEdge(v1) - lowerEdge(v2))).toBeCloseTo(0.1 / wEff, 6);
    void sigmaV;
  });

  it('property: any speed and velocity spread gives a probability vector; a zero covariance changes nothing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 9000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (speed, s) => {
        const x = levelState(speed);
        const p = Object.values(posterior(x, isoCov(10, s)));
        const sum = p.reduce((a, b) => a + b, 0);
        const same = posterior(x, new Float64Array(36));
        const none = posterior(x);
        return p.every((q) => q >= 0 && q <= 1) && Math.abs(sum - 1) < 1e-9 && TARGET_CLASSES.every((c) => Math.abs(same[c] - none[c]) < 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});
