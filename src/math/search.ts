/**
 * Interval search on a sorted grid (shared by every table and recorded path that interpolates
 * between nodes: flight/'s stored envelopes, decide/'s ballistic paths, the World's ballistic uplink).
 */

/**
 * The index lo of the grid interval [nodes[lo], nodes[lo + 1]] holding x, by bisection, for
 * ascending `nodes` with at least 2 entries: 0 for x ≤ nodes[1] (x below the grid included, or
 * NaN), n − 2 for x ≥ nodes[n − 2] (x above the grid included) — the interval to interpolate or
 * extrapolate from.
 */
export function bracketIndex(nodes: ArrayLike<number>, x: number): number {
  let lo = 0, hi = nodes.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}
