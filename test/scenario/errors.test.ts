// Error reporting: every problem of a file at once, each with file:line:column, the path inside the
// document and the reason; unknown keys and values with a did-you-mean hint. Expected positions are
// found independently by searching the text, not by asking the loader.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, damerauLevenshtein, didYouMean, loadScenarioFile, ScenarioError, type ScenarioProblem } from '../../src/scenario/index.js';
import { jsonSyntaxError } from '../../src/scenario/source.js';

const DEFAULT = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'rampart-scenario-'));

/** 1-based line and column of the first occurrence of `needle` at or after line `fromLine` (1-based). */
function posOf(text: string, needle: string, fromLine = 1): { line: number; column: number } {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i++) {
    const c = lines[i]!.indexOf(needle);
    if (c >= 0) return { line: i + 1, column: c + 1 };
  }
  throw new Error(`${needle} not found`);
}

function problems(text: string, file = 'scenarios/x.yaml'): ScenarioProblem[] {
  const r = checkScenario(text, file);
  expect(r.scenario).toBeUndefined();
  return r.problems;
}
const lines = (ps: ScenarioProblem[]) => ps.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`);

describe('a broken copy of the default scenario', () => {
  it('names the file, line, column, path and reason exactly', () => {
    const broken = DEFAULT.replace('launch: { time: 180, lat: 48.700, lon: 31.000 }', 'launch: { time: 180, lat: 123, lon: 31.000 }');
    expect(broken).not.toBe(DEFAULT);
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, broken);
    let err: unknown;
    try {
      loadScenarioFile(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    // The third threat (threats[2], id srbm-1): its `lat:` key inside the launch mapping.
    const at = posOf(broken, 'lat: 123');
    expect(e.details).toEqual([`${file}:${at.line}:${at.column}: threats[2].launch.lat: must be between -90 and 90 (got 123)`]);
    expect(e.problems).toEqual([{ file, line: at.line, column: at.column, path: 'threats[2].launch.lat', message: 'must be between -90 and 90 (got 123)' }]);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(`${file}: invalid scenario (1 problem)`);
  });

  it('reports an unknown key at the key with a did-you-mean hint', () => {
    const broken = DEFAULT.replace('    launch: { time: 20,', '    lanch: { time: 20,');
    const at = posOf(broken, 'lanch:');
    const cm1 = posOf(broken, 'id: cm-1');
    expect(lines(problems(broken))).toEqual([
      // the required key is missing from the item (reported at the item) …
      `scenarios/x.yaml:${cm1.line}:${cm1.column}: threats[0].launch: required`,
      // … and the misspelt one is unknown.
      `scenarios/x.yaml:${at.line}:${at.column}: threats[0].lanch: unknown key \`lanch\` (did you mean \`launch\`?)`,
    ]);
  });

  it('lists three mistakes as three messages, in file order', () => {
    const broken = DEFAULT.replace('side: red', 'side: rde').replace('area: { radius: 6000 }', 'area: { radius: -5 }').replace('type: kh-101', 'type: kh-10l');
    const ps = problems(broken);
    expect(ps).toHaveLength(3);
    const side = posOf(broken, 'side: rde');
    const radius = posOf(broken, 'radius: -5');
    const type = posOf(broken, 'type: kh-10l');
    expect(lines(ps)).toEqual([
      `scenarios/x.yaml:${side.line}:${side.column}: forces[1].side: must be one of blue, red, green, neutral (got "rde") (did you mean \`red\`?)`,
      `scenarios/x.yaml:${radius.line}:${radius.column}: assets[0].area.radius: must be greater than 0 (got -5)`,
      `scenarios/x.yaml:${type.line}:${type.column}: threats[0].type: unknown threat type \`kh-10l\` (did you mean \`kh-101\`?)`,
    ]);
  });

  it('reports bad references with hints, and shape errors beside them', () => {
    const broken = DEFAULT.replace('radar: iris-radar', 'radar: iris-radr')
      .replace('force: east\n    type: iskander-m', 'force: eats\n    type: iskander-m')
      .replace('targets: { assets: [northgate-tpp, northgate-330], weights: [2, 1] }', 'targets: { assets: [northgate-tpp, northgate-303], weights: [2, 1, 5] }')
      .replace('duration: 600 ', 'duration: "10 min" ');
    expect(lines(problems(broken)).map((l) => l.replace(/^[^ ]+ /, ''))).toEqual([
      'duration: must be a number (got "10 min")',
      'batteries[1].radar: unknown sensor `iris-radr` (did you mean `iris-radar`?)',
      'threats[2].force: unknown force `eats` (did you mean `east`?)',
      'raids[0].targets.assets[1]: unknown asset `northgate-303` (did you mean `northgate-330`?)',
      'raids[0].targets.weights: has 3 weights for 2 assets',
    ]);
  });

  it('checks times against the epoch and duration, and the time step', () => {
    const broken = DEFAULT.replace(/window: { start: 0, end: \d+ }/, 'window: { start: 95, end: 900 }')
      .replace('launch: { time: 20,', 'launch: { time: "2025-03-01T00:59:00Z",')
      .replace('timeStep: 1 ', 'timeStep: 601 ');
    expect(lines(problems(broken)).map((l) => l.replace(/^[^ ]+ /, ''))).toEqual([
      'timeStep: must be at most the duration (601 s > 600 s)',
      'threats[0].launch.time: 2025-03-01T00:59:00Z is 60 s before the scenario epoch 2025-03-01T01:00:00.000Z',
      'raids[0].window.end: 900 s is after the end of the scenario (duration 600 s)',
    ]);
  });

  it('checks ranges, categories and duplicates', () => {
    const broken = DEFAULT.replace('launch: { time: 180, lat: 48.700, lon: 31.000 }', 'launch: { time: 180, lat: 48.700, lon: 35.000 }')
      .replace('    trajectory: depressed', '    trajectory: depressed\n    cruiseAltitude: 100')
      .replace('id: iris-1', 'id: iris-radar');
    expect(lines(problems(broken)).map((l) => l.replace(/^[^ ]+ /, ''))).toEqual([
      'batteries[1].id: duplicate id `iris-radar` (already used by sensors[1])',
      'threats[2].target: the target is 568 km, beyond the 500 km range of `iskander-m` (set overrides.maxRange to change it)',
      'threats[2].cruiseAltitude: applies to cruise, drone and aircraft threats; `iskander-m` is a ballistic',
    ]);
  });
});

