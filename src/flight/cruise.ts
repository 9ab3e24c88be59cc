/**
 * Cruise missiles (Flyer kind 'cruise'): subsonic, low-level (sea-skimming / terrain-following
 * class, 30–100 m above a smooth Earth), following a waypoint route with turn-rate and climb
 * limits, ending with a pop-up-and-dive or a direct dive onto the target. The kinematics are the
 * route model of route.ts (constant speed, geodesic legs, fly-by turns of radius V/ω_max).
 *
 * Parameters: speed and limits from the catalog entry (shared/catalog.json, NOTIONAL public
 * figures: Tomahawk cruise 245 m/s, Kh-101 200 m/s, range 1,600 / 2,500 km, 30–50 m / 30–70 m
 * cruise heights); everything else below is a NOTIONAL assumption of this project, chosen to be
 * plausible for the class and documented in docs/models/flight.md "Cruise missiles":
 *  - turn-rate limit from a 2 g lateral load factor: ω_max = 2·g0 / V (Tomahawk: 0.080 rad/s,
 *    turn radius 3.1 km);
 *  - climb/descent limit 10°;
 *  - Tomahawk terminal: pop-up to 300 m at 30°, then a 45° dive; Kh-101: 40° dive from cruise;
 *  - Tomahawk booster (solid rocket) burns 12 s after launch (an IR-visible plume); the Kh-101 is
 *    air-launched (no booster; pass the carrier's altitude as `launch.h`).
 */
import { UserError } from '../errors.js';
import {
  type AirBreatherType,
  type GeoPoint,
  RouteFlyer,
  type TerminalManeuver,
  buildRoute,
  checkRouteAgainstType,
} from './route.js';

const G0 = 9.80665;
const DEG = Math.PI / 180;

/** Notional flight parameters of a cruise-missile type (see the file header). */
export interface CruiseParameters {
  /** Cruise speed (m/s). */
  speed: number;
  /** Cruise height above ground (m). */
  cruiseHeight: number;
  /** Turn-rate limit (rad/s). */
  maxTurnRate: number;
  /** Climb/descent limit (rad). */
  maxClimbAngle: number;
  terminal: TerminalManeuver;
  /** Booster burn after launch (s), 0 for none. */
  boosterBurnTime: number;
}

/** NOTIONAL per-type settings beyond the catalog (see the header for the reasoning). */
const NOTIONAL: Record<string, Partial<CruiseParameters> & { lateralLoadFactor?: number }> = {
  tomahawk: {
    cruiseHeight: 50,
    lateralLoadFactor: 2,
    maxClimbAngle: 10 * DEG,
    terminal: { kind: 'popup', popupHeight: 300, climbAngle: 30 * DEG, diveAngle: 45 * DEG },
    boosterBurnTime: 12,
  },
  'kh-101': {
    cruiseHeight: 50,
    lateralLoadFactor: 2,
    maxClimbAngle: 10 * DEG,
    terminal: { kind: 'dive', diveAngle: 40 * DEG },
    boosterBurnTime: 0,
  },
};

/** The parameters a cruise missile of this type flies with (catalog + notional defaults + overrides). */
export function cruiseParameters(type: AirBreatherType, overrides: Partial<CruiseParameters> = {}): CruiseParameters {
  const n = NOTIONAL[type.id] ?? {};
  const speed = overrides.speed ?? type.cruise_speed_m_s ?? type.max_speed_m_s;
  const cruiseHeight = overrides.cruiseHeight ?? n.cruiseHeight ?? Math.max(50, type.min_altitude_m ?? 50);
  const loadFactor = n.lateralLoadFactor ?? 2;
  return {
    speed,
    cruiseHeight,
    maxTurnRate: overrides.maxTurnRate ?? (loadFactor * G0) / speed,
    maxClimbAngle: overrides.maxClimbAngle ?? n.maxClimbAngle ?? 10 * DEG,
    terminal: overrides.terminal ?? n.terminal ?? { kind: 'dive', diveAngle: 40 * DEG },
    boosterBurnTime: overrides.boosterBurnTime ?? n.boosterBurnTime ?? 0,
  };
}

export interface CruiseMissileOptions extends Partial<CruiseParameters> {
  /** Stable id of the flyer (e.g. "raid-1/tomahawk-07"). */
  id: string;
  /** Launch time, seconds since the scenario epoch. */
  launchTime: number;
  /** Launch point (rad, m); `h` = launch height (ground/ship 0, or the carrier's altitude). */
  launch: GeoPoint;
  /** Turn points (rad); omit for a direct geodesic route. */
  waypoints?: readonly GeoPoint[];
  /** Aimpoint (rad, m). */
  target: GeoPoint;
}

/**
 * A cruise missile of the catalog type `type` flying `options` (Flyer kind 'cruise').
 * Throws `UserError` if the route is infeasible for the type (too long for its range, too short
 * for climb + terminal maneuver, waypoints too close for its turn radius).
 */
export function cruiseMissile(type: AirBreatherType, options: CruiseMissileOptions): RouteFlyer {
  if (!type || typeof type.max_speed_m_s !== 'number') {
    throw new UserError(`${options.id}: cruise missile type has no max_speed_m_s`);
  }
  const p = cruiseParameters(type, options);
  const route = buildRoute({
    launch: options.launch,
    waypoints: options.waypoints,
    target: options.target,
    speed: p.speed,
    maxTurnRate: p.maxTurnRate,
    cruiseHeight: p.cruiseHeight,
    maxClimbAngle: p.maxClimbAngle,
    terminal: p.terminal,
    label: options.id,
  });
  checkRouteAgainstType(route, type, options.id, p.cruiseHeight);
  return new RouteFlyer(options.id, 'cruise', options.launchTime, route, p.boosterBurnTime);
}
