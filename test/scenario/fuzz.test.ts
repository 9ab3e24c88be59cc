// Property tests: malformed documents — mutations of the default scenario (deleted required keys,
// wrong types, out-of-range numbers), random YAML text, garbage bytes and deep nesting — always give
// a ScenarioError, never another exception and never a hang; a sample of them run through the
// built CLI exit with status 2 and print no stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadScenarioFile, ScenarioError } from '../../src/scenario/index.js';
import { ensureBuilt, mapConcurrent, rampartAsync, ROOT } from './built-cli.js';

const DEFAULT_TEXT = readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8');
const DEFAULT = parseYaml(DEFAULT_TEXT) as Record<string, unknown>;
const tmp = mkdtempSync(join(tmpdir(), 'rampart-fuzz-'));

type Path = (string | number)[];
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in a document, with its key name (for objects) or index. */
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...at, i], ...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...at, k], ...paths(x, [...at, k]));
  return out;
}
const get = (doc: unknown, p: Path): unknown => p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc);
function edit(doc: unknown, p: Path, f: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(doc);
  f(get(copy, p.slice(0, -1)) as Record<string | number, unknown>, p.at(-1)!);
  return copy;
}

// Keys that are required wherever they appear in the default scenario (`name` only at the top).
const REQUIRED = new Set(['rampart', 'epoch', 'duration', 'forces', 'id', 'side', 'force', 'kind', 'location', 'lat', 'lon', 'radius', 'interceptor', 'type', 'launch', 'time', 'target', 'asset', 'count', 'launchArea', 'center', 'window', 'start', 'end', 'targets', 'assets', 'mode', 'rcs', 'range']);
const all = paths(DEFAULT);
const requiredPaths = all.filter((p) => {
  const k = p.at(-1)!;
  if (p.includes('priorities')) return false; // priorities.assets / .threats are optional lists
  return (typeof k === 'string' && REQUIRED.has(k)) || (p.length === 1 && k === 'name');
});
const leafPaths = all.filter((p) => {
  const v = get(DEFAULT, p);
  return v === null || typeof v !== 'object';
});
const numberPaths = leafPaths.filter((p) => typeof get(DEFAULT, p) === 'number');

/** A value of a different JSON type than `v` that no field of that kind accepts (catalog fields may be null). */
function wrongTypeFor(v: unknown, nullable: boolean): fc.Arbitrary<Json> {
  const options: fc.Arbitrary<Json>[] = [fc.constant([]), fc.constant({}), fc.constant({ x: 1 }), fc.constant([1, 'a'])];
  if (!nullable) options.push(fc.constant(null));
  if (typeof v !== 'string') options.push(fc.string({ maxLength: 8 }).map((s) => `not a number ${s}`));
  if (typeof v !== 'boolean') options.push(fc.boolean());
  if (typeof v !== 'number') options.push(fc.oneof(fc.integer(), fc.double({ noNaN: true })));
  return fc.oneof(...options);
}

/** A number outside every field's range: every numeric field is bounded within ±1e15. */
const badNumber = fc.oneof(
  fc.double({ min: 1e16, max: 1e300, noNaN: true }),
  fc.double({ min: -1e300, max: -1e16, noNaN: true }),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
);

const serialiseYaml = (doc: unknown) => fc.constant({ text: stringifyYaml(doc), ext: 'yaml' });
/** Serialise as YAML or JSON. */
const serialise = (doc: unknown) => fc.constantFrom('yaml', 'json').map((fmt) => (fmt === 'yaml' ? { text: stringifyYaml(doc), ext: 'yaml' } : { text: JSON.stringify(doc), ext: 'json' }));

const deleteRequired = fc.constantFrom(...requiredPaths).chain((p) =>
  serialise(
    edit(DEFAULT, p, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    }),
  ).map((s) => ({ ...s, what: `delete ${p.join('.')}` })),
);
const wrongType = fc.constantFrom(...leafPaths).chain((p) =>
  // hardness takes a level name or a number of pascals: give it neither.
  (p.at(-1) === 'hardness' ? fc.constantFrom<Json>(null, [], {}, true) : wrongTypeFor(get(DEFAULT, p), p[0] === 'catalog')).chain((v) => serialise(edit(DEFAULT, p, (parent, key) => (parent[key] = v))).map((s) => ({ ...s, what: `type ${p.join('.')} = ${JSON.stringify(v)}` }))),
);
const outOfRange = fc.tuple(fc.constantFrom(...numberPaths), badNumber).chain(([p, v]) =>
  // JSON has no NaN/Infinity (JSON.stringify writes null, which nullable catalog fields accept): YAML then.
  (Number.isFinite(v) ? serialise : serialiseYaml)(edit(DEFAULT, p, (parent, key) => (parent[key] = v))).map((s) => ({ ...s, what: `range ${p.join('.')} = ${v}` })),
);
const randomYaml = fc.string({ maxLength: 300, unit: 'binary' }).map((text) => ({ text, ext: 'yaml', what: 'random text' }));
const yamlish = fc
  .array(fc.tuple(fc.nat({ max: 6 }), fc.constantFrom('rampart', 'forces', 'id', 'lat', '-', 'name', 'x'), fc.constantFrom(': 1', ':', ': [', ': {a: b}', ': "q', ': &a x', ': *a', ' - y', ': .nan', ': 1e999')), { maxLength: 30 })
  .map((lines) => ({ text: lines.map(([indent, k, v]) => `${' '.repeat(indent)}${k}${v}`).join('\n'), ext: 'yaml', what: 'yaml-ish lines' }));
