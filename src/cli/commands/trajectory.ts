/**
 * `rampart trajectory …` — trajectory calculators that fly a state through the simulator's own
 * integrator and equations of motion (flight/), to check the physics from the command line.
 *
 *   rampart trajectory ballistic --burnout-speed <m/s> --flight-path-angle <deg>
 *       [--burnout-altitude <m>] [--end-altitude <m>] [--earth sphere|wgs84] [--rotation on|off]
 *       [--atmosphere on|off] [--lat <deg>] [--lon <deg>] [--azimuth <deg>]
 *       [--ballistic-coefficient <kg/m²>] [--json]
 *   rampart trajectory ballistic --from <lat,lon> --to <lat,lon>
 *       [--min-energy | --lofted | --depressed | --flight-path-angle <deg>] [same Earth options]
 */
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import type { EarthOptions } from '../../flight/dynamics.js';
import type { TrajectoryShape } from '../../flight/targeting.js';

// The flight stack is loaded only when a trajectory is computed (keeps `rampart --help` fast).
let flight: { flyFromBurnout: typeof import('../../flight/impact.js').flyFromBurnout; solveBurnout: typeof import('../../flight/targeting.js').solveBurnout };
async function loadFlight(): Promise<void> {
  const [impact, targeting] = await Promise.all([import('../../flight/impact.js'), import('../../flight/targeting.js')]);
  flight = { flyFromBurnout: impact.flyFromBurnout, solveBurnout: targeting.solveBurnout };
}

const DEG = Math.PI / 180;

interface BallisticFlags {
  burnoutSpeed?: string;
  flightPathAngle?: string;
  burnoutAltitude: string;
  endAltitude: string;
  earth: string;
  rotation: string;
  atmosphere: string;
  lat: string;
  lon: string;
  azimuth: string;
  ballisticCoefficient: string;
  from?: string;
  to?: string;
  minEnergy?: boolean;
  lofted?: boolean;
  depressed?: boolean;
  json?: boolean;
}

function num(flag: string, text: string, check?: (v: number) => string | undefined): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UserError(`${flag}: expected a number, got '${text}'`);
  const problem = check?.(v);
  if (problem) throw new UserError(`${flag}: ${problem} (got ${text})`);
  return v;
}

function choice<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UserError(`${flag}: expected one of ${allowed.join(', ')}, got '${text}'`);
  }
  return text as T;
}

function latLon(flag: string, text: string): { lat: number; lon: number } {
  const parts = text.split(',');
  if (parts.length !== 2) throw new UserError(`${flag}: expected <lat,lon> in degrees, e.g. 40.5,-74.2; got '${text}'`);
  const lat = num(`${flag} latitude`, parts[0]!, (v) => (Math.abs(v) <= 90 ? undefined : 'must be within [-90, 90] degrees'));
  const lon = num(`${flag} longitude`, parts[1]!, (v) => (v >= -180 && v <= 360 ? undefined : 'must be within [-180, 360] degrees'));
  return { lat: lat * DEG, lon: lon * DEG };
}

function earthOptions(f: BallisticFlags): EarthOptions {
  return {
    earth: choice('--earth', f.earth, ['sphere', 'wgs84'] as const),
    rotation: choice('--rotation', f.rotation, ['on', 'off'] as const) === 'on',
    atmosphere: choice('--atmosphere', f.atmosphere, ['on', 'off'] as const) === 'on' ? { kind: 'us1976' } : { kind: 'none' },
  };
}

const angleCheck = (v: number) => (v > -90 && v < 90 ? undefined : 'must be strictly between -90 and 90 degrees');
const heightCheck = (v: number) => (v >= -10_000 && v <= 2_000_000 ? undefined : 'must be within [-10000, 2000000] m');

function fmt(x: number, digits: number): string {
  return x.toFixed(digits);
}

