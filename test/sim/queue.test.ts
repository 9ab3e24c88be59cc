import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/sim/queue.js';

describe('EventQueue', () => {
  it('pops in (time, insertion) order, like a stable sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.schedule(t, i));
        const popped: number[] = [];
        for (let e = q.pop(); e; e = q.pop()) popped.push(e.item);
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
        expect(popped).toEqual(expected);
      }),
    );
  });
  it('popUntil takes exactly the due events', () => {
    const q = new EventQueue<string>();
    q.schedule(5, 'b');
    q.schedule(1, 'a');
    q.schedule(9, 'c');
    expect(q.popUntil(5).map((e) => e.item)).toEqual(['a', 'b']);
    expect(q.peekTime()).toBe(9);
  });
  it('rejects non-finite times', () => {
    expect(() => new EventQueue<number>().schedule(NaN, 1)).toThrow(RangeError);
  });
});
