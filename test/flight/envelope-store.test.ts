import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  builtinEnvelopeStore,
  canonicalJson,
  computeEnvelope,
  defaultEnvelopeGrid,
  ENVELOPE_MODEL_VERSION,
  envelopeInputs,
  envelopeKey,
  type EnvelopeTable,
  fnv1a64,
  lookupEnvelope,
  readEnvelopeStore,
  resolveEnvelope,
  storedEnvelope,
  tableFromStored,
} from '../../src/flight/envelope.js';
import type { InterceptorType } from '../../src/flight/interceptor.js';
import { loadCatalog } from '../../src/scenario/catalog.js';

const REGENERATE = 'the stored envelopes are stale: run npm run envelopes (and bump ENVELOPE_MODEL_VERSION if the flyout code changed)';

/** The type decide/planner.ts `batteryKinematics` passes for a battery of a built-in interceptor. */
const catalog = loadCatalog();
const builtins: InterceptorType[] = catalog.interceptors
  .filter((t) => t.kill !== 'gun')
  .map((t) => ({
    id: t.model, max_speed_m_s: t.maxSpeed, min_range_m: t.minRange, max_range_m: t.maxRange,
    min_altitude_m: t.minAltitude, max_altitude_m: t.maxAltitude,
  }));
// The cheapest built-in to fly (about 1 s): short range, short flights.
const NASAMS = builtins.find((t) => t.id === 'nasams-amraam')!;

/** Bit-for-bit equality of two tables (Object.is: NaN equals NaN, −0 differs from 0). */
function identical(a: EnvelopeTable, b: EnvelopeTable): string | null {
  if (a.typeId !== b.typeId) return `typeId ${a.typeId} vs ${b.typeId}`;
  for (const k of ['minRange', 'maxRange', 'minAltitude', 'maxAltitude'] as const) {
    if (!Object.is(a[k], b[k])) return `${k} ${a[k]} vs ${b[k]}`;
  }
  for (const k of ['ranges', 'altitudes', 'timeOfFlight', 'arrivalSpeed'] as const) {
    if (a[k].length !== b[k].length) return `${k} length ${a[k].length} vs ${b[k].length}`;
    for (let i = 0; i < a[k].length; i++) {
      if (!Object.is(a[k][i], b[k][i])) return `${k}[${i}] ${a[k][i]} vs ${b[k][i]}`;
    }
  }
  return null;
}

const tmp = mkdtempSync(join(tmpdir(), 'rampart-envelope-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('envelope store keys', () => {
  it('FNV-1a 64 matches the published test vectors (draft-eastlake-fnv, Noll\'s test suite)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('canonical JSON ignores key order and undefined members, keeps non-finite numbers and −0', () => {
    expect(canonicalJson({ b: 1, a: [0.1, Infinity, NaN, -0], c: undefined })).toBe('{"a":[0.1,"Infinity","NaN","-0"],"b":1}');
    expect(canonicalJson({ a: { y: 2, x: 1 }, b: 'z' })).toBe(canonicalJson({ b: 'z', a: { x: 1, y: 2 } }));
  });

  it('the key changes with the max speed, an airframe override and the limits; not with key order or extra fields', () => {
    const k = envelopeKey(envelopeInputs(NASAMS));
    expect(envelopeKey(envelopeInputs({ ...NASAMS, max_speed_m_s: 1300 }))).not.toBe(k);
    expect(envelopeKey(envelopeInputs(NASAMS, { burnTime: 9 }))).not.toBe(k);
    expect(envelopeKey(envelopeInputs({ ...NASAMS, max_range_m: 31_000 }))).not.toBe(k);
    const reordered: InterceptorType = {
      max_altitude_m: NASAMS.max_altitude_m, min_altitude_m: NASAMS.min_altitude_m, max_range_m: NASAMS.max_range_m,
      min_range_m: NASAMS.min_range_m, max_speed_m_s: NASAMS.max_speed_m_s, id: NASAMS.id,
    };
    expect(envelopeKey(envelopeInputs({ ...reordered, name: 'NASAMS' } as InterceptorType))).toBe(k);
    expect(envelopeInputs(NASAMS).modelVersion).toBe(ENVELOPE_MODEL_VERSION);
  });

  it('stored numbers round-trip exactly through JSON text (any double, ±Infinity, NaN, −0)', () => {
    const anyDouble = fc.double(); // includes ±0, ±Infinity, NaN, subnormals
    fc.assert(
      fc.property(fc.array(anyDouble, { minLength: 4, maxLength: 4 }), fc.array(anyDouble, { minLength: 4, maxLength: 4 }), (tof, speed) => {
        const table: EnvelopeTable = {
          typeId: 'x', ranges: Float64Array.from([0, 1e-300]), altitudes: Float64Array.from([-0, 5e-324]),
          timeOfFlight: Float64Array.from(tof), arrivalSpeed: Float64Array.from(speed),
          minRange: tof[0], maxRange: Infinity, minAltitude: -0, maxAltitude: speed[1],
        };
        const back = tableFromStored(JSON.parse(JSON.stringify(storedEnvelope(envelopeInputs(NASAMS), table))));
        return identical(table, back) === null;
      }),
      { numRuns: 300 },
    );
  });
});

