/**
 * Scenario threat → truth flyer. Each threat's random draws (dispersion) come from its own stream
 * (seed, `threat/<id>/flight`), so adding a threat never changes another's flight.
 */
import { stream } from '../math/index.js';
import type { Threat, ThreatType } from '../scenario/index.js';
import type { Flyer } from '../flight/types.js';
import type { AirBreatherType } from '../flight/route.js';
import { oneWayAttackDrone } from '../flight/drone.js';
import { cruiseMissile } from '../flight/cruise.js';
import { ballisticMissile } from '../flight/ballistic.js';
import type { TrajectoryShape } from '../flight/targeting.js';
import { glideVehicle, type GlideManeuver, type ManeuverTrigger } from '../flight/glide.js';
import type { Maneuver } from '../scenario/index.js';

export interface FlyerContext {
  seed: number;
  /** Scenario epoch, ms since 1970 (Earth rotation, satellites). */
  epochMs: number;
}

export type FlyerFactory = (threat: Threat, ctx: FlyerContext) => Flyer;

/** The catalog field names the route-following models read, from a resolved scenario type. */
export function airBreatherType(t: ThreatType): AirBreatherType {
  return {
    id: t.model,
    max_speed_m_s: t.maxSpeed,
    cruise_speed_m_s: t.cruiseSpeed,
    min_altitude_m: t.minAltitude,
    max_altitude_m: t.maxAltitude,
    max_range_m: t.maxRange,
  };
}

export function createThreatFlyer(threat: Threat, ctx: FlyerContext): Flyer {
  const common = {
    id: threat.id,
    launchTime: threat.launch.time,
    launch: threat.launch.location,
    waypoints: threat.route,
    target: threat.target.point,
    ...(threat.cruiseAltitude !== null ? { cruiseHeight: threat.cruiseAltitude } : {}),
  };
  switch (threat.category) {
    case 'drone':
      return oneWayAttackDrone(airBreatherType(threat.type), common, stream(ctx.seed, `threat/${threat.id}/flight`));
    case 'cruise':
    case 'aircraft':
      return cruiseMissile(airBreatherType(threat.type), common);
    case 'ballistic':
      return ballisticMissile({
        id: threat.id,
        type: threat.type.model,
        launch: threat.launch.location,
        aimpoint: threat.target.point,
        launchTime: threat.launch.time,
        ...(threat.trajectory ? { trajectory: trajectoryShape(threat.trajectory) } : {}),
      });
    case 'glide':
      return glideVehicle(
        { id: threat.type.model, max_speed_m_s: threat.type.maxSpeed, max_range_m: threat.type.maxRange },
        {
          id: threat.id,
          launchTime: threat.launch.time,
          launch: threat.launch.location,
          aimpoint: threat.target.point,
          ...(threat.maneuver ? { maneuvers: [glideManeuver(threat.maneuver)] } : {}),
        },
      );
    default:
      throw new Error(`no flight model yet for ${threat.category} threats (${threat.id})`);
  }
}

function trajectoryShape(t: NonNullable<Threat['trajectory']>): TrajectoryShape {
  if (t.shape === 'flight-path-angle') return { flightPathAngle: t.flightPathAngle ?? 0 };
  return t.shape;
}

/** Effective gravity of an equilibrium glide at ~2.5 km/s (g − v²/r ≈ 8.8 m/s²), for load → bank. */
const G_EFF = 8.8;
/** A maneuver that lasts until the glide ends (the glide model stops it at the terminal dive). */
const UNTIL_TERMINAL = 1e5;
/** Largest bank a scenario maneuver commands (rad); see glideManeuver. */
export const MAX_MANEUVER_BANK = (30 * Math.PI) / 180;

/**
 * Scenario maneuver (lateral amplitude, crossrange, load limit) → the glide model's bank program.
 * In an equilibrium glide L·cos σ = m·g_eff, so a bank σ gives a lateral acceleration g_eff·tan σ;
 * the load limit n caps σ at atan(√(n² − 1)), and σ is further capped at 30°: the notional DF-17
 * glide body keeps enough lift for range control up to about that bank (flown: weaving at 45° the
 * whole glide falls ~240 km short), so a scenario maneuver bends the path without losing the aimpoint.
 * - weave: bank ±σ reversed every half period; a square-wave lateral acceleration a of period P
 *   moves the vehicle ±a·P²/32 across its track, so a = 32·A/P² for amplitude A.
 * - dogleg: a constant bank for T = √(|C|/a) s (C = crossrange), after which range control turns the
 *   vehicle back toward its aimpoint — an approximate, documented mapping.
 * - pull-up: maximum lift for 10 s, by default when 100 km remain.
 */
export function glideManeuver(m: Maneuver): GlideManeuver {
  const maxBank = Math.min(MAX_MANEUVER_BANK, Math.atan(Math.sqrt(Math.max(0, m.maxLoad * m.maxLoad - 1))));
  const start: ManeuverTrigger = m.start !== null ? { time: m.start } : m.kind === 'pull-up' ? { rangeToGo: 100_000 } : { time: 0 };
  switch (m.kind) {
    case 'weave': {
      const bank = Math.min(maxBank, Math.atan((32 * m.amplitude) / (m.period * m.period) / G_EFF));
      return { kind: 'weave', start, duration: UNTIL_TERMINAL, bank, period: m.period };
    }
    case 'dogleg': {
      const bank = maxBank * Math.sign(m.crossrange || 1);
      const a = G_EFF * Math.tan(Math.abs(bank));
      return { kind: 'dogleg', start, duration: Math.sqrt(Math.abs(m.crossrange) / a), bank };
    }
    case 'pull-up':
      return { kind: 'pull-up', start, duration: 10 };
  }
}
