/**
 * Kinematic envelopes of interceptor types for the battle manager: how long an interceptor takes
 * to reach a point at a given ground range and altitude from its launcher, or that it cannot.
 *
 * Method (a table from flown trajectories, not an approximation): for each node of a grid of
 * ground range × altitude, the interceptor model of interceptor.ts (same airframe, motor,
 * guidance, atmosphere, Earth) is launched at a stationary point there — its own estimate is
 * exact — and the time of closest approach is recorded when the miss is below `REACH_TOLERANCE`
 * and the interceptor is still flying (not stalled, not past its flight time); otherwise the node
 * is unreachable (Infinity). Reference launch site: sea level at 45° N, firing east (Earth rotation
 * and J2 are in the flyout; their effect on times of flight is < 1 % for these ranges).
 * Queries interpolate bilinearly between the four surrounding nodes; if any of them is
 * unreachable the point is reported unreachable (conservative at the edge of the envelope).
 * The catalog's range and altitude limits (min/max range and altitude — engagement limits of the
 * weapon system: radar, fuze, seeker) bound the table: outside them nothing is reachable.
 *
 * Tables are computed lazily per type (and airframe overrides) and cached; the grid is notional
 * and documented in docs/models/flight.md "Kinematic envelope". `decide/` reads these tables; it
 * never flies an interceptor.
 *
 * Stored envelopes. Flying a grid costs seconds per type, so the tables of the built-in catalog
 * interceptors are flown once by `scripts/build-envelopes.ts` (`npm run envelopes`) into
 * `catalog/envelopes.json`. Each entry is keyed by a 64-bit FNV-1a hash (Fowler–Noll–Vo,
 * draft-eastlake-fnv) of a canonical JSON (object keys sorted, shortest round-trip numbers) of
 * EVERYTHING the table depends on: the kinematic fields of the type, the resolved airframe
 * (defaults ← notional table ← overrides), the grid, the reference site/azimuth, the reach
 * tolerance and `ENVELOPE_MODEL_VERSION`. `interceptorEnvelope` uses a stored table only when the
 * key AND the canonical inputs match exactly; otherwise (scenario-local or overridden types, a
 * stale or unreadable store) it flies the grid as before. JSON numbers written by
 * `JSON.stringify` are the shortest decimal that parses back to the same double (ECMA-262
 * Number::toString), so stored tables are bit-identical to flown ones; non-finite values (and −0)
 * are written as the strings "Infinity"/"NaN"/"-0".
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { bracketIndex } from '../math/index.js';
import { geodesicDirect, geodeticToEcefInto } from '../geo/index.js';
import {
  type InterceptorAirframe,
  type InterceptorType,
  interceptorAirframe,
  launchInterceptor,
} from './interceptor.js';
import type { GeoPoint } from './route.js';

const DEG = Math.PI / 180;

/** A point counts as reached when the interceptor passes within this distance of it (m). */
export const REACH_TOLERANCE = 5;

/** Reference launch site of the tables. */
export const ENVELOPE_SITE: Readonly<GeoPoint> = Object.freeze({ lat: 45 * DEG, lon: 0, h: 0 });
const ENVELOPE_AZIMUTH = 90 * DEG;

/** Time of flight over a ground range × altitude grid for one interceptor type. */
export interface EnvelopeTable {
  readonly typeId: string;
  /** Ground range nodes (m, increasing) and altitude nodes (m, increasing). */
  readonly ranges: Float64Array;
  readonly altitudes: Float64Array;
  /** Time of flight (s) at node (altitude i, range j) = timeOfFlight[i·ranges.length + j]; Infinity if unreachable. */
  readonly timeOfFlight: Float64Array;
  /** Interceptor speed (m/s) at arrival, same layout (NaN if unreachable). */
  readonly arrivalSpeed: Float64Array;
  /** Catalog limits the table is bounded by (m). */
  readonly minRange: number;
  readonly maxRange: number;
  readonly minAltitude: number;
  readonly maxAltitude: number;
}

/** Result of flying one interceptor at one stationary point. */
export interface FlownPoint {
  /** Time of closest approach (s after launch) and the miss there (m). */
  time: number;
  miss: number;
  /** Speed at closest approach (m/s). */
  speed: number;
  reached: boolean;
}

/** ECEF of the point at ground range `range` (m) along the reference azimuth and altitude `h` from `site`. */
export function envelopePoint(range: number, altitude: number, site: GeoPoint = ENVELOPE_SITE, azimuth = ENVELOPE_AZIMUTH): Float64Array {
  const out = new Float64Array(3);
  if (range <= 0) {
    geodeticToEcefInto(out, site.lat, site.lon, altitude);
    return out;
  }
  const g = geodesicDirect(site.lat, site.lon, azimuth, range);
  return geodeticToEcefInto(out, g.lat, g.lon, altitude);
}