describe('stored envelopes (catalog/envelopes.json)', () => {
  const store = builtinEnvelopeStore();

  it('the shipped store reads and holds every built-in guided interceptor for the current model version (no flying)', () => {
    expect(store.problem, REGENERATE).toBeUndefined();
    const missing = builtins.filter((t) => !lookupEnvelope(store, envelopeInputs(t))).map((t) => t.id);
    expect(missing, `${REGENERATE} — no stored envelope for: ${missing.join(', ')}`).toEqual([]);
    expect(store.entries.size).toBe(builtins.length);
  });

  // Flown once here and reused below as the reference for the fallbacks.
  let fresh: EnvelopeTable | undefined;
  const flyFresh = () => (fresh ??= computeEnvelope(NASAMS, defaultEnvelopeGrid(NASAMS)));

  it('the stored nasams-amraam table is IDENTICAL, bit for bit, to a freshly flown one', () => {
    const r = resolveEnvelope(NASAMS, {}, store);
    expect(r.source, REGENERATE).toBe('store');
    const diff = identical(r.table, flyFresh());
    expect(diff, `${REGENERATE} — first difference: ${diff}`).toBeNull();
  });

  it('a modified type (different max speed) misses the store and is flown', () => {
    const faster = { ...NASAMS, max_speed_m_s: 1300 };
    expect(lookupEnvelope(store, envelopeInputs(faster))).toBeUndefined();
    const r = resolveEnvelope(faster, {}, store);
    expect(r.source).toBe('flown');
    // Physics, not the stored table: a faster motor reaches every node reached by both no later.
    const base = flyFresh();
    let compared = 0;
    for (let i = 0; i < base.timeOfFlight.length; i++) {
      if (Number.isFinite(base.timeOfFlight[i]) && Number.isFinite(r.table.timeOfFlight[i])) {
        expect(r.table.timeOfFlight[i]).toBeLessThan(base.timeOfFlight[i]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('an airframe override misses the store (no flying needed to tell)', () => {
    expect(lookupEnvelope(store, envelopeInputs(NASAMS, { dragCoefficient: 0.35 }))).toBeUndefined();
    expect(lookupEnvelope(store, envelopeInputs({ ...NASAMS, id: 'local-sam' }))).toBeUndefined();
  });

  it('a corrupt or missing store file falls back to flying, without crashing', () => {
    const corrupt = join(tmp, 'corrupt.json');
    writeFileSync(corrupt, '{"format": "rampart-envelope-store/1", "entries": [ {"key": ');
    const c = readEnvelopeStore(corrupt);
    expect(c.problem).toBeTruthy();
    expect(c.entries.size).toBe(0);
    const missing = readEnvelopeStore(join(tmp, 'does-not-exist.json'));
    expect(missing.problem).toMatch(/ENOENT/);
    expect(lookupEnvelope(missing, envelopeInputs(NASAMS))).toBeUndefined();
    const wrongFormat = join(tmp, 'wrong-format.json');
    writeFileSync(wrongFormat, '[1, 2, 3]');
    expect(readEnvelopeStore(wrongFormat).problem).toMatch(/format/);

    const r = resolveEnvelope(NASAMS, {}, c);
    expect(r.source).toBe('flown');
    expect(identical(r.table, flyFresh())).toBeNull();
  });

  it('a damaged entry (right key and inputs, truncated table) is not used', () => {
    const entry = store.entries.get(envelopeKey(envelopeInputs(NASAMS)))!;
    const damaged = join(tmp, 'damaged.json');
    writeFileSync(damaged, JSON.stringify({ format: 'rampart-envelope-store/1', modelVersion: ENVELOPE_MODEL_VERSION, note: '', entries: [{ ...entry, timeOfFlight: entry.timeOfFlight.slice(1) }] }));
    const d = readEnvelopeStore(damaged);
    expect(d.entries.size).toBe(1);
    expect(lookupEnvelope(d, envelopeInputs(NASAMS))).toBeUndefined();
    // The intact entry in the same kind of file is used.
    const intact = join(tmp, 'intact.json');
    writeFileSync(intact, JSON.stringify({ format: 'rampart-envelope-store/1', modelVersion: ENVELOPE_MODEL_VERSION, note: '', entries: [entry] }));
    expect(lookupEnvelope(readEnvelopeStore(intact), envelopeInputs(NASAMS))).toBeDefined();
  });
});
