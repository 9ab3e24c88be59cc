// `rampart wta`: the documented JSON shape exactly, the human-readable report, and clear errors
// (message only, exit 2) for bad input. The objective is checked against brute force on the 5×4
// sample and against the definition for the assignment printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readWtaInstance } from '../../src/decide/wta/index.js';
import { bruteForce, close, plainObjective, type PlainInstance } from './wta-oracle.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = '/work/shared/data/wta';

function rampart(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function plain(file: string): PlainInstance {
  const inst = readWtaInstance(file);
  const pk: number[][] = [];
  for (let i = 0; i < inst.weapons; i++) pk.push(Array.from(inst.pk.subarray(i * inst.targets, (i + 1) * inst.targets)));
  return { values: Array.from(inst.values), pk };
}

describe('rampart wta', () => {
  it('--json prints exactly {objective, lowerBound, status, assignment, time_s}', () => {
    const file = join(DATA, 'sample_5x4.json');
    const r = rampart('wta', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['objective', 'lowerBound', 'status', 'assignment', 'time_s']);
    const p = plain(file);
    const a = out.assignment as number[];
    expect(a).toHaveLength(5);
    expect(close(out.objective as number, plainObjective(p, a), 1e-15)).toBe(true);
    expect(close(out.objective as number, bruteForce(p).best, 1e-12)).toBe(true);
    expect(out.status).toBe('optimal');
    expect(out.lowerBound as number).toBeLessThanOrEqual(out.objective as number);
    expect(typeof out.time_s).toBe('number');
  });

  it('prints objective, bound, status and time; the heuristic method reports a bound too', () => {
    const file = join(DATA, 'sample_30x20.json');
    const r = rampart('wta', file, '--time-limit', '30');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/objective\s+\d/);
    expect(r.out).toMatch(/lower bound\s+\d/);
    expect(r.out).toMatch(/status\s+optimal/);
    expect(r.out).toMatch(/time\s+[\d.]+ s/);
    const h = JSON.parse(rampart('wta', file, '--method', 'heuristic', '--json').out) as { status: string; lowerBound: number; objective: number };
    expect(h.lowerBound).toBeLessThanOrEqual(h.objective);
  });

  it('bad input: the message only, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wta-cli-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"weapons":1,"targets":2,"values":[1,2],"pk":[[0.5,1.5]]}');
    for (const [args, msg] of [
      [[bad], /bad\.json: pk\[0\]\[1\]: must be a probability in \[0, 1\], got 1\.5/],
      [[join(dir, 'missing.json')], /missing\.json: cannot read the WTA instance/],
      [[join(DATA, 'sample_5x4.json'), '--time-limit', '-3'], /--time-limit must be a positive number/],
      [[join(DATA, 'sample_5x4.json'), '--method', 'magic'], /--method must be exact, heuristic or greedy/],
    ] as Array<[string[], RegExp]>) {
      const r = rampart('wta', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