/**
 * Flies an interceptor of `type` from `site` at the stationary point (range, altitude) and reports
 * the closest approach (exact, over the whole flight).
 */
export function flyToPoint(
  type: InterceptorType, range: number, altitude: number,
  airframe: Partial<InterceptorAirframe> = {}, site: GeoPoint = ENVELOPE_SITE,
): FlownPoint {
  const p = envelopePoint(range, altitude, site);
  const target = new Float64Array([p[0], p[1], p[2], 0, 0, 0]);
  const f = launchInterceptor(type, {
    id: `envelope/${type.id}`, launchTime: 0, site,
    targetEstimate: (_t, out) => {
      out.set(target);
      return true;
    },
    airframe,
    // A point straight overhead has no azimuth: fire along the reference azimuth.
    ...(range < 1 ? { launchAzimuth: ENVELOPE_AZIMUTH } : {}),
  });
  const a = f.airframe;
  // Fly in chunks; closest approach over each chunk (target stationary: its Hermite is constant).
  let best = Infinity, bestT = NaN, bestSpeed = NaN;
  let t0 = 0;
  const chunk = 20;
  const cpa = { t: 0, distance: Infinity, interior: false };
  while (f.status === 'flying' || f.status === 'pending') {
    const t1 = Math.min(t0 + chunk, a.maxFlightTime);
    f.advance(t1);
    f.closestApproachTo(t0, target, f.time, target, cpa);
    if (cpa.distance < best) {
      best = cpa.distance;
      bestT = cpa.t;
      bestSpeed = Math.hypot(f.state[3], f.state[4], f.state[5]);
    }
    if (t1 >= a.maxFlightTime || f.time < t1) break;
    t0 = f.time;
  }
  // `bestSpeed` is the speed at the end of the chunk holding the closest approach; a reached point
  // is passed and the interceptor self-destructs `flybyGrace` (0.5 s) later, so it differs from
  // the speed at the closest approach by the deceleration over at most that time.
  const stalled = f.phase === 'stall' && bestT >= f.time - 1e-9;
  return { time: bestT, miss: best, speed: bestSpeed, reached: best <= REACH_TOLERANCE && !stalled };
}

/** Grid of an envelope: ranges and altitudes (m). */
export interface EnvelopeGrid {
  ranges: number[];
  altitudes: number[];
}

/** The default grid: 13 ranges from the catalog minimum to maximum range, 9 altitudes from min to max altitude. */
export function defaultEnvelopeGrid(type: InterceptorType): EnvelopeGrid {
  const rMin = type.min_range_m ?? 0, rMax = type.max_range_m ?? 0;
  const hMin = type.min_altitude_m ?? 0, hMax = type.max_altitude_m ?? 0;
  if (!(rMax > rMin) || !(hMax > hMin)) {
    throw new UserError(`interceptor type ${type.id}: the catalog range/altitude limits do not define an envelope`);
  }
  const lin = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  return { ranges: lin(rMin, rMax, 13), altitudes: lin(hMin, hMax, 9) };
}

/** Flies the whole grid of a type (a few seconds per type). */
export function computeEnvelope(
  type: InterceptorType, grid: EnvelopeGrid = defaultEnvelopeGrid(type), airframe: Partial<InterceptorAirframe> = {},
): EnvelopeTable {
  interceptorAirframe(type, airframe); // validates the type (e.g. refuses guns)
  const nr = grid.ranges.length, nh = grid.altitudes.length;
  const tof = new Float64Array(nr * nh).fill(Infinity);
  const speed = new Float64Array(nr * nh).fill(NaN);
  for (let i = 0; i < nh; i++) {
    for (let j = 0; j < nr; j++) {
      const r = flyToPoint(type, grid.ranges[j], grid.altitudes[i], airframe);
      if (r.reached) {
        tof[i * nr + j] = r.time;
        speed[i * nr + j] = r.speed;
      }
    }
  }
  return {
    typeId: type.id,
    ranges: Float64Array.from(grid.ranges),
    altitudes: Float64Array.from(grid.altitudes),
    timeOfFlight: tof,
    arrivalSpeed: speed,
    minRange: type.min_range_m ?? 0,
    maxRange: type.max_range_m ?? Infinity,
    minAltitude: type.min_altitude_m ?? 0,
    maxAltitude: type.max_altitude_m ?? Infinity,
  };
}

