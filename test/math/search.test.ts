// bracketIndex against a linear scan (the definition): the last node index < n − 1 whose node is ≤ x,
// 0 when none is.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bracketIndex } from '../../src/math/index.js';

function linear(nodes: number[], x: number): number {
  let lo = 0;
  for (let k = 1; k < nodes.length - 1; k++) if (nodes[k] <= x) lo = k;
  return lo;
}

describe('bracketIndex', () => {
  it('equals a linear scan on any ascending grid, inside, on the nodes and outside', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        fc.nat(),
        (raw, x, pick) => {
          const nodes = [...new Set(raw)].sort((a, b) => a - b);
          fc.pre(nodes.length >= 2);
          expect(bracketIndex(Float64Array.from(nodes), x)).toBe(linear(nodes, x));
          const on = nodes[pick % nodes.length];
          expect(bracketIndex(nodes, on)).toBe(linear(nodes, on));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('hand-worked: [0, 1, 2, 3]', () => {
    const g = [0, 1, 2, 3];
    expect([-5, 0, 0.5, 1, 2.5, 3, 9, NaN].map((x) => bracketIndex(g, x))).toEqual([0, 0, 0, 1, 2, 2, 2, 0]);
  });
});
