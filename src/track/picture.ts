/**
 * The integrated air picture: what the battle manager sees (DESIGN.md, `Track`). Produced by a
 * force's tracker from detections only.
 */
export type TargetClass = 'ballistic' | 'glide' | 'cruise' | 'drone' | 'aircraft' | 'unknown';

export interface PictureTrack {
  /** Stable id within the force's picture. */
  id: string;
  /** Seconds since the scenario epoch of `state`. */
  t: number;
  /** ECEF state [x, y, z, vx, vy, vz] (m, m/s), optionally followed by acceleration [ax, ay, az]. */
  state: Float64Array;
  /** Covariance, row-major, state.length × state.length. */
  covariance: Float64Array;
  /** Class probabilities (sum to 1) and the most likely class. */
  classProbabilities: Partial<Record<TargetClass, number>>;
  classification: TargetClass;
  /** Time of the last measurement update (s since epoch); absent where the producer does not say. */
  updated?: number;
  /** 0..1, from update history and covariance. */
  quality: number;
  status: 'tentative' | 'confirmed' | 'coasting';
  /** Sensors that contributed within the track's memory. */
  sensors: string[];
  /**
   * Estimated ballistic coefficient β = m/(C_D·A) (kg/m²) and its standard deviation, for tracks
   * in the re-entry filter (fast, steeply descending, below ~100 km; models/ballistic.ts), from
   * θ = 1/β: value 1/θ̂, sigma σ_θ/θ̂². Absent for other tracks (and while θ̂ = 0, the vacuum limit).
   */
  ballisticCoefficient?: { value: number; sigma: number };
}

/**
 * A cue: a predicted acquisition volume handed to radars and to the force's radar tracker by
 * another sensor's track (e.g. a space-IR track of a boosting missile). Radars search the volume
 * with a cued dwell; the picture tracker may start a track from one radar detection inside it,
 * taking the cue's velocity (one-point cued initiation).
 */
export interface TrackCue {
  /** Id of the cueing track (e.g. `<force>-IR<n>`). */
  id: string;
  /** Force whose sensors made the cue. */
  force: string;
  /** Seconds since the scenario epoch of `state`. */
  t: number;
  /** ECEF state [x, y, z, vx, vy, vz] (m, m/s) predicted at `t`. */
  state: Float64Array;
  /** 6×6 covariance of `state`, row-major (m², m²/s²). */
  covariance: Float64Array;
  /** Most likely class of the cued object. */
  classification: TargetClass;
}