describe('JSON files', () => {
  const doc = {
    rampart: 1,
    name: 'json test',
    epoch: '2025-01-01T00:00:00Z',
    duration: 60,
    forces: [{ id: 'a', side: 'blu' }],
    assets: [{ id: 'x', force: 'a', kind: 'city', location: { lat: 100, lon: 0 }, valeu: 3 }],
  };

  it('are located by line and column too (tab-indented)', () => {
    const text = JSON.stringify(doc, null, '\t');
    const side = posOf(text, '"side"');
    const lat = posOf(text, '"lat"');
    const valeu = posOf(text, '"valeu"');
    expect(lines(problems(text, 'x.json'))).toEqual([
      `x.json:${side.line}:${side.column}: forces[0].side: must be one of blue, red, green, neutral (got "blu") (did you mean \`blue\`?)`,
      `x.json:${lat.line}:${lat.column}: assets[0].location.lat: must be between -90 and 90 (got 100)`,
      `x.json:${valeu.line}:${valeu.column}: assets[0].valeu: unknown key \`valeu\` (did you mean \`value\`?)`,
    ]);
  });

  it('report syntax errors at the offending character', () => {
    expect(lines(problems('{"rampart": 1,\n  "name": }', 'y.json'))).toEqual(['y.json:2:11: : JSON syntax error: expected a value, found `}`']);
    expect(lines(problems('{"a": 1,}', 'y.json'))).toEqual(['y.json:1:9: : JSON syntax error: expected a "key" in double quotes, found `}`']);
    expect(lines(problems('{"a": [1 2]}', 'y.json'))).toEqual(['y.json:1:10: : JSON syntax error: expected `,` or `]`, found `2`']);
    expect(lines(problems('{"a": "x', 'y.json'))).toEqual(['y.json:1:7: : JSON syntax error: a string is not closed']);
    expect(lines(problems('{"a": 1, "a": 2}', 'y.json'))).toContain('y.json:1:10: : duplicate key');
    expect(jsonSyntaxError('[' .repeat(100_000)).message).toBe('expected a value, found end of file');
  });
});

