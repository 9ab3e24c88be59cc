// Independent oracles for the WTA tests: brute force over every assignment, written directly from
// the model's definition (shared/formats/wta-instance.md) without any of the solver's code.
import fc from 'fast-check';
import { createWtaInstance, type WtaInstance } from '../../src/decide/wta/index.js';

export interface PlainInstance {
  values: number[];
  pk: number[][];
  feasible?: boolean[][];
  /** per-weapon firing cost (value units) */
  cost?: number[];
}

/** F(a) = Σ_j V_j Π_{i: a_i = j} (1 − p_ij) + Σ_{i: a_i ≥ 0} cost_i — straight from the definition. */
export function plainObjective(p: PlainInstance, a: readonly number[]): number {
  let f = 0;
  for (let j = 0; j < p.values.length; j++) {
    let s = p.values[j]!;
    for (let i = 0; i < a.length; i++) if (a[i] === j) s *= 1 - p.pk[i]![j]!;
    f += s;
  }
  for (let i = 0; i < a.length; i++) if (a[i]! >= 0) f += p.cost?.[i] ?? 0;
  return f;
}

/** Minimum of F over all (T+1)^W assignments (−1 = hold fire), respecting the mask. */
export function bruteForce(p: PlainInstance): { best: number; argmin: number[] } {
  const W = p.pk.length;
  const T = p.values.length;
  const a = new Array<number>(W).fill(-1);
  let best = Infinity;
  let argmin = a.slice();
  for (;;) {
    let ok = true;
    for (let i = 0; i < W && ok; i++) if (a[i]! >= 0 && p.feasible && !p.feasible[i]![a[i]!]) ok = false;
    if (ok) {
      const f = plainObjective(p, a);
      if (f < best) {
        best = f;
        argmin = a.slice();
      }
    }
    // odometer over {−1, …, T−1}^W
    let k = 0;
    while (k < W && a[k] === T - 1) a[k++] = -1;
    if (k === W) break;
    a[k]!++;
  }
  return { best, argmin };
}

export function toInstance(p: PlainInstance): WtaInstance {
  return createWtaInstance({
    values: p.values,
    pk: p.pk,
    ...(p.feasible ? { feasible: p.feasible } : {}),
    ...(p.cost ? { reserveValue: p.cost } : {}),
  });
}

const prob = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
  { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);

/** Small random instances: W ≤ 6 weapons, T ≤ 4 targets (so (T+1)^W ≤ 15 625). */
export function smallInstance(opts: { mask?: boolean; cost?: boolean; maxW?: number; maxT?: number } = {}): fc.Arbitrary<PlainInstance> {
  return fc.integer({ min: 1, max: opts.maxW ?? 6 }).chain((W) =>
    fc.integer({ min: 1, max: opts.maxT ?? 4 }).chain((T) =>
      fc
        .record({
          values: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: T, maxLength: T }),
          pk: fc.array(fc.array(prob, { minLength: T, maxLength: T }), { minLength: W, maxLength: W }),
          feasible: opts.mask
            ? fc.array(fc.array(fc.boolean(), { minLength: T, maxLength: T }), { minLength: W, maxLength: W })
            : fc.constant(undefined),
          cost: opts.cost ? fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { minLength: W, maxLength: W }) : fc.constant(undefined),
        })
        .map((r) => {
          const p: PlainInstance = { values: r.values, pk: r.pk };
          if (r.feasible) p.feasible = r.feasible;
          if (r.cost) p.cost = r.cost;
          return p;
        }),
    ),
  );
}

/** |a − b| ≤ tol·max(1, |b|) */
export function close(a: number, b: number, tol = 1e-9): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}
