// `rampart wta` on asset-based instances: the JSON fields (objective checked against brute force
// written from the definition), the human-readable report, and clear errors (exit 2) for
// malformed asset-based JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = fileURLToPath(new URL('../data/wta/', import.meta.url));

function rampart(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// asset_6x5x2.json, read as plain JSON, and F = Σ W_k − Σ_k W_k Π_{j→k} (1 − π_j Π_{i→j} (1 − p_ij))
interface File {
  assets: { values: number[] };
  aims: number[];
  lethality: number[];
  pk: number[][];
}
function lost(f: File, a: number[]): number {
  let F = 0;
  f.assets.values.forEach((W, k) => {
    let P = 1;
    f.aims.forEach((ak, j) => {
      if (ak !== k) return;
      let s = 1;
      a.forEach((t, i) => {
        if (t === j) s *= 1 - f.pk[i]![j]!;
      });
      P *= 1 - f.lethality[j]! * s;
    });
    F += W * (1 - P);
  });
  return F;
}
function brute(f: File): number {
  const W = f.pk.length;
  const T = f.aims.length;
  const a = new Array<number>(W).fill(-1);
  let best = Infinity;
  for (;;) {
    best = Math.min(best, lost(f, a));
    let k = 0;
    while (k < W && a[k] === T - 1) a[k++] = -1;
    if (k === W) return best;
    a[k]!++;
  }
}

describe('rampart wta (asset-based)', () => {
  it('--json: objective, lowerBound, status, assignment, time_s (+ survivingValue, survivingValueBound); optimum = brute force', async () => {
    const file = join(DATA, 'asset_6x5x2.json');
    const r = rampart('wta', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['objective', 'lowerBound', 'status', 'assignment', 'time_s', 'survivingValue', 'survivingValueBound']);
    const { readFileSync } = await import('node:fs');
    const f = JSON.parse(readFileSync(file, 'utf8')) as File;
    const a = out.assignment as number[];
    expect(a).toHaveLength(6);
    const F = lost(f, a);
    expect(Math.abs((out.objective as number) - F)).toBeLessThanOrEqual(1e-12 * F);
    expect(Math.abs((out.objective as number) - brute(f))).toBeLessThanOrEqual(1e-9 * F);
    expect(out.status).toBe('optimal');
    expect(out.lowerBound as number).toBeLessThanOrEqual(out.objective as number);
    const total = f.assets.values.reduce((x, y) => x + y, 0);
    expect(Math.abs((out.survivingValue as number) - (total - F))).toBeLessThanOrEqual(1e-12 * total);
    expect(out.survivingValueBound as number).toBeGreaterThanOrEqual(out.survivingValue as number);
  });

  it('human-readable report; the heuristic method reports a bound', () => {
    const file = join(DATA, 'asset_8x8x3.json');
    const r = rampart('wta', file, '--time-limit', '30');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/8 weapons × 8 targets × 3 assets/);
    expect(r.out).toMatch(/objective\s+\d/);
    expect(r.out).toMatch(/status\s+optimal/);
    expect(r.out).toMatch(/surviving\s+\d/);
    const h = JSON.parse(rampart('wta', file, '--method', 'heuristic', '--json').out) as { lowerBound: number; objective: number };
    expect(h.lowerBound).toBeLessThanOrEqual(h.objective);
  });

  it('malformed asset-based JSON: the message only, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wta-asset-cli-'));
    const base = { weapons: 2, targets: 2, assets: { values: [10, 20] }, aims: [0, 1], lethality: [0.5, 1], pk: [[0.5, 0.6], [0.7, 0.8]] };
    for (const [json, msg] of [
      [{ ...base, aims: [0, 5] }, /bad\.json: aims\[1\]: must be an asset index 0\.\.1, got 5/],
      [{ ...base, lethality: [0.5, 2] }, /bad\.json: lethality\[1\]: must be a probability in \[0, 1\], got 2/],
      [{ ...base, assets: { values: 'x' } }, /bad\.json: assets\.values: must be an array of asset values/],
      [{ ...base, lethality: undefined }, /bad\.json: lethality: is missing/],
    ] as Array<[Record<string, unknown>, RegExp]>) {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify(json));
      const r = rampart('wta', bad);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
