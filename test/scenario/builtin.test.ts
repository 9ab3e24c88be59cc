// The built-in scenarios, the committed JSON Schema and the examples in docs/scenario.md. The JSON
// Schema is checked with an independent validator (Ajv, draft 2020-12), so a file the loader
// accepts is not flagged by an editor using the schema, and vice versa for shape mistakes.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { loadScenarioFile, parseScenario, scenarioJsonSchema, scenarioJsonSchemaText, SCHEMA_PATH } from '../../src/scenario/index.js';

const root = new URL('../../', import.meta.url);
const scenarioFiles = readdirSync(new URL('scenarios/', root)).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('built-in scenarios', () => {
  it('are the five documented ones', () => {
    expect(scenarioFiles).toEqual(['default.yaml', 'energy-grid-night-raid.yaml', 'hgv-layered-defense.yaml', 'icbm-early-warning.yaml', 'joint-exercise.yaml']);
  });

  for (const f of scenarioFiles) {
    it(`${f} loads, is notional and starts with a header comment and the schema modeline`, () => {
      const text = readFileSync(new URL(`scenarios/${f}`, root), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
      expect(text).toMatch(/NOTIONAL/);
      const s = loadScenarioFile(`scenarios/${f}`);
      expect(s.notional).toBe(true);
      expect(s.source).toBe(`scenarios/${f}`);
      expect(s.threats.length + s.raids.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    });
  }

  it('default.yaml is small and quick but complete', () => {
    const s = loadScenarioFile('scenarios/default.yaml');
    expect(s.duration).toBeLessThanOrEqual(600);
    expect(s.assets.map((a) => a.kind).sort()).toEqual(['city', 'power-plant', 'substation']);
    expect(s.batteries.map((b) => b.interceptorId)).toEqual(['pac3-mse', 'iris-t-slm']);
    expect(s.batteries.every((b) => b.radar !== null)).toBe(true);
    const launches = [...s.threats.map((t) => t.category), ...s.raids.flatMap((r) => Array<string>(r.count).fill(r.category))];
    const count = (c: string) => launches.filter((x) => x === c).length;
    expect([count('drone'), count('cruise'), count('ballistic')]).toEqual([12, 2, 2]);
  });

  it('energy-grid-night-raid.yaml has the raid and the layers it promises', () => {
    const s = loadScenarioFile('scenarios/energy-grid-night-raid.yaml');
    const raid = (type: string) => s.raids.filter((r) => r.typeId === type).reduce((n, r) => n + r.count, 0);
    expect([raid('shahed-136'), raid('kh-101'), raid('iskander-m')]).toEqual([200, 20, 8]);
    expect(s.raids.find((r) => r.typeId === 'shahed-136')!.window).toEqual({ start: 0, end: 7200 });
    expect(s.batteries.filter((b) => b.interceptorId.startsWith('pac')).length).toBe(4);
    expect(s.batteries.filter((b) => b.layer === 'gun').length).toBeGreaterThan(0);
    expect(s.assets.filter((a) => a.kind === 'power-plant').length).toBeGreaterThanOrEqual(2);
    expect(s.assets.filter((a) => a.kind === 'substation' && (a.power?.serves ?? 0) > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('icbm-early-warning.yaml watches with ground radars and satellites by elements and by TLE', () => {
    const s = loadScenarioFile('scenarios/icbm-early-warning.yaml');
    expect(s.sensors.filter((x) => x.kind === 'early-warning-radar').map((x) => x.typeId).sort()).toEqual(['cobra-dane', 'lrdr', 'uewr']);
    const sats = s.sensors.flatMap((x) => x.satellites);
    expect(sats.some((x) => x.kind === 'tle')).toBe(true);
    expect(sats.filter((x) => x.kind === 'elements').length).toBeGreaterThanOrEqual(2);
    expect(s.threats.every((t) => t.type.category === 'ballistic' && t.type.maxRange >= 10_000_000)).toBe(true);
  });

  it('hgv-layered-defense.yaml flies a maneuvering glide vehicle against THAAD, Patriot and SM-6 layers', () => {
    const s = loadScenarioFile('scenarios/hgv-layered-defense.yaml');
    expect(s.threats.some((t) => t.category === 'glide' && t.maneuver !== null)).toBe(true);
    expect(s.batteries.map((b) => b.interceptor.id)).toEqual(['thaad', 'pac3-mse', 'sm6-ship']);
    expect(s.batteries.map((b) => b.layer)).toEqual(['upper', 'lower', 'lower']);
    expect(s.assets.some((a) => a.kind === 'airbase')).toBe(true);
  });

  it('joint-exercise.yaml has two allied nations with a data link and funding, and a combined raid', () => {
    const s = loadScenarioFile('scenarios/joint-exercise.yaml');
    const blue = s.forces.filter((f) => f.side === 'blue');
    expect(blue).toHaveLength(2);
    expect(blue[0]!.allies).toEqual([blue[1]!.id]);
    expect(blue.every((f) => f.dataLink !== null)).toBe(true);
    expect(s.forces.flatMap((f) => f.funding)).toEqual([{ force: 'aurelia', share: 1, costs: 'interceptors' }]);
    expect(new Set(s.assets.map((a) => a.force)).size).toBe(2);
    expect(new Set(s.raids.map((r) => r.category))).toEqual(new Set(['drone', 'cruise']));
  });
});

describe('the JSON Schema', () => {
  it('committed schema/scenario.schema.json equals the generated one (run `rampart schema --out schema/scenario.schema.json`)', () => {
    expect(readFileSync(new URL(SCHEMA_PATH, root), 'utf8')).toBe(scenarioJsonSchemaText());
  });

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(scenarioJsonSchema());

  it('is draft 2020-12, describes its fields, and accepts every built-in scenario (Ajv)', () => {
    const schema = scenarioJsonSchema() as { $schema: string; properties: Record<string, { description?: string }>; additionalProperties: boolean };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    for (const [k, v] of Object.entries(schema.properties)) expect(v.description, k).toBeTruthy();
    for (const f of scenarioFiles) {
      const ok = validate(parseYaml(readFileSync(new URL(`scenarios/${f}`, root), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects the shape mistakes the loader rejects (Ajv)', () => {
    const base = parseYaml(readFileSync(new URL('scenarios/default.yaml', root), 'utf8')) as Record<string, unknown>;
    const threats = base.threats as Record<string, unknown>[];
    const mutants: Record<string, unknown>[] = [
      { ...base, threats: [{ ...threats[0], lanch: {} }] },
      { ...base, forces: [{ id: 'x', side: 'bleu' }] },
      { ...base, duration: -1 },
      { ...base, rampart: 2 },
      { ...base, extra: true },
    ];
    for (const m of mutants) {
      expect(validate(m)).toBe(false);
      expect(() => parseScenario(JSON.stringify(m), 'm.json')).toThrow();
    }
  });
});

describe('docs/scenario.md', () => {
  it('every complete YAML example in it loads', () => {
    const md = readFileSync(new URL('docs/scenario.md', root), 'utf8');
    const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^rampart: 1$/m.test(b));
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const b of blocks) expect(() => parseScenario(b, 'docs/scenario.md')).not.toThrow();
  });
});
