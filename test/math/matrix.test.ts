import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, CholeskyDecomposition, determinant, inverse, solve } from 'ml-matrix';
import * as mat from '../../src/math/matrix.js';

// Independent oracle: ml-matrix (LU/QR based solve, inverse and determinant; its own Cholesky).
const toMl = (a: ArrayLike<number>, n: number, m: number) => new Matrix(mat.toRows(a, n, m));
const flat = (x: Matrix) => Float64Array.from(x.to1DArray());

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tol * scale) {
      throw new Error(`element ${i}: ${actual[i]} vs ${expected[i]} (tol ${tol * scale})`);
    }
  }
}

const entry = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });
const dims = fc.integer({ min: 1, max: 9 });
const matrixArb = (n: number, m: number) => fc.array(entry, { minLength: n * m, maxLength: n * m }).map((a) => Float64Array.from(a));
/** A random SPD n×n matrix B·Bᵀ + n·I (well conditioned enough for 1e-9 relative comparisons). */
const spdArb = (n: number) => matrixArb(n, n).map((b) => {
  const a = mat.multiplyABt(b, b, n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] += n;
  return a;
});

describe('products against ml-matrix', () => {
  it('A·B, A·Bᵀ, Aᵀ·B, A·x for random shapes', () => {
    fc.assert(
      fc.property(
        dims, dims, dims,
        fc.infiniteStream(entry),
        (n, k, m, s) => {
          const take = (len: number) => Float64Array.from(s.take(len));
          const a = take(n * k), b = take(k * m), bt = take(m * k), at = take(k * n), x = take(k);
          expectClose(mat.multiply(a, b, n, k, m), flat(toMl(a, n, k).mmul(toMl(b, k, m))), 1e-13);
          expectClose(mat.multiplyABt(a, bt, n, k, m), flat(toMl(a, n, k).mmul(toMl(bt, m, k).transpose())), 1e-13);
          expectClose(mat.multiplyAtB(at, b, n, k, m), flat(toMl(at, k, n).transpose().mmul(toMl(b, k, m))), 1e-13);
          expectClose(mat.multiplyVecInto(new Float64Array(n), a, x, n, k), flat(toMl(a, n, k).mmul(toMl(x, k, 1))), 1e-13);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('transpose, add, sub, scale, symmetrize, congruence A·P·Aᵀ', () => {
    fc.assert(
      fc.property(dims, dims, fc.infiniteStream(entry), (n, m, s) => {
        const take = (len: number) => Float64Array.from(s.take(len));
        const a = take(n * m), b = take(n * m), p = take(m * m), sq = take(n * n);
        expectClose(mat.transpose(a, n, m), flat(toMl(a, n, m).transpose()), 0);
        expectClose(mat.add(a, b, n, m), flat(toMl(a, n, m).add(toMl(b, n, m))), 0);
        expectClose(mat.sub(a, b, n, m), flat(toMl(a, n, m).sub(toMl(b, n, m))), 0);
        expectClose(mat.scale(a, 2.5, n, m), flat(toMl(a, n, m).mul(2.5)), 0);
        const sym = flat(toMl(sq, n, n).add(toMl(sq, n, n).transpose()).mul(0.5));
        expectClose(mat.symmetrize(sq, n), sym, 1e-15);
        const inPlace = Float64Array.from(sq);
        expectClose(mat.symmetrizeInto(inPlace, inPlace, n), sym, 1e-15);
        const psym = mat.symmetrize(p, m);
        const out = mat.congruenceInto(new Float64Array(n * n), a, psym, n, m, new Float64Array(n * m));
        const ref = toMl(a, n, m).mmul(toMl(psym, m, m)).mmul(toMl(a, n, m).transpose());
        expectClose(out, flat(ref), 1e-12);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(out[i * n + j]).toBe(out[j * n + i]);
      }),
      { numRuns: 200 },
    );
  });

  it('square in-place transpose', () => {
    const a = mat.fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(mat.toRows(mat.transposeSquareInPlace(a, 3), 3, 3)).toEqual([[1, 4, 7], [2, 5, 8], [3, 6, 9]]);
  });
});

describe('Cholesky', () => {
  it('hand-worked 3×3: [[4,12,−16],[12,37,−43],[−16,−43,98]] = L·Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]]', () => {
    // L₁₁ = √4 = 2; L₂₁ = 12/2 = 6; L₃₁ = −16/2 = −8; L₂₂ = √(37 − 36) = 1;
    // L₃₂ = (−43 − (−8)(6))/1 = 5; L₃₃ = √(98 − 64 − 25) = 3.
    const a = mat.fromRows([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]);
    expect(mat.toRows(mat.cholesky(a, 3), 3, 3)).toEqual([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]);
    // det A = (2·1·3)² = 36
    expect(mat.logDetFromCholesky(mat.cholesky(a, 3), 3)).toBeCloseTo(Math.log(36), 14);
    // in place
    const b = Float64Array.from(a);
    expect(mat.choleskyInto(b, b, 3)).toBe(true);
    expect(Array.from(b)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('rejects matrices that are not SPD', () => {
    const indefinite = mat.fromRows([[1, 2], [2, 1]]); // eigenvalues 3, −1
    expect(mat.choleskyInto(new Float64Array(4), indefinite, 2)).toBe(false);
    expect(() => mat.cholesky(indefinite, 2)).toThrow(RangeError);
    expect(() => mat.spdSolve(indefinite, [1, 1], 2, 1)).toThrow(/not symmetric positive definite/);
    expect(() => mat.spdInverse(indefinite, 2)).toThrow(RangeError);
    const singular = mat.fromRows([[1, 1], [1, 1]]);
    expect(mat.choleskyInto(new Float64Array(4), singular, 2)).toBe(false);
    expect(mat.choleskyInto(new Float64Array(1), [NaN], 1)).toBe(false);
    expect(mat.spdInverseInto(new Float64Array(4), indefinite, 2, new Float64Array(4))).toBe(false);
  });

  it('matches ml-matrix on random SPD matrices; solve, inverse, log det, Mahalanobis', () => {
    fc.assert(
      fc.property(dims.chain((n) => fc.tuple(fc.constant(n), spdArb(n), dims, fc.infiniteStream(entry))), ([n, a, m, s]) => {
        const l = mat.cholesky(a, n);
        expectClose(l, flat(new CholeskyDecomposition(toMl(a, n, n)).lowerTriangularMatrix), 1e-12);
        // L·Lᵀ reproduces A
        expectClose(mat.multiplyABt(l, l, n, n, n), a, 1e-13);

        const b = Float64Array.from(s.take(n * m));
        const x = mat.spdSolve(a, b, n, m);
        expectClose(x, flat(solve(toMl(a, n, n), toMl(b, n, m))), 1e-10);
        // residual ‖A·X − B‖ small relative to ‖A‖‖X‖
        expectClose(mat.multiply(a, x, n, n, m), b, 1e-11);
        // in place (x aliases b)
        const bb = Float64Array.from(b);
        expect(mat.spdSolveInto(bb, a, bb, n, m, new Float64Array(n * n))).toBe(true);
        expectClose(bb, x, 1e-15);

        const inv = mat.spdInverse(a, n);
        expectClose(inv, flat(inverse(toMl(a, n, n))), 1e-10);
        expectClose(mat.multiply(a, inv, n, n, n), mat.identity(n), 1e-11);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(inv[i * n + j]).toBe(inv[j * n + i]);

        expect(mat.logDetFromCholesky(l, n)).toBeCloseTo(Math.log(determinant(toMl(a, n, n))), 9);

        const v = b.subarray(0, n);
        const viaInverse = flat(toMl(v, 1, n).mmul(inverse(toMl(a, n, n))).mmul(toMl(v, n, 1)))[0];
        const q = mat.invQuadFormFromCholesky(l, v, n, new Float64Array(n));
        expect(Math.abs(q - viaInverse)).toBeLessThanOrEqual(1e-10 * Math.max(1, viaInverse));
        expect(Math.abs(mat.mahalanobisSquared(v, a, n) - q)).toBeLessThanOrEqual(1e-14 * Math.max(1, q));
        expect(mat.quadraticForm(inv, v, n)).toBeCloseTo(q, 8);
      }),
      { numRuns: 200 },
    );
  });

  it('semidefinite factor of a rank-deficient covariance reproduces it', () => {
    // A = u·uᵀ + w·wᵀ, rank 2 in 4 dimensions; plain Cholesky must refuse it.
    const u = [1, 2, 0, -1], w = [0, 1, 3, 1];
    const a = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) a[i * 4 + j] = u[i] * u[j] + w[i] * w[j];
    expect(mat.choleskyInto(new Float64Array(16), a, 4)).toBe(false);
    const l = new Float64Array(16);
    expect(mat.choleskySemidefiniteInto(l, a, 4)).toBe(true);
    expectClose(mat.multiplyABt(l, l, 4, 4, 4), a, 1e-14);
    // diag(1, 0, 2): zero variance on one axis
    const d = mat.diagonal([1, 0, 2]);
    const ld = new Float64Array(9);
    expect(mat.choleskySemidefiniteInto(ld, d, 3)).toBe(true);
    expect(Array.from(ld)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, Math.SQRT2]);
    // indefinite is still refused
    expect(mat.choleskySemidefiniteInto(new Float64Array(4), mat.fromRows([[1, 2], [2, 1]]), 2)).toBe(false);
  });
});

describe('construction', () => {
  it('zeros, identity, fromRows/toRows, diagonal', () => {
    expect(Array.from(mat.zeros(2, 3))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(mat.toRows(mat.identity(3), 3, 3)).toEqual(Matrix.eye(3, 3).to2DArray());
    expect(mat.toRows(mat.fromRows([[1, 2], [3, 4], [5, 6]]), 3, 2)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(() => mat.fromRows([[1, 2], [3]])).toThrow(/row 1/);
    expect(Array.from(mat.diagonal([1, 2]))).toEqual([1, 0, 0, 2]);
  });
});
