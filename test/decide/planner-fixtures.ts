// Shared fixtures of the battle-manager tests: a site at 50°N 30°E, notional PAC-3-like and gun
// interceptor types on constant-speed kinematics, drones flying straight at an asset and
// Iskander-class ballistic tracks from flight/ truth.
import geographiclib from 'geographiclib-geodesic';
import { ballisticMissile } from '../../src/flight/index.js';
import { aerToEcef, ecefToEnu, enuToEcef, geodeticToEcef } from '../../src/geo/index.js';
import { mat } from '../../src/math/index.js';
import type { Asset, Battery, Doctrine, InterceptorType } from '../../src/scenario/types.js';
import type { PictureTrack, TargetClass } from '../../src/track/picture.js';
import { BattleManager, constantSpeedKinematics, type BattleManagerOptions, type BatteryReadiness } from '../../src/decide/index.js';

export const WGS84 = geographiclib.Geodesic.WGS84;
export const DEG = Math.PI / 180;
export const site = { lat: 50 * DEG, lon: 30 * DEG, h: 0 };

export const DOCTRINE: Doctrine = {
  weaponsControl: 'free',
  fire: { mode: 'shoot-look-shoot', salvoSize: 1 },
  maxShotsPerThreat: 4,
  reserve: { kind: 'share', share: 0 },
  priorities: {
    threats: ['ballistic', 'glide', 'cruise', 'aircraft', 'drone'],
    assets: ['command-post', 'power-plant', 'substation', 'radar-site', 'airbase', 'military', 'port', 'city', 'other'],
  },
  costAware: { enabled: false, maxCostRatio: 1 },
  killAssessmentDelay: 3,
  minPk: 0,
};

export const PAC3 = {
  id: 'pac3-mse', kill: 'hit-to-kill', maxSpeed: 1700, minRange: 3000, maxRange: 60_000, minAltitude: 60, maxAltitude: 36_000,
  unitCost: 4_100_000, pk: 0.7, reactionTime: 5, launchInterval: 2, roundsPerShot: 1,
} as InterceptorType;
export const GUN = {
  id: 'gepard', kill: 'gun', maxSpeed: 1175, minRange: 0, maxRange: 5500, minAltitude: 0, maxAltitude: 3500,
  unitCost: 1000, pk: 0.3, reactionTime: 5, launchInterval: 0, roundsPerShot: 30,
} as InterceptorType;

export function battery(id: string, type: InterceptorType, over: Partial<Omit<Battery, 'doctrine'>> & { doctrine?: Partial<Doctrine> } = {}): Battery {
  const { doctrine, ...rest } = over;
  return {
    id, name: id, force: 'blue', interceptorId: type.id, interceptor: type, location: site, launchers: 4, interceptorsPerLauncher: 4,
    inventory: 16, reloadTime: null, sector: { boresight: 0, width: 2 * Math.PI }, radar: null, cuedBy: [], defends: ['plant', 'city', 'cp'],
    layer: type.kill === 'gun' ? 'gun' : 'lower', doctrine: { ...DOCTRINE, ...doctrine }, ...rest,
  };
}

/** An asset `east`, `north` metres from the site (geodesic), footprint radius 300 m. */
export function asset(id: string, kind: Asset['kind'], east: number, north: number, value: number, valueUsd: number | null): Asset {
  const az = Math.atan2(east, north) / DEG, dist = Math.hypot(east, north);
  const r = dist > 0 ? WGS84.Direct(50, 30, az, dist) : { lat2: 50, lon2: 30 };
  return {
    id, name: id, force: 'blue', kind, location: { lat: (r.lat2 as number) * DEG, lon: (r.lon2 as number) * DEG, h: 0 },
    area: { kind: 'circle', radius: 300 }, value, valueUsd, hardness: 34_474, power: null,
  };
}

/** A drone at `range` m from the site at azimuth `az`, 500 m up, flying at 50 m/s toward `toward`. */
export function drone(id: string, az: number, range: number, toward: Asset, t = 0, cls: TargetClass = 'drone', quality = 0.9): PictureTrack {
  const p = aerToEcef(site, { azimuth: az, elevation: 0, range });
  const e = ecefToEnu(site, p);
  const start = enuToEcef(site, [e[0], e[1], 500]);
  const aim = geodeticToEcef({ ...toward.location, h: 500 });
  const d = [aim[0] - start[0], aim[1] - start[1], aim[2] - start[2]];
  const n = Math.hypot(d[0], d[1], d[2]);
  const v = d.map((x) => (50 * x) / n);
  return {
    id, t, state: Float64Array.from([start[0] + v[0] * t, start[1] + v[1] * t, start[2] + v[2] * t, ...v]),
    covariance: mat.diagonal([30 ** 2, 30 ** 2, 30 ** 2, 1, 1, 1]), classProbabilities: { [cls]: 1 }, classification: cls,
    quality, status: 'confirmed', sensors: ['r1'],
  };
}

/** An Iskander-class missile (flight/ truth) launched 280 km away at azimuth `az` (deg) at `target`; a perfect track `before` s before impact, at t = 0. */
export function ballisticTrack(id: string, az: number, target: Asset, before = 25): PictureTrack {
  const launch = WGS84.Direct(50, 30, az, 280_000);
  const make = () => ballisticMissile({ id, type: 'iskander-m', launch: { lat: (launch.lat2 as number) * DEG, lon: (launch.lon2 as number) * DEG }, aimpoint: target.location, launchTime: 0 });
  const f = make();
  while (f.advance(f.time + 1) !== 'impact') { /* find the impact time */ }
  const g = make();
  g.advance(f.impact!.t - before);
  return {
    id, t: 0, state: g.state.slice(), covariance: mat.diagonal([20 ** 2, 20 ** 2, 20 ** 2, 2 ** 2, 2 ** 2, 2 ** 2]),
    classProbabilities: { ballistic: 1 }, classification: 'ballistic', quality: 0.95, status: 'confirmed', sensors: ['r1'],
  };
}

export const kinematics = (b: Battery) => constantSpeedKinematics(b.interceptor.kill === 'gun' ? 700 : 1500, b.interceptor);

export function readiness(b: Battery, shots = b.inventory / b.interceptor.roundsPerShot, loaded = shots): BatteryReadiness {
  return { battery: b.id, loadedShots: loaded, inventoryShots: shots, initialShots: shots, nextLaunchTime: 0 };
}

export const plant = asset('plant', 'substation', 0, 0, 10, 5_000_000);

export function manager(batteries: Battery[], assets: Asset[] = [plant], doctrine: Partial<Doctrine> = {}, over: Partial<BattleManagerOptions> = {}): BattleManager {
  return new BattleManager({ force: 'blue', batteries, assets, doctrine: { ...DOCTRINE, ...doctrine }, kinematics, ...over });
}
