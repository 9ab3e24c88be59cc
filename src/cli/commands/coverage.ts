/**
 * `rampart coverage <scenario> [--rcs m²] [--altitude m] [--pd p] [--out file.geojson] …`:
 * each radar's detection footprint (field of regard, range limits, 4/3-Earth horizon, radar
 * equation at Pd) for a target RCS at an altitude, and each force's space-IR constellation
 * coverage over time. Prints a table (or JSON with --json); --out writes GeoJSON.
 * Heavy modules are imported inside the action so `rampart --help` stays fast.
 */
import type { Command } from 'commander';
import { UserError } from '../../errors.js';

interface CoverageFlags {
  rcs: string;
  altitude: string;
  pd: string;
  out?: string;
  grid: string;
  step: string;
  duration: string;
  cloudTop: string;
  json?: boolean;
}

function num(flag: string, text: string, check: (v: number) => string | undefined): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UserError(`${flag}: expected a number, got '${text}'`);
  const problem = check(v);
  if (problem) throw new UserError(`${flag}: ${problem} (got ${text})`);
  return v;
}

const km = (m: number): string => (m / 1000).toFixed(1);

export function register(program: Command): void {
  program
    .command('coverage')
    .description('radar detection footprints and space-IR coverage of a scenario (GeoJSON with --out)')
    .argument('<scenario>', 'scenario file (.yaml, .yml or .json)')
    .option('--rcs <m2>', 'target radar cross section, m²', '1')
    .option('--altitude <m>', 'target height above the ellipsoid, m', '1000')
    .option('--pd <p>', 'detection probability at the footprint edge', '0.5')
    .option('--out <file>', 'write the footprints and IR coverage cells as a GeoJSON FeatureCollection')
    .option('--grid <deg>', 'IR coverage grid spacing, degrees', '5')
    .option('--step <s>', 'IR coverage time step, seconds', '900')
    .option('--duration <s>', 'IR coverage interval from the scenario epoch, seconds', '86400')
    .option('--cloud-top <m>', 'cloud-top height plumes and lines of sight must clear, m', '10000')
    .option('--json', 'print a JSON summary instead of the table')
    .addHelpText(
      'after',
      `
Radar footprint: the ground area over which a target of the given RCS at the given altitude is
detected with at least the given probability (sector, elevation limits, min/max range, 4/3-Earth
horizon, radar equation or calibration; no jamming or clutter). IR coverage: fraction of the
Earth (area-weighted grid) where a plume 5 km above the cloud tops is seen by ≥ 1 and ≥ 2
satellites, sampled over the interval. Models: docs/models/sensors.md.`,
    )
    .action(async (file: string, f: CoverageFlags) => {
      const rcs = num('--rcs', f.rcs, (v) => (v > 0 && v <= 1e4 ? undefined : 'must be in (0, 10000] m²'));
      const altitude = num('--altitude', f.altitude, (v) => (v >= 0 && v <= 2e6 ? undefined : 'must be within [0, 2000000] m'));
      const pd = num('--pd', f.pd, (v) => (v > 0.01 && v < 0.999 ? undefined : 'must be in (0.01, 0.999)'));
      const gridDeg = num('--grid', f.grid, (v) => (v >= 0.5 && v <= 30 ? undefined : 'must be within [0.5, 30] degrees'));
      const step = num('--step', f.step, (v) => (v >= 10 && v <= 86_400 ? undefined : 'must be within [10, 86400] s'));
      const duration = num('--duration', f.duration, (v) => (v >= 0 && v <= 30 * 86_400 ? undefined : 'must be within [0, 2592000] s'));
      const cloudTop = num('--cloud-top', f.cloudTop, (v) => (v >= 0 && v <= 50_000 ? undefined : 'must be within [0, 50000] m'));

      const { loadScenarioFile } = await import('../../scenario/index.js');
      const sense = await import('../../sense/index.js');
      const { satelliteFromElements, satelliteFromTle } = await import('../../flight/satellite.js');
      const scenario = loadScenarioFile(file);

      const RAD = 180 / Math.PI;
      const radars = scenario.sensors.filter((s) => s.kind === 'radar' || s.kind === 'early-warning-radar');
      const footprints = radars.map((s) => {
        const model = sense.radarModel(s);
        const fp = sense.radarFootprint(model, { rcs, altitude, pd });
        return {
          sensor: s.id,
          force: s.force,
          kind: s.kind,
          detectionRange: fp.detectionRange,
          horizonRange: sense.radarHorizonRange({ antennaHeight: Math.max(0, model.site.h), targetHeight: altitude }),
          maxGroundRange: fp.maxGroundRange,
          minGroundRange: fp.minGroundRange,
          falseAlarmsPerScan: model.falseAlarmsPerScan,
          rings: fp.rings,
        };
      });

      // IR: one constellation per force (every ir-satellite sensor of the force together).
      const byForce = new Map<string, import('../../sense/index.js').SatelliteEphemeris[]>();
      for (const s of scenario.sensors) {
        if (s.kind !== 'ir-satellite') continue;
        const list = byForce.get(s.force) ?? [];
        for (const sat of s.satellites) {
          list.push(
            sat.kind === 'tle'
              ? satelliteFromTle(sat.id, sat.tle[0], sat.tle[1], scenario.epochMs)
              : satelliteFromElements(sat.id, { ...sat.elements, epoch: sat.elements.epochMs }, scenario.epochMs),
          );
        }
        byForce.set(s.force, list);
      }
      const infrared = [...byForce].map(([force, sats]) => {
        const cov = sense.irCoverage(sats, { duration, step, grid: gridDeg / RAD, cloudTop, altitude: cloudTop + 5000 });
        const stats = (xs: number[]) => ({ min: Math.min(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length, max: Math.max(...xs) });
        return { force, satellites: sats.map((s) => s.id), samples: cov.times.length, one: stats(cov.fractionOne), two: stats(cov.fractionTwo), cov };
      });

      if (f.out) {
        const { writeFileSync } = await import('node:fs');
        const features: unknown[] = footprints.map((fp) => ({
          type: 'Feature',
          properties: {
            kind: 'radar-footprint', sensor: fp.sensor, force: fp.force, rcs, altitude, pd,
            detectionRange: Math.round(fp.detectionRange), maxGroundRange: Math.round(fp.maxGroundRange),
          },
          geometry: { type: 'Polygon', coordinates: fp.rings },
        }));
        for (const ir of infrared) {
          const half = ir.cov.grid / 2;
          for (const c of ir.cov.cells) {
            const [s, n, w, e] = [c.lat - half, c.lat + half, c.lon - half, c.lon + half].map((x) => Math.round(x * RAD * 1e6) / 1e6);
            features.push({
              type: 'Feature',
              properties: { kind: 'ir-coverage', force: ir.force, timeOne: c.timeOne, timeTwo: c.timeTwo },
              geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
            });
          }
        }
        try {
          writeFileSync(f.out, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
        } catch (e) {
          throw new UserError(`--out: cannot write ${f.out} (${(e as Error).message})`);
        }
      }

      if (f.json) {
        const summary = {
          scenario: scenario.name, rcs, altitude, pd,
          radars: footprints.map(({ rings: _r, ...rest }) => rest),
          infrared: infrared.map(({ cov: _c, ...rest }) => rest),
        };
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      out.push(`${scenario.name}`);
      if (footprints.length > 0) {
        out.push(`Radar footprints: RCS ${rcs} m², altitude ${altitude} m, Pd ${pd}`);
        out.push('  sensor                  force        det. range km  horizon km  footprint km      false alarms/scan');
        for (const fp of footprints) {
          out.push(
            `  ${fp.sensor.padEnd(24)}${fp.force.padEnd(13)}${km(fp.detectionRange).padStart(13)}  ${km(fp.horizonRange).padStart(10)}  ${`${km(fp.minGroundRange)}–${km(fp.maxGroundRange)}`.padStart(16)}  ${fp.falseAlarmsPerScan.toFixed(2).padStart(17)}`,
          );
        }
      } else out.push('No radars.');
      for (const ir of infrared) {
        const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
        out.push(`IR coverage, ${ir.force}: ${ir.satellites.length} satellites, ${ir.samples} samples over ${duration} s, plume at ${cloudTop + 5000} m`);
        out.push(`  seen by ≥ 1 satellite: min ${pct(ir.one.min)}, mean ${pct(ir.one.mean)}, max ${pct(ir.one.max)} of the Earth`);
        out.push(`  seen by ≥ 2 satellites: min ${pct(ir.two.min)}, mean ${pct(ir.two.mean)}, max ${pct(ir.two.max)} (triangulation)`);
      }
      if (f.out) out.push(`GeoJSON written to ${f.out}`);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
