/**
 * Shapes that cross decide/ → engage/ → sim/ (DESIGN.md, "Stage interfaces"). decide/ sees the
 * force's track picture (`PictureTrack`), the scenario's own static data (its assets, batteries,
 * doctrine, catalog) and the batteries' readiness reported by engage/ — never a truth state.
 */
import type { TargetClass } from '../track/picture.js';

/** Predicted impact / arrival of one track. */
export interface ImpactPrediction {
  /** Motion model used: 'ballistic' (free fall to the ground) or 'intent' (guided toward an asset). */
  model: 'ballistic' | 'intent';
  /** Predicted impact point, ECEF (m). */
  impactPoint: Float64Array;
  /** 2×2 covariance (m²) of the impact point in east/north at the impact point, row-major. */
  impactCov: Float64Array;
  /** Seconds from the track's time to impact; its standard deviation (s). */
  timeToGo: number;
  timeToGoSigma: number;
  /** Absolute predicted impact time (s since the scenario epoch). */
  impactTime: number;
  /** Intent model only: probability that each candidate asset is the one aimed at (sum ≤ 1). */
  intent?: { asset: string; probability: number }[];
}

export interface AssetAtRisk {
  asset: string;
  /** Probability that the threat hits (lands within the asset's footprint + lethal radius). */
  probability: number;
}

/** Threat evaluation of one track (DESIGN.md `ThreatAssessment`). */
export interface ThreatAssessment {
  trackId: string;
  class: TargetClass;
  /** Track time the assessment refers to (s). */
  t: number;
  model: 'ballistic' | 'intent';
  impactPoint: Float64Array;
  impactCov: Float64Array;
  timeToGo: number;
  impactTime: number;
  /** Assets at risk, most probable first (probability > 0 only). */
  assetsAtRisk: AssetAtRisk[];
  /** Σ asset value × P(hit) × lethality (asset value units). */
  threatValue: number;
  /** Σ asset valueUsd × P(hit) × lethality (USD; assets without valueUsd contribute 0). */
  valueUsdAtRisk: number;
  /** Notional unit cost of a threat of this class (USD), for cost awareness. */
  notionalCost: number;
}

/** What engage/ reports about one battery each decision cycle (engage's BatteryState produces it). */
export interface BatteryReadiness {
  battery: string;
  /** Shots (of `roundsPerShot` rounds) loaded on launchers now. */
  loadedShots: number;
  /** Shots left in total (loaded + reload stock). */
  inventoryShots: number;
  /** Shots at the start of the run (for the reserve share). */
  initialShots: number;
  /** Earliest time the battery can launch its next shot (launch interval, reloads). */
  nextLaunchTime: number;
}

/**
 * An order to engage a track (decide/ → engage/). A structural superset of sim/stages.ts's
 * `EngagementOrder`: the extra fields are optional for the World.
 */
export interface EngagementOrder {
  battery: string;
  track: string;
  interceptor: string;
  launchTime: number;
  /** Predicted intercept point (ECEF, m) and time. */
  interceptPoint: [number, number, number];
  interceptTime: number;
  /** Probability of kill of the whole engagement (all its shots). */
  pk: number;
  /** Doctrine that produced it: 'shoot-look-shoot', 'salvo', 'salvo (no time to look)'. */
  doctrine: string;
  /** Why: inputs, alternatives considered, objective (recorded verbatim). */
  reason: string;
  /** Interceptors launched by this order (launchTime, launchTime + interval, …). */
  shots: number;
  /** Single-shot Pk of each interceptor. */
  shotPk: number;
  /** Seconds between the order's launches (the battery's launch interval). */
  launchInterval: number;
  /** Launch window of the pair [earliest, latest] (s since epoch). */
  launchWindow: [number, number];
  /** Time at which the kill assessment of this engagement is expected. */
  assessmentTime: number;
}

/**
 * An ally's engagement of one of this force's tracks, received over the data link (shares
 * `engagements`): the fusion layer has already mapped the ally's track to `track`, a track id of
 * this force's picture. The planner counts it as fire already committed against that track.
 */
export interface AlliedEngagement {
  /** Track id in THIS force's picture. */
  track: string;
  /** The engaging force and battery. */
  force: string;
  battery: string;
  /** Probability of kill of the ally's whole engagement, and its predicted intercept time (s). */
  pk: number;
  interceptTime: number;
  /** Time the ally's kill assessment is expected (s since epoch). */
  assessmentTime: number;
  /** Interceptors in the ally's engagement (default 1: the data-link report may not carry it). */
  shots?: number;
}