// ─── stored envelopes (catalog/envelopes.json) ──────────────────────────────────────────────────

/**
 * Version of the flyout model behind the tables. BUMP IT whenever interceptor.ts, guidance.ts,
 * dynamics.ts, the integrator, the atmosphere/Earth models or `flyToPoint`/`computeEnvelope`
 * change in a way that can change a flown number, then run `npm run envelopes`.
 */
export const ENVELOPE_MODEL_VERSION = 1;

/** Identifies the store file format (not the model: see ENVELOPE_MODEL_VERSION). */
export const ENVELOPE_STORE_FORMAT = 'rampart-envelope-store/1';

/** Where the shipped store lives: `<package>/catalog/envelopes.json` (same from src/ and dist/). */
export const DEFAULT_ENVELOPE_STORE_URL = new URL('../../catalog/envelopes.json', import.meta.url);

/** Everything a default-grid envelope depends on (hashed into its key). */
export interface EnvelopeInputs {
  modelVersion: number;
  /** Kinematic fields of the type (absent ones as null). */
  type: {
    id: string;
    max_speed_m_s: number;
    min_range_m: number | null;
    max_range_m: number | null;
    min_altitude_m: number | null;
    max_altitude_m: number | null;
  };
  /** Resolved airframe (defaults ← notional table ← overrides). */
  airframe: InterceptorAirframe;
  grid: EnvelopeGrid;
  site: GeoPoint;
  azimuth: number;
  reachTolerance: number;
}

/** A number as stored: finite numbers as JSON numbers, the others (and −0) as strings. */
export type StoredNumber = number | 'Infinity' | '-Infinity' | 'NaN' | '-0';

/** One stored table (the JSON form of an EnvelopeTable plus its key and inputs). */
export interface StoredEnvelope {
  key: string;
  typeId: string;
  inputs: EnvelopeInputs;
  ranges: StoredNumber[];
  altitudes: StoredNumber[];
  timeOfFlight: StoredNumber[];
  arrivalSpeed: StoredNumber[];
  minRange: StoredNumber;
  maxRange: StoredNumber;
  minAltitude: StoredNumber;
  maxAltitude: StoredNumber;
}

/** The store file. */
export interface EnvelopeStoreFile {
  format: string;
  modelVersion: number;
  note: string;
  entries: StoredEnvelope[];
}

