/**
 * math benchmarks: small-matrix kernels (the inner loop of every Kalman filter), Cholesky solves,
 * and RNG throughput. ml-matrix figures are printed beside ours as the reference the hand-written
 * kernels were chosen against (STACK.md: 5–17× faster for 6×6 / 9×9).
 */
import { Matrix, CholeskyDecomposition } from 'ml-matrix';
import * as mat from '../src/math/matrix.js';
import { stream } from '../src/math/rng.js';
import { fmt, rate } from './rate.js';

let sink = 0;



function spd(n: number, seed: string): Float64Array {
  const r = stream(1, seed);
  const b = new Float64Array(n * n);
  for (let i = 0; i < b.length; i++) b[i] = r.normal();
  const a = mat.multiplyABt(b, b, n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] += n;
  return a;
}

export async function run(): Promise<void> {
  for (const n of [6, 9]) {
    const a = spd(n, `a${n}`), b = spd(n, `b${n}`);
    const out = new Float64Array(n * n), scratch = new Float64Array(n * n), l = new Float64Array(n * n);
    const rhs = new Float64Array(n).fill(1), x = new Float64Array(n);
    const mul = rate((reps) => {
      for (let i = 0; i < reps; i++) mat.multiplyInto(out, a, b, n, n, n);
      sink += out[0];
    });
    const ma = new Matrix(mat.toRows(a, n, n)), mb = new Matrix(mat.toRows(b, n, n));
    const mlMul = rate((reps) => {
      for (let i = 0; i < reps; i++) sink += ma.mmul(mb).get(0, 0);
    });
    const sandwich = rate((reps) => {
      for (let i = 0; i < reps; i++) mat.congruenceInto(out, a, b, n, n, scratch);
      sink += out[0];
    });
    const chol = rate((reps) => {
      for (let i = 0; i < reps; i++) mat.choleskyInto(l, a, n);
      sink += l[0];
    });
    const solve = rate((reps) => {
      for (let i = 0; i < reps; i++) mat.spdSolveInto(x, a, rhs, n, 1, l);
      sink += x[0];
    });
    const mlSolve = rate((reps) => {
      const col = Matrix.columnVector(Array.from(rhs));
      for (let i = 0; i < reps; i++) sink += new CholeskyDecomposition(ma).solve(col).get(0, 0);
    });
    const inv = rate((reps) => {
      for (let i = 0; i < reps; i++) mat.spdInverseInto(out, a, n, l);
      sink += out[0];
    });
    mat.choleskyInto(l, a, n);
    const maha = rate((reps) => {
      for (let i = 0; i < reps; i++) sink += mat.invQuadFormFromCholesky(l, rhs, n, x);
    });
    console.log(`${n}×${n}: multiply ${fmt(mul)} (ml-matrix ${fmt(mlMul)}, ×${(mul / mlMul).toFixed(1)}), ` +
      `A·P·Aᵀ ${fmt(sandwich)}, Cholesky ${fmt(chol)}`);
    console.log(`${n}×${n}: Cholesky factor+solve ${fmt(solve)} (ml-matrix ${fmt(mlSolve)}, ×${(solve / mlSolve).toFixed(1)}), ` +
      `SPD inverse ${fmt(inv)}, Mahalanobis d² from L ${fmt(maha)}`);
  }

  const r = stream(1, 'bench');
  const uniforms = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += r.uniform();
  });
  const normals = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += r.normal();
  });
  const poisson3 = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += r.poisson(3);
  });
  const poisson300 = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += r.poisson(300);
  });
  const l6 = mat.cholesky(spd(6, 'cov'), 6), mean6 = new Float64Array(6), draw6 = new Float64Array(6);
  const mv6 = rate((reps) => {
    for (let i = 0; i < reps; i++) r.mvnormalInto(draw6, mean6, l6, 6);
    sink += draw6[0];
  });
  let k = 0;
  const streams = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += stream(7, `entity-${k++}`).seed;
  }, 200);
  console.log(`rng: uniform ${fmt(uniforms)}, normal ${fmt(normals)}, poisson(3) ${fmt(poisson3)}, ` +
    `poisson(300) ${fmt(poisson300)}, mvnormal 6-D (given L) ${fmt(mv6)}, new streams ${fmt(streams)}`);
  if (sink === 42) console.log(''); // keep results observable so no loop is optimized away
}
