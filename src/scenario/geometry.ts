/**
 * The little geometry the loader needs for its sanity checks (ranges, polygons, orbits, TLEs).
 * The simulator's own geodesy lives in src/geo; these are deliberately simple closed forms used
 * only to reject impossible input.
 */

/** IUGG mean Earth radius R1 = (2a + b)/3 for WGS-84, metres (Moritz, "Geodetic Reference System 1980"). */
export const EARTH_MEAN_RADIUS = 6_371_008.8;
export const DEG = Math.PI / 180;

/**
 * Great-circle distance on the mean sphere by the haversine formula (Sinnott, "Virtues of the
 * Haversine", Sky & Telescope 68(2), 1984). Inputs in DEGREES. Within ~0.5% of the WGS-84 geodesic.
 */
export function greatCircleDistance(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * DEG;
  const p2 = lat2 * DEG;
  const dp = p2 - p1;
  const dl = (lon2 - lon1) * DEG;
  const a = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Length of a path through points [lat, lon] in degrees, metres. */
export function pathLength(points: readonly { lat: number; lon: number }[]): number {
  let d = 0;
  for (let i = 1; i < points.length; i++) d += greatCircleDistance(points[i - 1]!.lat, points[i - 1]!.lon, points[i]!.lat, points[i]!.lon);
  return d;
}

/** Proper crossing of segments p1p2 and p3p4 in the (lon, lat) plane (orientation test). */
function segmentsCross(p1: readonly number[], p2: readonly number[], p3: readonly number[], p4: readonly number[]): boolean {
  const orient = (a: readonly number[], b: readonly number[], c: readonly number[]) => Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  const d1 = orient(p3, p4, p1);
  const d2 = orient(p3, p4, p2);
  const d3 = orient(p1, p2, p3);
  const d4 = orient(p1, p2, p4);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/**
 * Problems with a polygon of [lat, lon] vertices (degrees), or null. Checks: at least 3 distinct
 * vertices, not all on one line, no two edges crossing (O(n²); polygons are limited to 10,000
 * vertices by the schema, and the check stops at 2,000 to stay quick).
 */
export function polygonProblem(vertices: readonly (readonly [number, number])[]): string | null {
  const pts = [...vertices];
  if (pts.length > 3 && pts[0]![0] === pts.at(-1)![0] && pts[0]![1] === pts.at(-1)![1]) pts.pop();
  const distinct = new Set(pts.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) return `a polygon needs at least 3 distinct vertices (got ${distinct.size})`;
  const n = pts.length;
  if (n <= 2000) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 2; j < n; j++) {
        if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
        const a1 = [pts[i]![1], pts[i]![0]];
        const a2 = [pts[(i + 1) % n]![1], pts[(i + 1) % n]![0]];
        const b1 = [pts[j]![1], pts[j]![0]];
        const b2 = [pts[(j + 1) % n]![1], pts[(j + 1) % n]![0]];
        if (segmentsCross(a1, a2, b1, b2)) return `the polygon crosses itself (edges ${i + 1}–${i + 2} and ${j + 1}–${((j + 1) % n) + 1})`;
      }
    }
  }
  let area2 = 0;
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % pts.length]!;
    area2 += a[1] * b[0] - b[1] * a[0];
  }
  if (Math.abs(area2) < 1e-12) return 'the polygon has no area (all vertices on one line)';
  return null;
}

/**
 * Problem with a two-line element set, or null: line lengths (69), line numbers, the modulo-10
 * checksum in column 69 (digits count their value, '-' counts 1; CelesTrak / NORAD TLE format),
 * and the same catalogue number on both lines.
 */
export function tleProblem(line1: string, line2: string): { line: 0 | 1; message: string } | null {
  const lines = [line1.trimEnd(), line2.trimEnd()] as const;
  for (const i of [0, 1] as const) {
    const l = lines[i];
    if (l.length !== 69) return { line: i, message: `a TLE line has 69 characters (got ${l.length})` };
    if (l[0] !== String(i + 1) || l[1] !== ' ') return { line: i, message: `TLE line ${i + 1} must start with "${i + 1} "` };
    let sum = 0;
    for (let k = 0; k < 68; k++) {
      const c = l[k]!;
      if (c >= '0' && c <= '9') sum += c.charCodeAt(0) - 48;
      else if (c === '-') sum += 1;
    }
    const want = sum % 10;
    if (l[68] !== String(want)) return { line: i, message: `TLE line ${i + 1} checksum is ${l[68]} but the line sums to ${want}` };
  }
  if (lines[0].slice(2, 7) !== lines[1].slice(2, 7)) return { line: 1, message: `the two TLE lines name different satellites (${lines[0].slice(2, 7).trim()} and ${lines[1].slice(2, 7).trim()})` };
  return null;
}