describe('files that are not scenarios at all', () => {
  it('gives one clean problem each', () => {
    const cases: [string, string][] = [
      ['', 'file is empty'],
      ['   \n\n', 'file is empty'],
      ['- 1\n- 2\n', 'the top level must be a mapping of scenario sections (rampart, name, epoch, forces, …), not a list'],
      ['hello', 'the top level must be a mapping of scenario sections (rampart, name, epoch, forces, …), not "hello"'],
      ['a: [1, 2\nb: 3\n', 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ['a: 1\na: 2\n', 'duplicate key'],
      ['\u0001\u0002{{', 'file contains a control character (0x01): binary data?'],
      [`a: ${'['.repeat(20_000)}`, 'document is nested too deeply (more than 200 levels)'],
      [Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), 'document is nested too deeply'],
      ['a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n', 'YAML aliases expand too much (Excessive alias count indicates a resource exhaustion attack)'],
      ['--- \na: 1\n---\nb: 2\n', 'YAML syntax error: Source contains multiple documents; please use YAML.parseAllDocuments()'],
    ];
    for (const [text, message] of cases) {
      const ps = problems(text);
      expect(ps.length, JSON.stringify(text.slice(0, 30))).toBeGreaterThanOrEqual(1);
      expect(ps[0]!.message).toBe(message);
    }
  });

  it('reports unreadable and binary files', () => {
    const bin = join(tmp, 'garbage.yaml');
    writeFileSync(bin, Buffer.from([0x72, 0x61, 0x0a, 0xff, 0xfe, 0x00, 0x80]));
    expect(() => loadScenarioFile(bin)).toThrow(ScenarioError);
    try {
      loadScenarioFile(bin);
    } catch (e) {
      expect((e as ScenarioError).details).toEqual([`${bin}:2:1: file is not valid UTF-8 text (binary data?)`]);
    }
    try {
      loadScenarioFile(join(tmp, 'nope.yaml'));
    } catch (e) {
      expect((e as ScenarioError).details).toEqual([`${join(tmp, 'nope.yaml')}:1:1: cannot read the file: no such file`]);
    }
    try {
      loadScenarioFile(tmp);
    } catch (e) {
      expect((e as ScenarioError).details).toEqual([`${tmp}:1:1: cannot read the file: is a directory, not a file`]);
    }
  });

  it('rejects non-finite and NaN-like numbers cleanly', () => {
    for (const [v, got] of [['.nan', 'NaN'], ['.inf', 'Infinity'], ['-.inf', '-Infinity'], ['1e999', 'Infinity']] as const) {
      const ps = problems(DEFAULT.replace('duration: 600 ', `duration: ${v} `));
      expect(ps.map((p) => `${p.path}: ${p.message}`)).toEqual([`duration: must be a finite number (got ${got})`]);
    }
    const ps = problems(DEFAULT.replace('count: 12', 'count: 1e30'));
    expect(ps.map((p) => `${p.path}: ${p.message}`)).toEqual(['raids[0].count: must be an integer between 1 and 100000 (got 1e+30)']);
  });
});

describe('did you mean', () => {
  it('uses the optimal-string-alignment distance (hand-worked values)', () => {
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3); // Levenshtein's classic example
    expect(damerauLevenshtein('launch', 'lanuch')).toBe(1); // one transposition
    expect(damerauLevenshtein('ca', 'abc')).toBe(3); // OSA (true Damerau–Levenshtein gives 2)
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('same', 'same')).toBe(0);
    expect(didYouMean('lanch', ['launch', 'target', 'trajectory'])).toBe('launch');
    expect(didYouMean('Launch', ['launch', 'target'])).toBe('launch');
    expect(didYouMean('xyz', ['launch', 'target'])).toBeUndefined();
  });
});
