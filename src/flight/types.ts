/**
 * The contract between truth motion models and the simulator. Every flying object — ballistic
 * missile, glide vehicle, cruise missile, drone, interceptor, satellite — is a `Flyer`: the World
 * asks it to advance to a time and reads its ECEF state. Only `flight/` and `sim/` see a Flyer
 * (truth); sensors read its state to decide what they would measure, nothing downstream does.
 */

export type FlyerKind = 'ballistic' | 'glide' | 'cruise' | 'drone' | 'interceptor' | 'satellite';

/** Lifecycle of a flyer. `impact` and `destroyed` are terminal. */
export type FlightStatus = 'pending' | 'flying' | 'impact' | 'destroyed';

/** Where and when a flyer reached the ground (found by root finding, not by the overshooting step). */
export interface ImpactPoint {
  /** Seconds since the scenario epoch. */
  t: number;
  /** Geodetic latitude and longitude (rad) and height (m, ≈ 0 or the end altitude). */
  lat: number;
  lon: number;
  h: number;
  /** ECEF position (m) and velocity (m/s) at impact. */
  position: [number, number, number];
  velocity: [number, number, number];
}

export interface Flyer {
  readonly id: string;
  readonly kind: FlyerKind;
  /** Launch (or appearance) time, seconds since the scenario epoch. */
  readonly launchTime: number;
  /** Current truth state, ECEF [x, y, z, vx, vy, vz] (m, m/s), valid at `time`. Owned by the flyer. */
  readonly state: Float64Array;
  /** Time of `state`, seconds since the scenario epoch. */
  readonly time: number;
  readonly status: FlightStatus;
  /** Named phase for reports and sensors (e.g. 'boost', 'midcourse', 'reentry', 'glide', 'cruise', 'terminal'). */
  readonly phase: string;
  /** True while a rocket motor burns (space IR sensors see plumes). */
  readonly thrusting: boolean;
  /** Set once status is 'impact'. */
  readonly impact: ImpactPoint | undefined;
  /** Advance truth to time t ≥ this.time (s since epoch). Before launchTime the status stays 'pending'. */
  advance(t: number): FlightStatus;
  /** Mark the flyer destroyed at time t (an intercept); it stops moving. */
  destroy(t: number): void;
}
