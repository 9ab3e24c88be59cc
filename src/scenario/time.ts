/**
 * ISO-8601 times in scenario files. Only the unambiguous profile of RFC 3339 is accepted
 * (`2024-06-01T02:30:00Z`, `2024-06-01T05:30:00.250+03:00`): a date, a time, and a zone. A time
 * without a zone would depend on the machine's clock settings — the opposite of deterministic.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|([+-])(\d{2}):?(\d{2}))$/;

/** Milliseconds since 1970-01-01T00:00:00Z, or null if `s` is not a valid zoned ISO-8601 time. */
export function parseIsoTime(s: string): number | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const frac = m[7] === undefined ? 0 : Number(m[7]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  // Reject impossible calendar dates (2023-02-29) by a round trip through Date.UTC.
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(base);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return base + frac * 1000 - offsetMin * 60_000;
}

export function isIsoTime(s: string): boolean {
  return parseIsoTime(s) !== null;
}
