/**
 * Ballistic missiles as truth `Flyer`s: notional boost vehicles for the catalog's ballistic
 * threats, targeted on their aimpoints (targeting.ts) and flown boost → midcourse → re-entry →
 * impact by the missile propagator (impact.ts) through the Dormand–Prince integrator.
 *
 * Every vehicle figure below is NOTIONAL: lift-off mass and diameter are public order-of-magnitude
 * figures (Wikipedia / CSIS Missile Threat pages named in shared/catalog.json); the split into
 * propellant and inert mass, burn times, specific impulses, drag coefficients and re-entry
 * ballistic coefficients are project assumptions chosen so that the simulated missile reaches the
 * catalog's speed and range (checked in test/flight/ballistic-flyer.test.ts):
 *
 * | id            | lift-off | stages | full-burn min-energy range (model) | catalog range | burnout speed |
 * |---------------|----------|--------|------------------------------------|---------------|---------------|
 * | iskander-m    | 3.8 t    | 1      | ≈ 640 km                           | 500 km        | ≈ 2.4 km/s    |
 * | df-21         | 14.7 t   | 2      | ≈ 2,000 km                         | 1,750 km      | ≈ 3.6 km/s    |
 * | df-26         | 21.5 t   | 2      | ≈ 4,100 km                         | 4,000 km      | ≈ 5.1 km/s    |
 * | minuteman-iii | 33.8 t   | 3      | ≈ 14,000 km (eastward, 40° N)      | 13,000 km     | ≈ 7.1 km/s    |
 *
 * Re-entry ballistic coefficients β = m/(C_D·A) (kg/m²): Iskander-M does not separate (≈ 950 kg
 * body, 0.92 m, hypersonic C_D ≈ 0.2 → ≈ 5,000); DF-21 RV 8,000; DF-26 RV 10,000; Minuteman III
 * Mk12A/Mk21-class RV 15,000 (modern RVs are quoted at 1–3 × 10⁴ kg/m² in the open literature,
 * e.g. Regan & Anandakrishnan ch. 1).
 */
import { UserError } from '../errors.js';
import type { BallisticMissileType } from './boost.js';
import { TRUTH_EARTH, type EarthOptions } from './dynamics.js';
import { MissilePropagator } from './impact.js';
import { solveBoost, type BoostSolution, type SurfacePoint, type TrajectoryShape } from './targeting.js';
import type { FlightStatus, Flyer, ImpactPoint } from './types.js';

/** A catalog ballistic missile type with the trajectory it flies unless told otherwise. */
export interface BallisticMissileCatalogType extends BallisticMissileType {
  defaultTrajectory: TrajectoryShape;
}

/** Notional ballistic missile types, by catalog id (see the table in the file header). */
export const BALLISTIC_MISSILE_TYPES: Readonly<Record<string, BallisticMissileCatalogType>> = Object.freeze({
  'iskander-m': {
    id: 'iskander-m',
    name: 'Iskander-M 9M723 (notional)',
    boost: {
      stages: [{ propellantMass: 2850, inertMass: 0, burnTime: 22, specificImpulse: 265 }],
      payloadMass: 950,
      diameter: 0.92,
      dragCoefficient: 0.3,
      verticalRiseTime: 1,
      pitchOverTime: 2,
    },
    reentryBallisticCoefficient: 5000,
    // The real missile flies flat (apogee ~50 km) with aerodynamic lift this point-mass model lacks;
    // 'depressed' gives ~60 km apogees at 300 km, but only minimum energy reaches the catalog range.
    defaultTrajectory: 'minimum-energy',
  },
  'df-21': {
    id: 'df-21',
    name: 'DF-21 (notional)',
    boost: {
      stages: [
        { propellantMass: 8000, inertMass: 1200, burnTime: 50, specificImpulse: 260 },
        { propellantMass: 3500, inertMass: 500, burnTime: 50, specificImpulse: 280 },
      ],
      payloadMass: 1500,
      diameter: 1.4,
      dragCoefficient: 0.3,
      verticalRiseTime: 4,
      pitchOverTime: 4,
    },
    reentryBallisticCoefficient: 8000,
    defaultTrajectory: 'minimum-energy',
  },
  'df-26': {
    id: 'df-26',
    name: 'DF-26 (notional)',
    boost: {
      stages: [
        { propellantMass: 12500, inertMass: 1200, burnTime: 60, specificImpulse: 275 },
        { propellantMass: 5800, inertMass: 500, burnTime: 60, specificImpulse: 290 },
      ],
      payloadMass: 1500,
      diameter: 1.4,
      dragCoefficient: 0.3,
      verticalRiseTime: 4,
      pitchOverTime: 4,
    },
    reentryBallisticCoefficient: 10000,
    defaultTrajectory: 'minimum-energy',
  },
  'minuteman-iii': {
    id: 'minuteman-iii',
    name: 'LGM-30G Minuteman III (notional)',
    boost: {
      stages: [
        { propellantMass: 20100, inertMass: 2300, burnTime: 60, specificImpulse: 270 },
        { propellantMass: 6200, inertMass: 800, burnTime: 66, specificImpulse: 290 },
        { propellantMass: 3300, inertMass: 400, burnTime: 61, specificImpulse: 300 },
      ],
      payloadMass: 700,
      diameter: 1.67,
      dragCoefficient: 0.3,
      verticalRiseTime: 5,
      pitchOverTime: 4,
    },
    reentryBallisticCoefficient: 15000,
    defaultTrajectory: 'minimum-energy',
  },
});

