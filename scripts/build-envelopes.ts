/**
 * `npm run envelopes`: flies the kinematic envelope of every built-in catalog interceptor (guns
 * excepted) through the same code as `interceptorEnvelope` and writes `catalog/envelopes.json`
 * (see src/flight/envelope.ts "Stored envelopes"). Deterministic: the same code and catalog give
 * the same bytes. Run it after changing the catalog, the notional airframes or the flyout model
 * (and bump ENVELOPE_MODEL_VERSION for the latter).
 *
 * Usage: node --import tsx scripts/build-envelopes.ts [--out <file>] [--check]
 *   --check  do not write; exit 1 if the file on disk differs from what would be written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_ENVELOPE_STORE_URL,
  envelopeStoreFile,
  flyStoredEnvelope,
  formatEnvelopeStore,
  type StoredEnvelope,
} from '../src/flight/envelope.js';
import type { InterceptorType } from '../src/flight/interceptor.js';
import { loadCatalog } from '../src/scenario/catalog.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : fileURLToPath(DEFAULT_ENVELOPE_STORE_URL);
if (!out) throw new Error('--out needs a file');

const entries: StoredEnvelope[] = [];
for (const t of loadCatalog().interceptors) {
  if (t.kill === 'gun') {
    console.log(`${t.id.padEnd(18)} skipped (gun: no guided flyout)`);
    continue;
  }
  // Exactly the type decide/planner.ts `batteryKinematics` passes for a battery of this type.
  const type: InterceptorType = {
    id: t.model, max_speed_m_s: t.maxSpeed, min_range_m: t.minRange, max_range_m: t.maxRange,
    min_altitude_m: t.minAltitude, max_altitude_m: t.maxAltitude,
  };
  const t0 = performance.now();
  const { table, entry } = flyStoredEnvelope(type);
  let reached = 0;
  for (const x of table.timeOfFlight) if (Number.isFinite(x)) reached++;
  console.log(`${t.id.padEnd(18)} key ${entry.key}  ${reached}/${table.timeOfFlight.length} nodes reachable  ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  entries.push(entry);
}

const text = formatEnvelopeStore(envelopeStoreFile(entries));
if (check) {
  let old = '';
  try {
    old = readFileSync(out, 'utf8');
  } catch {
    // missing: differs
  }
  if (old !== text) {
    console.error(`${out} is out of date: run npm run envelopes`);
    process.exit(1);
  }
  console.log(`${out} is up to date (${entries.length} envelopes)`);
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (${entries.length} envelopes, ${text.length} bytes)`);
}
