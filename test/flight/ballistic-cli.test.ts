// `rampart trajectory ballistic`: the command-line calculator flies the state through the
// simulator's integrator; with the sphere, no rotation and no atmosphere it must reproduce the
// Kepler closed forms (Bate–Mueller–White ch. 6), written out here independently.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function rampart(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Kepler free flight from and to the surface of a sphere (BMW eqs. 6.2-16, 4.2-12, 6.3-5). */
function kepler(v: number, gammaDeg: number) {
  const mu = 3.986004418e14, R = 6_371_000;
  const g = (gammaDeg * Math.PI) / 180;
  const nu = (v * v * R) / mu;
  const e = Math.sqrt(1 + nu * (nu - 2) * Math.cos(g) ** 2);
  const psi = 2 * Math.acos((1 - nu * Math.cos(g) ** 2) / e);
  const a = R / (2 - nu);
  // Symmetric arc: burnout at true anomaly π − ψ/2, re-entry at π + ψ/2.
  const th = Math.PI - psi / 2;
  const E = 2 * Math.atan(Math.sqrt((1 - e) / (1 + e)) * Math.tan(th / 2));
  const tof = (2 * (Math.PI - E + e * Math.sin(E))) * Math.sqrt(a ** 3 / mu);
  return { groundRange_m: R * psi, timeOfFlight_s: tof, apogeeAltitude_m: a * (1 + e) - R };
}

describe('rampart trajectory ballistic', () => {
  it('--json on the airless non-rotating sphere matches the closed forms to 1e-4', () => {
    for (const [v, g] of [[3000, 45], [7000, 22]] as const) {
      const r = rampart('trajectory', 'ballistic', '--burnout-speed', String(v), '--flight-path-angle', String(g),
        '--earth', 'sphere', '--rotation', 'off', '--atmosphere', 'off', '--json');
      expect(r.code, r.err).toBe(0);
      const got = JSON.parse(r.out) as Record<string, number>;
      expect(Object.keys(got).sort()).toEqual(['apogeeAltitude_m', 'groundRange_m', 'timeOfFlight_s']);
      const k = kepler(v, g);
      for (const key of Object.keys(k) as (keyof typeof k)[]) {
        expect(Math.abs(got[key]! / k[key] - 1), key).toBeLessThan(1e-4);
      }
    }
  });

  it('text output names the three figures with units; --from/--to solves and reports the miss', () => {
    const r = rampart('trajectory', 'ballistic', '--burnout-speed', '5000', '--flight-path-angle', '35', '--burnout-altitude', '80000');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/ground range\s+[\d.]+ m/);
    expect(r.out).toMatch(/time of flight\s+[\d.]+ s/);
    expect(r.out).toMatch(/apogee altitude\s+[\d.]+ m/);
    const t = rampart('trajectory', 'ballistic', '--from', '40,-100', '--to', '45,-80', '--burnout-altitude', '80000', '--json');
    expect(t.code, t.err).toBe(0);
    const s = JSON.parse(t.out) as Record<string, number>;
    expect(s.miss_m).toBeLessThan(100);
    expect(s.burnoutSpeed_m_s).toBeGreaterThan(3000);
    expect(s.burnoutSpeed_m_s).toBeLessThan(6000);
    expect(s.timeOfFlight_s).toBeGreaterThan(0);
  });

  it('bad flags: exit 2 with a message, never a stack trace', () => {
    for (const args of [
      ['--burnout-speed', 'fast', '--flight-path-angle', '30'],
      ['--burnout-speed', '3000'],
      ['--burnout-speed', '3000', '--flight-path-angle', '30', '--earth', 'flat'],
      ['--from', '40;40', '--to', '41,41'],
      ['--from', '40,40', '--to', '41,41', '--burnout-speed', '3000'],
      ['--burnout-speed', '300', '--flight-path-angle', '30', '--end-altitude', '90000'],
    ]) {
      const r = rampart('trajectory', 'ballistic', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^rampart: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('the example in docs/models/flight.md prints what the doc says', () => {
    const doc = readFileSync(new URL('../../docs/models/flight.md', import.meta.url), 'utf8');
    const m = /\$ rampart (trajectory ballistic [^\n]+)\n((?:[a-z ]+\s+[\d.]+ [a-z]+\n)+)/.exec(doc);
    expect(m).not.toBeNull();
    const r = rampart(...m![1]!.trim().split(/\s+/));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(m![2]);
  });
});