/** The catalog type for an id; UserError naming the known ids otherwise. */
export function ballisticMissileType(id: string): BallisticMissileCatalogType {
  const t = BALLISTIC_MISSILE_TYPES[id];
  if (t === undefined) {
    throw new UserError(
      `unknown ballistic missile type '${id}' (known: ${Object.keys(BALLISTIC_MISSILE_TYPES).join(', ')})`,
    );
  }
  return t;
}

/** Height (m) below which a descending missile is in its re-entry phase. */
export const REENTRY_ALTITUDE = 100_000;

/** What it takes to put a ballistic missile in the air. */
export interface BallisticMissileInput {
  /** Stable id of the flyer (scenario threat id). */
  id: string;
  /** Catalog id (e.g. 'minuteman-iii') or a full type (e.g. a catalog type with overrides). */
  type: string | BallisticMissileType;
  /** Launch site: latitude, longitude (rad), height (m, default 0). */
  launch: SurfacePoint;
  /** Aimpoint: latitude, longitude (rad), height (m, default 0; impact is the descent through it). */
  aimpoint: SurfacePoint;
  /** Launch time, seconds since the scenario epoch. */
  launchTime: number;
  /** Trajectory shape; default the type's `defaultTrajectory` (or minimum energy). */
  trajectory?: TrajectoryShape;
  /** Earth model of the truth world; default WGS-84 + J2, rotating, US 1976 atmosphere. */
  earth?: EarthOptions;
  /** A solution from `solveBoost` for exactly this input (skips the solve). */
  solution?: BoostSolution;
}

/** A ballistic missile flying in the truth world. */
export class BallisticMissileFlyer implements Flyer {
  readonly kind = 'ballistic' as const;
  readonly id: string;
  readonly launchTime: number;
  readonly type: BallisticMissileType;
  /** The targeting solution it flies (truth: predicted impact, burnout state, boost program). */
  readonly solution: BoostSolution;
  readonly state = new Float64Array(6);
  time: number;
  status: FlightStatus = 'pending';
  phase = 'pending';
  thrusting = false;
  impact: ImpactPoint | undefined = undefined;
  private readonly propagator: MissilePropagator;
  private readonly reentryRadius2: number;

  constructor(input: BallisticMissileInput, type: BallisticMissileType, solution: BoostSolution) {
    this.id = input.id;
    this.launchTime = input.launchTime;
    this.type = type;
    this.solution = solution;
    const earth = input.earth ?? TRUTH_EARTH;
    const launch = { lat: input.launch.lat, lon: input.launch.lon, h: input.launch.h ?? 0 };
    this.propagator = new MissilePropagator(type, launch, solution.program, earth, input.aimpoint.h ?? 0);
    this.propagator.dyn.earth.positionInto(this.state, launch.lat, launch.lon, launch.h, 0);
    this.reentryRadius2 = (this.propagator.dyn.earth.maxRadius + REENTRY_ALTITUDE) ** 2;
    // Before the first advance the flyer is at its launch site at min(launchTime, 0).
    this.time = Math.min(input.launchTime, 0);
  }

