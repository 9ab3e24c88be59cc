/**
 * Boost phase of a ballistic missile: a notional multi-stage rocket with constant thrust and mass
 * flow per stage, flown with a vertical rise, a pitch-over ("kick") and a gravity turn, ending at
 * thrust termination (the cut-off time) where the re-entry vehicle separates.
 *
 * Per stage k (burning during [T_k, T_k + t_b,k)):
 *   ṁ_k = m_prop,k / t_b,k,   F_k = ṁ_k · Isp_k · g0   (g0 = 9.80665 m/s²; Sutton & Biblarz,
 *   "Rocket Propulsion Elements", 9th ed., eqs. 2-5, 3-33; the pressure thrust and its altitude
 *   variation are folded into one effective Isp per stage),
 *   m(τ) = m_payload + Σ_{j ≥ k} (m_prop,j + m_inert,j) − ṁ_k (τ − T_k);  inert mass of stage k is
 *   dropped at its burnout (no coast between stages).
 *   Ideal velocity gain (Tsiolkovsky): Δv = Σ_k Isp_k g0 ln(m_0,k / m_f,k) — the flown speed is
 *   lower by the gravity and drag losses the integration computes.
 * Steering (a classical gravity-turn program; Wiesel, "Spaceflight Dynamics", 2nd ed., §8.4):
 *   vertical rise for t_v seconds along the launch site's up (surface normal);
 *   pitch kick during t_k seconds: thrust held along (cos δ · up + sin δ · heading), heading the
 *   launch azimuth's horizontal unit vector, so the velocity turns toward δ from the vertical;
 *   gravity turn afterwards: thrust along the Earth-relative (ECEF, i.e. air-relative) velocity.
 * The kick angle δ, the azimuth and the cut-off time are the three controls targeting solves for
 * (targeting.ts). Drag during boost uses β(τ) = m(τ)/(C_D·A), A = π d²/4.
 *
 * Every number in the catalog vehicles (ballistic.ts) is NOTIONAL.
 */
import type { Vehicle } from './dynamics.js';

/** Standard gravity g0 (m/s²) that defines specific impulse. */
export const STANDARD_GRAVITY = 9.80665;

export interface RocketStage {
  /** Propellant burned by the stage (kg). */
  propellantMass: number;
  /** Structure and motor case dropped at the stage's burnout (kg). */
  inertMass: number;
  /** Burn time at constant thrust (s). */
  burnTime: number;
  /** Effective specific impulse (s). */
  specificImpulse: number;
}

export interface BoostVehicleSpec {
  /** Stages, first to last. */
  stages: readonly RocketStage[];
  /** Mass above the last stage: re-entry vehicle(s) and bus (kg). */
  payloadMass: number;
  /** Body diameter (m), drag reference. */
  diameter: number;
  /** Drag coefficient of the stack during boost (constant, notional). */
  dragCoefficient: number;
  /** Vertical rise (s). */
  verticalRiseTime: number;
  /** Duration of the pitch-over (s). */
  pitchOverTime: number;
}

/** The three controls of one boost. */
export interface BoostProgram {
  /** Thrust angle from the vertical at the end of the pitch-over (rad). */
  kickAngle: number;
  /** Launch heading, clockwise from north (rad). */
  azimuth: number;
  /** Thrust termination, seconds after launch (≤ total burn time). */
  cutoffTime: number;
}

/** Sum of stage burn times (s). */
export function totalBurnTime(spec: BoostVehicleSpec): number {
  return spec.stages.reduce((s, st) => s + st.burnTime, 0);
}

/** Lift-off mass (kg). */
export function liftoffMass(spec: BoostVehicleSpec): number {
  return spec.stages.reduce((s, st) => s + st.propellantMass + st.inertMass, spec.payloadMass);
}

/** Thrust of a stage (N): ṁ·Isp·g0. */
export function stageThrust(stage: RocketStage): number {
  return (stage.propellantMass / stage.burnTime) * stage.specificImpulse * STANDARD_GRAVITY;
}

/** Vehicle mass (kg) at τ seconds after launch (payload only after the last burn). */
export function massAt(spec: BoostVehicleSpec, tau: number): number {
  let above = liftoffMass(spec);
  let start = 0;
  for (const st of spec.stages) {
    if (tau < start + st.burnTime) {
      return above - (st.propellantMass / st.burnTime) * Math.max(0, tau - start);
    }
    above -= st.propellantMass + st.inertMass;
    start += st.burnTime;
  }
  return spec.payloadMass;
}

/** Ideal (Tsiolkovsky) velocity gain up to the cut-off time (m/s), no gravity or drag loss. */
export function idealDeltaV(spec: BoostVehicleSpec, cutoffTime = Infinity): number {
  let above = liftoffMass(spec);
  let start = 0;
  let dv = 0;
  for (const st of spec.stages) {
    const burnt = Math.max(0, Math.min(st.burnTime, cutoffTime - start));
    const m0 = above;
    const mf = above - (st.propellantMass / st.burnTime) * burnt;
    dv += st.specificImpulse * STANDARD_GRAVITY * Math.log(m0 / mf);
    above -= st.propellantMass + st.inertMass;
    start += st.burnTime;
    if (cutoffTime <= start) break;
  }
  return dv;
}

/** Steering law of a boost segment. */
export type Steering = 'vertical' | 'pitch-over' | 'gravity-turn';