function ballistic(f: BallisticFlags, given: (name: string) => boolean): void {
  const earth = earthOptions(f);
  const burnoutAltitude = num('--burnout-altitude', f.burnoutAltitude, heightCheck);
  const beta = num('--ballistic-coefficient', f.ballisticCoefficient, (v) => (v > 0 ? undefined : 'must be positive (kg/m²)'));
  const targeting = f.from !== undefined || f.to !== undefined;
  if (targeting) {
    if (f.from === undefined || f.to === undefined) throw new UserError('--from and --to go together: give both launch and aimpoint as <lat,lon>');
    if (f.burnoutSpeed !== undefined) throw new UserError('--burnout-speed cannot be given with --from/--to: the speed is what is solved');
    for (const flag of ['lat', 'lon', 'azimuth', 'endAltitude']) {
      if (given(flag)) throw new UserError(`--${flag.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} does not apply to --from/--to targeting`);
    }
    const shapes = [f.minEnergy, f.lofted, f.depressed, f.flightPathAngle !== undefined].filter(Boolean).length;
    if (shapes > 1) throw new UserError('choose one of --min-energy, --lofted, --depressed, --flight-path-angle');
    let shape: TrajectoryShape = 'minimum-energy';
    if (f.lofted) shape = 'lofted';
    else if (f.depressed) shape = 'depressed';
    else if (f.flightPathAngle !== undefined) shape = { flightPathAngle: num('--flight-path-angle', f.flightPathAngle, angleCheck) * DEG };
    const from = latLon('--from', f.from);
    const to = latLon('--to', f.to);
    const s = flight.solveBurnout({ from, to, burnoutAltitude, trajectory: shape, earth, ballisticCoefficient: beta });
    const out = {
      burnoutSpeed_m_s: s.burnout.speed,
      flightPathAngle_deg: s.burnout.flightPathAngle / DEG,
      azimuth_deg: s.burnout.azimuth / DEG,
      groundRange_m: s.flight.groundRange,
      timeOfFlight_s: s.flight.timeOfFlight,
      apogeeAltitude_m: s.flight.apogeeAltitude,
      miss_m: s.miss,
      iterations: s.iterations,
    };
    if (f.json) {
      process.stdout.write(JSON.stringify(out) + '\n');
      return;
    }
    process.stdout.write(
      [
        `burnout speed       ${fmt(out.burnoutSpeed_m_s, 3)} m/s`,
        `flight-path angle   ${fmt(out.flightPathAngle_deg, 4)} deg (${typeof shape === 'string' ? shape : 'given'})`,
        `azimuth             ${fmt(out.azimuth_deg, 4)} deg`,
        `ground range        ${fmt(out.groundRange_m, 1)} m`,
        `time of flight      ${fmt(out.timeOfFlight_s, 3)} s`,
        `apogee altitude     ${fmt(out.apogeeAltitude_m, 1)} m`,
        `miss distance       ${fmt(out.miss_m, 3)} m (${out.iterations} Newton iterations)`,
        '',
      ].join('\n'),
    );
    return;
  }
  if (f.minEnergy || f.lofted || f.depressed) throw new UserError('--min-energy/--lofted/--depressed need --from and --to');
  if (f.burnoutSpeed === undefined) throw new UserError('--burnout-speed <m/s> is required (or give --from and --to)');
  if (f.flightPathAngle === undefined) throw new UserError('--flight-path-angle <deg> is required (or give --from and --to)');
  const speed = num('--burnout-speed', f.burnoutSpeed, (v) => (v > 0 && v < 20_000 ? undefined : 'must be in (0, 20000) m/s'));
  const gamma = num('--flight-path-angle', f.flightPathAngle, angleCheck) * DEG;
  const endAltitude = num('--end-altitude', f.endAltitude, heightCheck);
  const lat = num('--lat', f.lat, (v) => (Math.abs(v) <= 90 ? undefined : 'must be within [-90, 90] degrees')) * DEG;
  const lon = num('--lon', f.lon, (v) => (v >= -180 && v <= 360 ? undefined : 'must be within [-180, 360] degrees')) * DEG;
  const azimuth = num('--azimuth', f.azimuth) * DEG;
  let r;
  try {
    r = flight.flyFromBurnout(
      { lat, lon, altitude: burnoutAltitude, speed, flightPathAngle: gamma, azimuth },
      { earth, endAltitude, ballisticCoefficient: beta },
    );
  } catch (e) {
    if (e instanceof RangeError) throw new UserError(e.message);
    throw e;
  }
  const out = { groundRange_m: r.groundRange, timeOfFlight_s: r.timeOfFlight, apogeeAltitude_m: r.apogeeAltitude };
  if (f.json) {
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  process.stdout.write(
    [
      `ground range        ${fmt(out.groundRange_m, 3)} m`,
      `time of flight      ${fmt(out.timeOfFlight_s, 4)} s`,
      `apogee altitude     ${fmt(out.apogeeAltitude_m, 3)} m`,
      '',
    ].join('\n'),
  );
}

export function register(program: Command): void {
  const trajectory = program
    .command('trajectory')
    .description('trajectory calculators: fly a state through the simulator\'s integrator and report the result');
  const cmd = trajectory
    .command('ballistic')
    .description(
      'fly a ballistic burnout state until it descends through the end altitude and print ground range (m), ' +
        'time of flight (s) and apogee altitude (m); or, with --from/--to, solve the burnout speed and heading ' +
        'that land on the aimpoint',
    )
    .option('--burnout-speed <m/s>', 'burnout speed relative to the Earth (m/s)')
    .option('--flight-path-angle <deg>', 'burnout flight-path angle above the local horizontal (deg)')
    .option('--burnout-altitude <m>', 'burnout height above the surface (m)', '0')
    .option('--end-altitude <m>', 'height whose downward crossing ends the flight (m)', '0')
    .option('--earth <model>', 'sphere (R = 6371000 m, mu = 3.986004418e14) or wgs84 (J2)', 'wgs84')
    .option('--rotation <on|off>', 'Earth rotation (Coriolis and centrifugal terms)', 'on')
    .option('--atmosphere <on|off>', 'drag in the US Standard Atmosphere 1976', 'on')
    .option('--lat <deg>', 'burnout latitude (deg)', '0')
    .option('--lon <deg>', 'burnout longitude (deg)', '0')
    .option('--azimuth <deg>', 'burnout heading, clockwise from north (deg)', '90')
    .option('--ballistic-coefficient <kg/m2>', 'beta = m/(Cd A) of the body for drag (kg/m^2)', '10000')
    .option('--from <lat,lon>', 'launch (burnout) point for targeting (deg)')
    .option('--to <lat,lon>', 'aimpoint for targeting (deg)')
    .option('--min-energy', 'targeting: minimum-energy flight-path angle (default)')
    .option('--lofted', 'targeting: minimum-energy angle + 10 deg')
    .option('--depressed', 'targeting: minimum-energy angle - 10 deg')
    .option('--json', 'print JSON')
    .action(async (opts: BallisticFlags) => {
      await loadFlight();
      ballistic(opts, (name) => cmd.getOptionValueSource(name) === 'cli');
    });
}