  /** Integrator steps taken so far (for benchmarks). */
  get steps(): number {
    return this.propagator.dp.steps;
  }

  /** Derivative evaluations so far (for benchmarks). */
  get evaluations(): number {
    return this.propagator.dp.evaluations;
  }

  advance(t: number): FlightStatus {
    if (this.status === 'impact' || this.status === 'destroyed') {
      this.time = Math.max(this.time, t);
      return this.status;
    }
    if (t < this.launchTime) {
      this.time = t;
      return this.status;
    }
    const p = this.propagator;
    const tau = t - this.launchTime;
    p.advanceTo(tau);
    p.stateAt(tau, this.state);
    this.time = t;
    const impact = p.impact;
    if (impact !== undefined && tau >= impact.t) {
      this.status = 'impact';
      this.phase = 'impact';
      this.thrusting = false;
      const s = impact.state;
      this.impact = {
        t: this.launchTime + impact.t,
        lat: impact.lat,
        lon: impact.lon,
        h: impact.h,
        position: [s[0], s[1], s[2]],
        velocity: [s[3], s[4], s[5]],
      };
      return this.status;
    }
    this.status = 'flying';
    this.thrusting = tau < this.solution.program.cutoffTime;
    if (this.thrusting) this.phase = 'boost';
    else {
      // Cheap test first: farther from the centre than the reentry altitude over the equator
      // means midcourse, without a geodetic conversion (most ticks of a long flight).
      const y = this.state;
      const r2 = y[0] * y[0] + y[1] * y[1] + y[2] * y[2];
      if (r2 > this.reentryRadius2) this.phase = 'midcourse';
      else {
        const h = p.dyn.earth.height(y, 0);
        this.phase = h < REENTRY_ALTITUDE && p.dyn.heightRate(y) < 0 ? 'reentry' : 'midcourse';
      }
    }
    return this.status;
  }

  destroy(t: number): void {
    if (this.status === 'impact' || this.status === 'destroyed') return;
    if (t > this.time) this.advance(t);
    if ((this.status as FlightStatus) === 'impact') return; // it landed before it was hit
    this.status = 'destroyed';
    this.thrusting = false;
  }
}

// Solutions are deterministic functions of their inputs: identical launches (a salvo from one
// site at one aimpoint) share one solve.
const solutionCache = new Map<string, BoostSolution>();
const SOLUTION_CACHE_LIMIT = 4096;

/**
 * Builds a ballistic missile flyer: resolves the catalog type, solves the boost program that lands
 * it on the aimpoint (rotation, J2 and drag included; miss < 0.5 m typically), and returns the
 * flyer, pending until its launch time. Throws UserError for an unknown type or an aimpoint out of
 * the type's reach.
 */
export function ballisticMissile(input: BallisticMissileInput): BallisticMissileFlyer {
  const type = typeof input.type === 'string' ? ballisticMissileType(input.type) : input.type;
  const trajectory =
    input.trajectory ?? (type as Partial<BallisticMissileCatalogType>).defaultTrajectory ?? 'minimum-energy';
  const earth = input.earth ?? TRUTH_EARTH;
  let solution = input.solution;
  if (solution === undefined) {
    const key = JSON.stringify([type, input.launch, input.aimpoint, trajectory, earth]);
    solution = solutionCache.get(key);
    if (solution === undefined) {
      solution = solveBoost({ type, launch: input.launch, aimpoint: input.aimpoint, trajectory, earth });
      if (solutionCache.size >= SOLUTION_CACHE_LIMIT) solutionCache.clear();
      solutionCache.set(key, solution);
    }
  }
  return new BallisticMissileFlyer({ ...input, trajectory, earth }, type, solution);
}