/** A loaded store: entries by key; `problem` says why it is empty if it could not be read. */
export interface EnvelopeStore {
  readonly source: string;
  readonly entries: ReadonlyMap<string, StoredEnvelope>;
  readonly problem?: string;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text` (Fowler, Noll, Vo; draft-eastlake-fnv):
 * h = offset basis; for each byte b: h = (h XOR b)·prime mod 2⁶⁴. Returned as 16 hex digits.
 * BigInt is fine here: it hashes a few kB once per type per process.
 */
export function fnv1a64(text: string): string {
  let h = FNV64_OFFSET;
  for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * FNV64_PRIME) & MASK64;
  return h.toString(16).padStart(16, '0');
}

/**
 * Canonical JSON: object keys sorted (code-unit order), no whitespace, undefined members dropped,
 * numbers as `JSON.stringify` writes them (shortest round-trip), non-finite numbers and −0 as strings.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '"-0"';
    return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (ArrayBuffer.isView(value)) return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** The inputs of the default-grid envelope of `type` (throws as `computeEnvelope` would for guns/bad limits). */
export function envelopeInputs(type: InterceptorType, airframe: Partial<InterceptorAirframe> = {}): EnvelopeInputs {
  const grid = defaultEnvelopeGrid(type);
  return {
    modelVersion: ENVELOPE_MODEL_VERSION,
    type: {
      id: type.id,
      max_speed_m_s: type.max_speed_m_s,
      min_range_m: type.min_range_m ?? null,
      max_range_m: type.max_range_m ?? null,
      min_altitude_m: type.min_altitude_m ?? null,
      max_altitude_m: type.max_altitude_m ?? null,
    },
    airframe: interceptorAirframe(type, airframe),
    grid: { ranges: grid.ranges, altitudes: grid.altitudes },
    site: { lat: ENVELOPE_SITE.lat, lon: ENVELOPE_SITE.lon, h: ENVELOPE_SITE.h },
    azimuth: ENVELOPE_AZIMUTH,
    reachTolerance: REACH_TOLERANCE,
  };
}

/** Store key of a set of inputs: FNV-1a 64 of their canonical JSON. */
export function envelopeKey(inputs: EnvelopeInputs): string {
  return fnv1a64(canonicalJson(inputs));
}

// JSON.stringify writes −0 as 0: keep its sign as a string like the non-finite values.
const toStored = (x: number): StoredNumber => (Object.is(x, -0) ? '-0' : Number.isFinite(x) ? x : (String(x) as StoredNumber));
function fromStored(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x === '-0') return -0;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  if (x === 'NaN') return NaN;
  throw new Error(`not a stored number: ${JSON.stringify(x)}`);
}
function floatsFromStored(a: unknown, n: number, what: string): Float64Array {
  if (!Array.isArray(a) || a.length !== n) throw new Error(`${what}: expected ${n} numbers`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fromStored(a[i]);
  return out;
}

/** The stored form of a table flown from `inputs`. */
export function storedEnvelope(inputs: EnvelopeInputs, table: EnvelopeTable): StoredEnvelope {
  return {
    key: envelopeKey(inputs),
    typeId: table.typeId,
    inputs,
    ranges: Array.from(table.ranges, toStored),
    altitudes: Array.from(table.altitudes, toStored),
    timeOfFlight: Array.from(table.timeOfFlight, toStored),
    arrivalSpeed: Array.from(table.arrivalSpeed, toStored),
    minRange: toStored(table.minRange),
    maxRange: toStored(table.maxRange),
    minAltitude: toStored(table.minAltitude),
    maxAltitude: toStored(table.maxAltitude),
  };
}

/** The table of a stored entry (throws on a malformed entry). */
export function tableFromStored(e: StoredEnvelope): EnvelopeTable {
  const ranges = floatsFromStored(e.ranges, e.ranges?.length ?? -1, 'ranges');
  const altitudes = floatsFromStored(e.altitudes, e.altitudes?.length ?? -1, 'altitudes');
  const n = ranges.length * altitudes.length;
  if (ranges.length < 2 || altitudes.length < 2) throw new Error('grid needs at least 2 × 2 nodes');
  if (typeof e.typeId !== 'string') throw new Error('typeId missing');
  return {
    typeId: e.typeId,
    ranges,
    altitudes,
    timeOfFlight: floatsFromStored(e.timeOfFlight, n, 'timeOfFlight'),
    arrivalSpeed: floatsFromStored(e.arrivalSpeed, n, 'arrivalSpeed'),
    minRange: fromStored(e.minRange),
    maxRange: fromStored(e.maxRange),
    minAltitude: fromStored(e.minAltitude),
    maxAltitude: fromStored(e.maxAltitude),
  };
}

/** Flies the default-grid envelope of `type` and returns it with its stored form (used by `npm run envelopes`). */
export function flyStoredEnvelope(type: InterceptorType, airframe: Partial<InterceptorAirframe> = {}): { table: EnvelopeTable; entry: StoredEnvelope } {
  const inputs = envelopeInputs(type, airframe);
  const table = computeEnvelope(type, defaultEnvelopeGrid(type), airframe);
  return { table, entry: storedEnvelope(inputs, table) };
}

/** The store file holding `entries` (sorted by type id, then key: deterministic output). */
export function envelopeStoreFile(entries: StoredEnvelope[]): EnvelopeStoreFile {
  const sorted = [...entries].sort((a, b) => (a.typeId < b.typeId ? -1 : a.typeId > b.typeId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    format: ENVELOPE_STORE_FORMAT,
    modelVersion: ENVELOPE_MODEL_VERSION,
    note: 'Generated by scripts/build-envelopes.ts (npm run envelopes) from src/flight/envelope.ts; do not edit by hand.',
    entries: sorted,
  };
}

/** Text of a store file: members one per line, each entry's fields one per line, arrays inline. */
export function formatEnvelopeStore(file: EnvelopeStoreFile): string {
  const entry = (e: StoredEnvelope) =>
    `    {\n${Object.entries(e).map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n    }`;
  return `{\n  "format": ${JSON.stringify(file.format)},\n  "modelVersion": ${file.modelVersion},\n  "note": ${JSON.stringify(file.note)},\n`
    + `  "entries": [\n${file.entries.map(entry).join(',\n')}\n  ]\n}\n`;
}

/**
 * Reads a store file. Never throws: a missing, unreadable or malformed file, or one written for
 * another format, gives an empty store whose `problem` says why (callers then fly the tables).
 */
export function readEnvelopeStore(path: string | URL = DEFAULT_ENVELOPE_STORE_URL): EnvelopeStore {
  const source = String(path);
  const entries = new Map<string, StoredEnvelope>();
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<EnvelopeStoreFile>;
    if (raw?.format !== ENVELOPE_STORE_FORMAT) return { source, entries, problem: `format is ${JSON.stringify(raw?.format)}, expected ${ENVELOPE_STORE_FORMAT}` };
    if (!Array.isArray(raw.entries)) return { source, entries, problem: 'no entries array' };
    for (const e of raw.entries) if (e && typeof e.key === 'string') entries.set(e.key, e);
    return { source, entries };
  } catch (e) {
    return { source, entries: new Map(), problem: e instanceof Error ? e.message : String(e) };
  }
}

let builtinStore: EnvelopeStore | undefined;

/** The shipped store (`catalog/envelopes.json`), read once per process. */
export function builtinEnvelopeStore(): EnvelopeStore {
  builtinStore ??= readEnvelopeStore(DEFAULT_ENVELOPE_STORE_URL);
  return builtinStore;
}

/**
 * The stored table for these inputs, or undefined: the entry must have the same key AND the same
 * canonical inputs (so a hash collision cannot hand back another type's table) and be well formed.
 */
export function lookupEnvelope(store: EnvelopeStore, inputs: EnvelopeInputs): EnvelopeTable | undefined {
  const canonical = canonicalJson(inputs);
  const e = store.entries.get(fnv1a64(canonical));
  if (!e || canonicalJson(e.inputs) !== canonical) return undefined;
  try {
    return tableFromStored(e);
  } catch {
    return undefined;
  }
}

/**
 * The envelope table of a type (default grid, optional airframe overrides) and where it came
 * from: the stored table when `store` has one for exactly these inputs, else flown. Not cached.
 */
export function resolveEnvelope(
  type: InterceptorType, airframe: Partial<InterceptorAirframe> = {}, store: EnvelopeStore = builtinEnvelopeStore(),
): { table: EnvelopeTable; source: 'store' | 'flown' } {
  const stored = lookupEnvelope(store, envelopeInputs(type, airframe));
  if (stored) return { table: stored, source: 'store' };
  return { table: computeEnvelope(type, defaultEnvelopeGrid(type), airframe), source: 'flown' };
}

const cache = new Map<string, EnvelopeTable>();

/**
 * The (cached) envelope table of a type with optional airframe overrides: from the shipped store
 * when it holds exactly these inputs (built-in catalog types), else flown (a few seconds).
 */
export function interceptorEnvelope(type: InterceptorType, airframe: Partial<InterceptorAirframe> = {}): EnvelopeTable {
  const key = JSON.stringify([type, airframe]);
  let t = cache.get(key);
  if (!t) {
    t = resolveEnvelope(type, airframe).table;
    cache.set(key, t);
  }
  return t;
}

/**
 * Time of flight (s) from launch to a point at ground range `range` and altitude `altitude` (m)
 * from the launcher, by bilinear interpolation in the table; Infinity if not reachable.
 * Allocation-free.
 */
export function timeToReach(table: EnvelopeTable, range: number, altitude: number): number {
  if (!(range >= table.minRange && range <= table.maxRange && altitude >= table.minAltitude && altitude <= table.maxAltitude)) {
    return Infinity;
  }
  const { ranges, altitudes, timeOfFlight: tof } = table;
  const nr = ranges.length;
  const j = bracketIndex(ranges, range), i = bracketIndex(altitudes, altitude);
  const u = Math.min(1, Math.max(0, (range - ranges[j]) / (ranges[j + 1] - ranges[j])));
  const w = Math.min(1, Math.max(0, (altitude - altitudes[i]) / (altitudes[i + 1] - altitudes[i])));
  const t00 = tof[i * nr + j], t01 = tof[i * nr + j + 1];
  const t10 = tof[(i + 1) * nr + j], t11 = tof[(i + 1) * nr + j + 1];
  // Exactly on a reachable node or edge: use only the nodes that carry weight.
  const c00 = (1 - u) * (1 - w), c01 = u * (1 - w), c10 = (1 - u) * w, c11 = u * w;
  let sum = 0;
  if (c00 > 0) { if (t00 === Infinity) return Infinity; sum += c00 * t00; }
  if (c01 > 0) { if (t01 === Infinity) return Infinity; sum += c01 * t01; }
  if (c10 > 0) { if (t10 === Infinity) return Infinity; sum += c10 * t10; }
  if (c11 > 0) { if (t11 === Infinity) return Infinity; sum += c11 * t11; }
  return sum;
}

/** True if the point is inside the envelope (and reached within `withinTime` s, if given). */
export function canReach(table: EnvelopeTable, range: number, altitude: number, withinTime = Infinity): boolean {
  return timeToReach(table, range, altitude) <= withinTime;
}
