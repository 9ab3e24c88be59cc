// The case reader (errors name the field), the output format, state-order handling, and the
// `rampart track` command end to end.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isUserError } from '../../src/errors.js';
import { caseToJson, generateCase, parseTrackingCase, prepareCase, runCase, scoreCase, toOutput } from '../../src/track/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = resolve(ROOT, '../shared/data/tracking');
const caseA = () => JSON.parse(readFileSync(resolve(DATA, 'a_single_cv.json'), 'utf8')) as Record<string, any>;

function parseError(mutate: (c: Record<string, any>) => void): string {
  const c = caseA();
  mutate(c);
  try {
    parseTrackingCase(JSON.stringify(c), 'x.json');
  } catch (e) {
    expect(isUserError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('case reader: errors name the field', () => {
  it.each([
    ['frame.type', (c: any) => (c.frame.type = 'spherical'), /x\.json: frame\.type: expected "cartesian" or "polar"/],
    ['frame.dim', (c: any) => (c.frame.dim = 4), /frame\.dim: expected 2 or 3, got 4/],
    ['detection z length', (c: any) => c.scans[3].detections[0].z.push(1), /scans\[3\]\.detections\[0\]\.z: expected 2 numbers, got 3/],
    ['non-numeric z', (c: any) => (c.scans[2].detections[0].z[1] = 'a'), /scans\[2\]\.detections\[0\]\.z\[1\]: expected a finite number/],
    ['R missing everywhere', (c: any) => (c.R = null), /scans\[0\]\.detections\[0\]\.R: missing/],
    ['R not symmetric', (c: any) => (c.R = [[100, 1], [0, 100]]), /R\[1\]\[0\]: a covariance must be symmetric/],
    ['R non-positive diagonal', (c: any) => (c.R = [[0, 0], [0, 100]]), /R\[0\]\[0\]: a covariance needs a positive diagonal/],
    ['unsorted scans', (c: any) => (c.scans[5].t = 1), /scans\[5\]\.t: scans must be sorted/],
    ['state order', (c: any) => (c.state_order = ['x', 'y', 'vx']), /state_order: expected a permutation of x, vx, y, vy/],
    ['pd', (c: any) => (c.generation.pd = 1.5), /generation\.pd: expected a probability/],
    ['clutter region', (c: any) => (c.generation.clutter_region.high[1] = -2000), /generation\.clutter_region\.high\[1\]: must exceed low\[1\]/],
    ['gospa alpha', (c: any) => (c.metric.gospa_alpha = 1), /metric\.gospa_alpha: only α = 2/],
    ['polar order', (c: any) => (c.frame = { type: 'polar', dim: 2, sensor_position: [0, 0], measurement_order: ['range', 'azimuth'] }), /frame\.measurement_order\[1\]: expected one of range, bearing, elevation/],
    ['version', (c: any) => (c.version = 2), /version: only version 1/],
    ['truth state', (c: any) => c.truth[0].states[4].state.pop(), /truth\[0\]\.states\[4\]\.state: expected 4 numbers, got 3/],
  ])('%s', (_label, mutate, re) => {
    expect(parseError(mutate as (c: Record<string, any>) => void)).toMatch(re);
  });

  it('invalid JSON', () => {
    expect(() => parseTrackingCase('{"frame":', 'bad.json')).toThrow(/bad\.json: not valid JSON/);
  });

  it('unknown keys are ignored; origin is never read (any type accepted)', () => {
    const c = caseA();
    c.extra = { anything: true };
    c.scans[0].detections[0].origin = { not: 'a string' };
    c.scans[0].detections[0].snr = 12;
    expect(parseTrackingCase(JSON.stringify(c)).scans.length).toBe(100);
  });
});

describe('output format and state order', () => {
  it('a permuted state_order is honoured on input (truth) and output', () => {
    const raw = caseA();
    const perm = ['vy', 'x', 'vx', 'y'];
    const idx = perm.map((s) => (raw.state_order as string[]).indexOf(s));
    const permuted = JSON.parse(JSON.stringify(raw));
    permuted.state_order = perm;
    for (const tr of permuted.truth) for (const st of tr.states) st.state = idx.map((i: number) => st.state[i]);
    permuted.generation.initial_prior.mean = idx.map((i: number) => raw.generation.initial_prior.mean[i]);
    permuted.generation.initial_prior.cov = idx.map((i: number) => idx.map((j: number) => raw.generation.initial_prior.cov[i][j]));
    const a = parseTrackingCase(JSON.stringify(raw));
    const b = parseTrackingCase(JSON.stringify(permuted));
    const ea = runCase(prepareCase(a, 'gnn'));
    const eb = runCase(prepareCase(b, 'gnn'));
    expect(scoreCase(b, eb).meanGospa).toBe(scoreCase(a, ea).meanGospa);
    const oa = toOutput(a, prepareCase(a, 'gnn'), ea);
    const ob = toOutput(b, prepareCase(b, 'gnn'), eb);
    const ta = oa.estimates[50].tracks[0];
    const tb = ob.estimates[50].tracks[0];
    expect(tb.state).toEqual(idx.map((i) => ta.state[i]));
    expect(tb.cov![0][1]).toBe(ta.cov![idx[0]][idx[1]]);
  });

  it('one entry per scan, integer ids stable across scans, symmetric covariances', () => {
    const c = parseTrackingCase(readFileSync(resolve(DATA, 'b_crossing_clutter.json'), 'utf8'));
    const run = prepareCase(c);
    const out = toOutput(c, run, runCase(run));
    expect(out.case).toBe('b_crossing_clutter');
    expect(out.estimates.map((e) => e.t)).toEqual(c.scans.map((s) => s.t));
    for (const e of out.estimates) {
      const ids = e.tracks.map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const t of e.tracks) {
        let ok = Number.isInteger(t.id) && t.id > 0 && t.state.length === 4;
        for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) ok &&= t.cov![i][j] === t.cov![j][i];
        expect(ok, `scan ${e.t} track ${t.id}`).toBe(true);
      }
    }
  });

  it('a generated case survives a JSON round trip through the reader', () => {
    const g = generateCase({ name: 'rt', seed: 3, targets: 3, scans: 5, q: 1, sigma: 5, pd: 1, clutterRate: 2, halfWidth: 500, speed: [5, 10] });
    const back = parseTrackingCase(JSON.stringify(caseToJson(g)), 'rt');
    expect(back.scans.map((s) => Array.from(s.z))).toEqual(g.scans.map((s) => Array.from(s.z)));
    expect(back.truth.map((t) => Array.from(t.states))).toEqual(g.truth.map((t) => Array.from(t.states)));
  });
});

function rampart(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('rampart track', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-track-'));

  it('--json prints the summary; --out writes the tracker output format', () => {
    const out = join(dir, 'tracks.json');
    const r = rampart('track', '../shared/data/tracking/a_single_cv.json', '--json', '--out', out);
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as Record<string, any>;
    expect(s.case).toBe('a_single_cv');
    expect(s.meanGospa).toBeLessThanOrEqual(8.69);
    expect(Math.abs(s.meanGospa - (s.localisation + s.missed + s.false))).toBeLessThan(1e-9);
    expect(s.trackCount).toBe(1);
    expect(s.updatesPerSecond).toBeGreaterThan(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { case: string; tracker: string; estimates: { t: number; tracks: { id: number; state: number[] }[] }[] };
    expect(file.case).toBe('a_single_cv');
    expect(file.estimates).toHaveLength(100);
    expect(file.estimates[10].tracks[0].state).toHaveLength(4);
  });

  it('text output names GOSPA parts, OSPA, track count, loop time and updates/s', () => {
    const r = rampart('track', '../shared/data/tracking/d_polar_rb.json', '--tracker', 'gnn');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/mean GOSPA\s+[\d.]+ \(localisation [\d.]+, missed [\d.]+, false [\d.]+/);
    expect(r.out).toMatch(/mean OSPA\s+[\d.]+ m/);
    expect(r.out).toMatch(/tracks\s+6 confirmed/);
    expect(r.out).toMatch(/loop time\s+[\d.]+ ms/);
    expect(r.out).toMatch(/throughput\s+[\d,]+ confirmed-track updates\/s/);
  });

  it('bad input: exit 2 with the field named, no stack trace', () => {
    const bad = join(dir, 'bad.json');
    const c = caseA();
    c.scans[7].detections[0].z = [1];
    writeFileSync(bad, JSON.stringify(c));
    const r = rampart('track', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scans\[7\]\.detections\[0\]\.z: expected 2 numbers, got 1/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
    const missing = rampart('track', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read case file/);
    const tracker = rampart('track', '../shared/data/tracking/a_single_cv.json', '--tracker', 'kalman');
    expect(tracker.code).toBe(2);
    expect(tracker.err).toMatch(/--tracker must be one of/);
    for (const bad of ['0', '2.5', 'x']) {
      const rep = rampart('track', '../shared/data/tracking/a_single_cv.json', '--repeat', bad);
      expect(rep.code).toBe(2);
      expect(rep.err).toMatch(/--repeat must be a positive integer/);
    }
  });

  it('--repeat N: fastest and median run; the tracks are those of one run (all runs are identical)', () => {
    const one = JSON.parse(rampart('track', '../shared/data/tracking/b_crossing_clutter.json', '--json').out) as Record<string, any>;
    const r = rampart('track', '../shared/data/tracking/b_crossing_clutter.json', '--json', '--repeat', '4');
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as Record<string, any>;
    expect(s.repeat).toBe(4);
    expect(s.medianLoopSeconds).toBeGreaterThanOrEqual(s.loopSeconds);
    expect(s.updatesPerSecond).toBeCloseTo(s.confirmedTrackUpdates / s.loopSeconds, 6);
    expect(s.medianUpdatesPerSecond).toBeCloseTo(s.confirmedTrackUpdates / s.medianLoopSeconds, 6);
    expect(s.meanGospa).toBe(one.meanGospa);
    expect(s.confirmedTrackUpdates).toBe(one.confirmedTrackUpdates);
    const text = rampart('track', '../shared/data/tracking/b_crossing_clutter.json', '--repeat', '3');
    expect(text.out).toMatch(/loop time\s+[\d.]+ ms \(best of 3; median [\d.]+ ms\)/);
    expect(text.out).toMatch(/; median run [\d,]+\/s/);
  });
});
