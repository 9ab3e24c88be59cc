/**
 * A deterministic time-ordered event queue (binary min-heap). Ties in time are broken by the order
 * of insertion, so two runs that schedule the same events in the same order pop them identically —
 * whatever the JavaScript engine's sort stability or the heap's internal layout.
 */
export interface Scheduled<T> {
  time: number;
  seq: number;
  item: T;
}

export class EventQueue<T> {
  private heap: Scheduled<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(time: number, item: T): void {
    if (!Number.isFinite(time)) throw new RangeError(`cannot schedule at non-finite time ${time}`);
    const node = { time, seq: this.nextSeq++, item };
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.heap.length > 0 ? this.heap[0]!.time : Number.POSITIVE_INFINITY;
  }

  /** Remove and return the earliest event, or undefined when empty. */
  pop(): Scheduled<T> | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Pop every event with time ≤ t, in (time, insertion) order. */
  popUntil(t: number): Scheduled<T>[] {
    const out: Scheduled<T>[] = [];
    while (this.heap.length > 0 && this.heap[0]!.time <= t) out.push(this.pop()!);
    return out;
  }
}

function before<T>(a: Scheduled<T>, b: Scheduled<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