/** A piece of the boost with one stage and one steering law (the thrust law is smooth inside). */
export interface BoostSegment {
  start: number;
  end: number;
  stage: number;
  steering: Steering;
}

/**
 * Splits [0, cutoff] at the end of the vertical rise, the end of the pitch-over and each staging
 * time: the integrator restarts at each boundary (the thrust law is discontinuous there).
 */
export function boostSegments(spec: BoostVehicleSpec, cutoffTime: number): BoostSegment[] {
  const cuts = new Set<number>([0, cutoffTime]);
  const tv = spec.verticalRiseTime;
  const tk = tv + spec.pitchOverTime;
  if (tv < cutoffTime) cuts.add(tv);
  if (tk < cutoffTime) cuts.add(tk);
  let start = 0;
  const stageEnds: number[] = [];
  for (const st of spec.stages) {
    start += st.burnTime;
    stageEnds.push(start);
    if (start < cutoffTime) cuts.add(start);
  }
  const times = [...cuts].sort((a, b) => a - b);
  const segments: BoostSegment[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const a = times[i]!, b = times[i + 1]!;
    const mid = 0.5 * (a + b);
    let stage = stageEnds.findIndex((e) => mid < e);
    if (stage < 0) stage = spec.stages.length - 1;
    const steering: Steering = mid < tv ? 'vertical' : mid < tk ? 'pitch-over' : 'gravity-turn';
    segments.push({ start: a, end: b, stage, steering });
  }
  return segments;
}

/**
 * The boosting missile as a `Vehicle` for the equations of motion. The propagator selects the
 * current segment with `setSegment` before integrating it, so the thrust law inside a segment
 * (endpoints included) is that segment's, whatever rounding does to τ.
 */
export class BoostVehicle implements Vehicle {
  private stage = 0;
  private steering: Steering = 'vertical';
  private mass0 = 0; // mass at the start of the current stage
  private stageStart = 0;
  private mdot = 0;
  private thrust = 0;
  private readonly invCdA: number;
  private readonly stageStarts: number[];
  private readonly stageMass0: number[];
  /** Launch-site up and heading unit vectors (ECEF). */
  readonly up = new Float64Array(3);
  readonly heading = new Float64Array(3);
  /** Thrust direction during the pitch-over: δ from up toward the heading. */
  readonly kick = new Float64Array(3);

  constructor(
    readonly spec: BoostVehicleSpec,
    readonly program: BoostProgram,
    up: ArrayLike<number>,
    east: ArrayLike<number>,
    north: ArrayLike<number>,
  ) {
    const area = (Math.PI * spec.diameter * spec.diameter) / 4;
    this.invCdA = 1 / (spec.dragCoefficient * area);
    for (let i = 0; i < 3; i++) {
      this.up[i] = up[i];
      this.heading[i] = Math.sin(program.azimuth) * east[i] + Math.cos(program.azimuth) * north[i];
    }
    const c = Math.cos(program.kickAngle), sn = Math.sin(program.kickAngle);
    for (let i = 0; i < 3; i++) this.kick[i] = c * this.up[i] + sn * this.heading[i];
    this.stageStarts = [];
    this.stageMass0 = [];
    let above = liftoffMass(spec);
    let s = 0;
    for (const st of spec.stages) {
      this.stageStarts.push(s);
      this.stageMass0.push(above);
      above -= st.propellantMass + st.inertMass;
      s += st.burnTime;
    }
    this.setSegment({ start: 0, end: 0, stage: 0, steering: 'vertical' });
  }

  setSegment(seg: BoostSegment): void {
    const st = this.spec.stages[seg.stage]!;
    this.stage = seg.stage;
    this.steering = seg.steering;
    this.stageStart = this.stageStarts[seg.stage]!;
    this.mass0 = this.stageMass0[seg.stage]!;
    this.mdot = st.propellantMass / st.burnTime;
    this.thrust = stageThrust(st);
  }

  /** Mass (kg) at τ within the current segment. */
  mass(tau: number): number {
    return this.mass0 - this.mdot * (tau - this.stageStart);
  }

  ballisticCoefficient(tau: number): number {
    return this.mass(tau) * this.invCdA;
  }

  addThrust(tau: number, y: Float64Array, acc: Float64Array): void {
    const a = this.thrust / this.mass(tau);
    let dx: number, dy: number, dz: number;
    if (this.steering === 'vertical') {
      dx = this.up[0]; dy = this.up[1]; dz = this.up[2];
    } else if (this.steering === 'pitch-over') {
      dx = this.kick[0]; dy = this.kick[1]; dz = this.kick[2];
    } else {
      const vx = y[3], vy = y[4], vz = y[5];
      const v = Math.sqrt(vx * vx + vy * vy + vz * vz);
      dx = vx / v; dy = vy / v; dz = vz / v;
    }
    acc[0] += a * dx;
    acc[1] += a * dy;
    acc[2] += a * dz;
  }
}

/** A ballistic missile type: its boost vehicle and the re-entry vehicle it releases. NOTIONAL. */
export interface BallisticMissileType {
  /** Catalog id (shared/catalog.json `threats[].id`). */
  id: string;
  name: string;
  boost: BoostVehicleSpec;
  /** β = m/(C_D·A) of the re-entry vehicle (or of the whole missile if it does not separate), kg/m². */
  reentryBallisticCoefficient: number;
}
