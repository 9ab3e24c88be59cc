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
  /** 0..1, from update history and covariance. */
  quality: number;
  status: 'tentative' | 'confirmed' | 'coasting';
  /** Sensors that contributed within the track's memory. */
  sensors: string[];
}