const deep = fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'json'), fc.constantFrom('yaml', 'json')).map(([n, kind, ext]) => {
  const text =
    kind === 'flow-seq' ? `rampart: ${'['.repeat(n)}${']'.repeat(n)}` : kind === 'flow-map' ? `${'{a: '.repeat(n)}1${'}'.repeat(n)}` : kind === 'json' ? `${'{"a":'.repeat(n)}1${'}'.repeat(n)}` : Array.from({ length: Math.min(n, 400) }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1';
  return { text, ext, what: `deep ${kind} ${n}` };
});
const truncated = fc.nat({ max: DEFAULT_TEXT.length - 1 }).map((n) => ({ text: DEFAULT_TEXT.slice(0, Math.min(n, DEFAULT_TEXT.indexOf('\nforces:'))), ext: 'yaml', what: `truncated at ${n}` }));

const malformedText = fc.oneof(
  { arbitrary: deleteRequired, weight: 3 },
  { arbitrary: wrongType, weight: 3 },
  { arbitrary: outOfRange, weight: 2 },
  { arbitrary: randomYaml, weight: 1 },
  { arbitrary: yamlish, weight: 1 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: truncated, weight: 1 },
);
const garbageBytes = fc.uint8Array({ minLength: 0, maxLength: 400 }).map((bytes) => ({ bytes, what: 'garbage bytes' }));

let counter = 0;
function writeCase(c: { text?: string; bytes?: Uint8Array; ext?: string }): string {
  const file = join(tmp, `case-${counter++}.${c.ext ?? 'yaml'}`);
  writeFileSync(file, c.bytes ?? c.text!);
  return file;
}

/** Load a file; it must throw a ScenarioError (and quickly). */
function mustFailCleanly(file: string, what: string): void {
  const t0 = performance.now();
  let err: unknown;
  try {
    loadScenarioFile(file);
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t0;
  if (!(err instanceof ScenarioError)) throw new Error(`${what}: expected a ScenarioError, got ${err === undefined ? 'a valid scenario' : String((err as Error)?.stack ?? err)}`);
  if (err.problems.length === 0 || err.details.length === 0) throw new Error(`${what}: a ScenarioError without problems`);
  for (const p of err.problems) if (!(p.line >= 1 && p.column >= 1) || /\n/.test(p.message)) throw new Error(`${what}: bad problem ${JSON.stringify(p)}`);
  if (ms > 5000) throw new Error(`${what}: took ${ms.toFixed(0)} ms`);
}

describe('malformed scenario documents', () => {
  it('give a ScenarioError, never another exception or a hang (1,200 text cases)', () => {
    fc.assert(
      fc.property(malformedText, (c) => {
        mustFailCleanly(writeCase(c), c.what);
      }),
      { numRuns: 1200 },
    );
  }, 300_000);

  it('garbage bytes give a ScenarioError too (200 cases)', () => {
    fc.assert(
      fc.property(garbageBytes, (c) => {
        mustFailCleanly(writeCase(c), c.what);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  describe('through the built CLI', () => {
    beforeAll(() => ensureBuilt(), 300_000);

    it('50 of them make `rampart validate` exit 2 without a stack trace', async () => {
      const cases = fc.sample(fc.oneof(malformedText, garbageBytes), 50).map((c) => ({ ...c, file: writeCase(c) }));
      // Three processes at a time: each run is mostly Node start-up.
      const results = await mapConcurrent(cases, 3, (c) => rampartAsync(['validate', c.file]));
      cases.forEach((c, i) => {
        const r = results[i]!;
        expect(r.status, `${c.what}\n${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^invalid ${c.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ problems?\\):\\n`));
        expect(r.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
      });
    }, 240_000);
  });
});
