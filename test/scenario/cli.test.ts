// `rampart validate` and `rampart schema`, run as the built command.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, rampart, ROOT } from './built-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'rampart-cli-'));

beforeAll(() => ensureBuilt(), 300_000);

describe('rampart validate', () => {
  it('prints ok with a census for valid files and exits 0', () => {
    const r = rampart(['validate', 'scenarios/default.yaml', 'scenarios/joint-exercise.yaml']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'ok scenarios/default.yaml (2 forces, 3 assets, 2 sensors, 2 batteries, 4 threats, 1 raid; 16 launches in 600 s)\n' +
        'ok scenarios/joint-exercise.yaml (3 forces, 4 assets, 5 sensors, 5 batteries, 0 threats, 2 raids, 2 jammers; 46 launches in 5400 s)\n',
    );
  });

  it('lists every problem of an invalid file, exits 2, and prints no stack trace', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8').replace('side: red', 'side: rde').replace('    launch: { time: 20,', '    lanch: { time: 20,'));
    const r = rampart(['validate', 'scenarios/default.yaml', bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('ok scenarios/default.yaml (2 forces, 3 assets, 2 sensors, 2 batteries, 4 threats, 1 raid; 16 launches in 600 s)\n');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`invalid ${bad} (3 problems):`);
    expect(lines.slice(1).map((l) => l.replace(/^ {2}[^ ]+ /, ''))).toEqual([
      'forces[1].side: must be one of blue, red, green, neutral (got "rde") (did you mean `red`?)',
      'threats[0].launch: required',
      'threats[0].lanch: unknown key `lanch` (did you mean `launch`?)',
    ]);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('--json reports every file', () => {
    const r = rampart(['validate', '--json', 'scenarios/default.yaml', join(tmp, 'missing.yaml')]);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout) as { file: string; ok: boolean; summary?: string; problems: { line: number; column: number; path: string; message: string }[] }[];
    expect(report).toHaveLength(2);
    expect(report[0]).toMatchObject({ file: 'scenarios/default.yaml', ok: true, problems: [] });
    expect(report[1]).toMatchObject({ ok: false, problems: [{ line: 1, column: 1, path: '', message: 'cannot read the file: no such file' }] });
  });

  it('has help text and needs at least one file', () => {
    const help = rampart(['validate', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: rampart validate \[options\] <files\.\.\.>/);
    expect(help.stdout).toMatch(/file:line:column: path: message/);
    expect(rampart(['validate']).status).toBe(2);
  });
});

describe('rampart schema', () => {
  it('prints the committed schema and writes it with --out', () => {
    const committed = readFileSync(join(ROOT, 'schema/scenario.schema.json'), 'utf8');
    const r = rampart(['schema']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(committed);
    const out = join(tmp, 'schema.json');
    expect(rampart(['schema', '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(committed);
    const fail = rampart(['schema', '--out', join(tmp, 'no/such/dir/s.json')]);
    expect(fail.status).toBe(2);
    expect(fail.stderr).toMatch(/^rampart: cannot write /);
  });
});
