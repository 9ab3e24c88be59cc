import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as vec3 from '../../src/math/vec3.js';
import type { Vec3 } from '../../src/math/vec3.js';

const coord = fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true });
const v3 = fc.tuple(coord, coord, coord) as fc.Arbitrary<Vec3>;

describe('vec3 closed forms', () => {
  it('right-handed basis: x̂ × ŷ = ẑ, ŷ × ẑ = x̂, ẑ × x̂ = ŷ', () => {
    expect(vec3.cross(vec3.create(), [1, 0, 0], [0, 1, 0])).toEqual([0, 0, 1]);
    expect(vec3.cross(vec3.create(), [0, 1, 0], [0, 0, 1])).toEqual([1, 0, 0]);
    expect(vec3.cross(vec3.create(), [0, 0, 1], [1, 0, 0])).toEqual([0, 1, 0]);
  });

  it('hand values: 3-4-12 triangle, dot, axpy, distance, angle', () => {
    expect(vec3.norm([3, 4, 12])).toBe(13);
    expect(vec3.normSquared([3, 4, 12])).toBe(169);
    expect(vec3.dot([1, 2, 3], [4, -5, 6])).toBe(12);
    expect(vec3.axpy(vec3.create(), [1, 1, 1], 2, [1, 2, 3])).toEqual([3, 5, 7]);
    expect(vec3.distance([1, 2, 3], [4, 6, 15])).toBe(13);
    expect(vec3.normalize(vec3.create(), [0, 0, 5])).toEqual([0, 0, 1]);
    expect(vec3.normalize(vec3.create(), [0, 0, 0])).toEqual([0, 0, 0]);
    expect(vec3.angle([1, 0, 0], [1, 1, 0])).toBeCloseTo(Math.PI / 4, 15);
    expect(vec3.angle([1, 0, 0], [-1, 0, 0])).toBeCloseTo(Math.PI, 15);
    expect(vec3.angle([1, 0, 0], [1, 1e-12, 0])).toBeCloseTo(1e-12, 24);
  });

  it("Lagrange's identity |a×b|² = |a|²|b|² − (a·b)² and a×b ⟂ a, b", () => {
    fc.assert(
      fc.property(v3, v3, (a, b) => {
        const c = vec3.cross(vec3.create(), a, b);
        const lhs = vec3.normSquared(c);
        const rhs = vec3.normSquared(a) * vec3.normSquared(b) - vec3.dot(a, b) ** 2;
        const scale = vec3.normSquared(a) * vec3.normSquared(b) + 1;
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(vec3.dot(c, a))).toBeLessThanOrEqual(1e-12 * (vec3.norm(c) * vec3.norm(a) + 1));
        expect(Math.abs(vec3.dot(c, b))).toBeLessThanOrEqual(1e-12 * (vec3.norm(c) * vec3.norm(b) + 1));
      }),
    );
  });

  it('aliasing: out may be an input', () => {
    const a: Vec3 = [1, 2, 3];
    vec3.cross(a, a, [0, 0, 1]);
    expect(a).toEqual([2, -1, 0]);
    const b: Vec3 = [1, 2, 3];
    vec3.add(b, b, b);
    expect(b).toEqual([2, 4, 6]);
  });

  it('offset kernels equal the tuple functions on packed storage', () => {
    fc.assert(
      fc.property(v3, v3, coord, (a, b, s) => {
        const buf = new Float64Array(12);
        buf.set(a, 1);
        buf.set(b, 5);
        const out = new Float64Array(12);
        /** Run a kernel writing at offset 9 of `out`, return what it wrote. */
        const at = (kernel: () => unknown) => (kernel(), Array.from(out.subarray(9, 12)));
        expect(at(() => vec3.addAt(out, 9, buf, 1, buf, 5))).toEqual(vec3.add(vec3.create(), a, b));
        expect(at(() => vec3.subAt(out, 9, buf, 1, buf, 5))).toEqual(vec3.sub(vec3.create(), a, b));
        expect(at(() => vec3.scaleAt(out, 9, buf, 1, s))).toEqual(vec3.scale(vec3.create(), a, s));
        expect(at(() => vec3.axpyAt(out, 9, buf, 1, s, buf, 5))).toEqual(vec3.axpy(vec3.create(), a, s, b));
        expect(at(() => vec3.crossAt(out, 9, buf, 1, buf, 5))).toEqual(vec3.cross(vec3.create(), a, b));
        expect(at(() => vec3.normalizeAt(out, 9, buf, 1))).toEqual(vec3.normalize(vec3.create(), a));
        expect(vec3.dotAt(buf, 1, buf, 5)).toBe(vec3.dot(a, b));
        expect(vec3.normAt(buf, 5)).toBe(vec3.norm(b));
        expect(vec3.distanceAt(buf, 1, buf, 5)).toBe(vec3.distance(a, b));
        // in-place with the same offsets
        vec3.crossAt(buf, 1, buf, 1, buf, 5);
        expect(Array.from(buf.subarray(1, 4))).toEqual(vec3.cross(vec3.create(), a, b));
      }),
    );
  });
});
