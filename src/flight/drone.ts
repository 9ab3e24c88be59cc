/**
 * One-way attack drones (Flyer kind 'drone'), Shahed-136 class: slow (~50 m/s), low, on a
 * waypoint or direct geodesic ("great-circle") route, ending in a steep dive onto the aimpoint,
 * with notional dispersion. Kinematics are the route model of route.ts, built once per drone;
 * a state evaluation afterwards is allocation-free and O(1) — raids of thousands are cheap.
 *
 * Dispersion (NOTIONAL, drawn once at construction from the caller's RNG stream, so determinism
 * stays with the caller): draws are taken in this fixed order —
 *   1. speed factor 1 + σ_v·z (σ_v default 0.03), clamped to [0.8, 1.2] and to the type's max speed;
 *   2. for each waypoint, north then east displacement σ_wp·z (m, default 0);
 *   3. aimpoint north then east miss σ_aim·z (m): default CEP 15 m ⇒ σ = CEP/1.1774
 *      (for a circular normal, CEP = σ·√(2 ln 2) = 1.1774σ; e.g. Driels, "Weaponeering", 2004).
 *
 * Notional flight parameters (catalog: shahed-136 cruise 50 m/s, max 51 m/s, 50–4,000 m,
 * 2,000 km range): cruise height 300 m, turn-rate limit 3°/s (the aviation "standard rate"
 * turn), climb limit 5°, terminal dive 45°, rocket-assisted take-off burning 2 s.
 */
import { UserError } from '../errors.js';
import { geodesicDirect } from '../geo/index.js';
import {
  type AirBreatherType,
  type GeoPoint,
  RouteFlyer,
  type TerminalManeuver,
  buildRoute,
  checkRouteAgainstType,
} from './route.js';

const DEG = Math.PI / 180;
/** CEP = σ·√(2 ln 2) for a circular normal miss distribution. */
export const CEP_PER_SIGMA = Math.sqrt(2 * Math.LN2);

/** Anything that draws standard normal variates (e.g. a math/ `Rng` stream). */
export interface NormalSource {
  normal(): number;
}

/** Notional flight parameters of a drone type. */
export interface DroneParameters {
  speed: number;
  cruiseHeight: number;
  maxTurnRate: number;
  maxClimbAngle: number;
  terminal: TerminalManeuver;
  boosterBurnTime: number;
}

/** NOTIONAL dispersion parameters (1σ). */
export interface DroneDispersion {
  /** Relative speed 1σ (default 0.03). */
  speedSigma?: number;
  /** Waypoint displacement 1σ per horizontal axis (m, default 0). */
  waypointSigma?: number;
  /** Aimpoint miss CEP (m, default 15). */
  aimCep?: number;
}

const NOTIONAL: Record<string, Partial<DroneParameters>> = {
  'shahed-136': {
    cruiseHeight: 300,
    maxTurnRate: 3 * DEG,
    maxClimbAngle: 5 * DEG,
    terminal: { kind: 'dive', diveAngle: 45 * DEG },
    boosterBurnTime: 2,
  },
};

/** Parameters a drone of this type flies with (catalog + notional defaults + overrides). */
export function droneParameters(type: AirBreatherType, overrides: Partial<DroneParameters> = {}): DroneParameters {
  const n = NOTIONAL[type.id] ?? {};
  return {
    speed: overrides.speed ?? type.cruise_speed_m_s ?? type.max_speed_m_s,
    cruiseHeight: overrides.cruiseHeight ?? n.cruiseHeight ?? Math.max(300, type.min_altitude_m ?? 0),
    maxTurnRate: overrides.maxTurnRate ?? n.maxTurnRate ?? 3 * DEG,
    maxClimbAngle: overrides.maxClimbAngle ?? n.maxClimbAngle ?? 5 * DEG,
    terminal: overrides.terminal ?? n.terminal ?? { kind: 'dive', diveAngle: 45 * DEG },
    boosterBurnTime: overrides.boosterBurnTime ?? n.boosterBurnTime ?? 0,
  };
}

export interface DroneOptions extends Partial<DroneParameters> {
  id: string;
  /** Launch time, seconds since the scenario epoch. */
  launchTime: number;
  launch: GeoPoint;
  /** Turn points; omit (or empty) for the direct geodesic route launch → target. */
  waypoints?: readonly GeoPoint[];
  target: GeoPoint;
  dispersion?: DroneDispersion;
}

/** Moves a point by (north, east) metres along the geodesic (keeps its height). */
function offsetPoint(p: GeoPoint, north: number, east: number): GeoPoint {
  const d = Math.hypot(north, east);
  if (d === 0) return p;
  const g = geodesicDirect(p.lat, p.lon, Math.atan2(east, north), d);
  return { lat: g.lat, lon: g.lon, h: p.h };
}

/**
 * A one-way attack drone of catalog type `type` (Flyer kind 'drone'). If `rng` is given, the
 * notional dispersion is drawn from it in the documented order; without it the drone flies the
 * nominal route exactly.
 */
export function oneWayAttackDrone(type: AirBreatherType, options: DroneOptions, rng?: NormalSource): RouteFlyer {
  if (!type || typeof type.max_speed_m_s !== 'number') {
    throw new UserError(`${options.id}: drone type has no max_speed_m_s`);
  }
  const p = droneParameters(type, options);
  let speed = p.speed;
  let waypoints = options.waypoints ?? [];
  let target = options.target;
  if (rng) {
    const disp = options.dispersion ?? {};
    const sv = disp.speedSigma ?? 0.03;
    const factor = Math.min(1.2, Math.max(0.8, 1 + sv * rng.normal()));
    speed = Math.min(speed * factor, type.max_speed_m_s);
    const sw = disp.waypointSigma ?? 0;
    waypoints = waypoints.map((w) => {
      const north = sw * rng.normal();
      const east = sw * rng.normal();
      return offsetPoint(w, north, east);
    });
    const sa = (disp.aimCep ?? 15) / CEP_PER_SIGMA;
    const north = sa * rng.normal();
    const east = sa * rng.normal();
    target = offsetPoint(target, north, east);
  }
  const route = buildRoute({
    launch: options.launch,
    waypoints,
    target,
    speed,
    maxTurnRate: p.maxTurnRate,
    cruiseHeight: p.cruiseHeight,
    maxClimbAngle: p.maxClimbAngle,
    terminal: p.terminal,
    label: options.id,
  });
  checkRouteAgainstType(route, type, options.id, p.cruiseHeight);
  return new RouteFlyer(options.id, 'drone', options.launchTime, route, p.boosterBurnTime);
}
