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
    default:
      throw new Error(`no flight model yet for ${threat.category} threats (${threat.id})`);
  }
}

function trajectoryShape(t: NonNullable<Threat['trajectory']>): TrajectoryShape {
  if (t.shape === 'flight-path-angle') return { flightPathAngle: t.flightPathAngle ?? 0 };
  return t.shape;
}
