/**
 * The force's integrated air picture inside the simulator: centralised measurement fusion of all
 * of one force's radars into one set of ECEF tracks (docs/models/tracking.md, "The force picture
 * in the simulator"). Implements sim/'s `TrackStage`.
 *
 * One tracker "scan" is one radar scan: the detections of one sensor at one time. Within a
 * `step` the scans are processed in time order (then sensor id, for determinism), so radars that
 * scan asynchronously update the same tracks sequentially — centralised measurement fusion
 * (Bar-Shalom, Willett & Tian, "Tracking and Data Fusion", 2011, ch. 7). Per scan:
 *
 *   1. predict every track to the scan time: EKF in ECEF, nearly-constant-velocity (NCV,
 *      continuous white-noise acceleration, Bar-Shalom et al. 2001 §6.2.2) —
 *        F = [[I, ΔtI], [0, I]],  Q = q [[Δt³/3 I, Δt²/2 I], [Δt²/2 I, Δt I]]
 *      and, for exo-atmospheric or steep fast tracks, the state is propagated with geo's free-fall
 *      acceleration (J2 gravity + Coriolis + centrifugal, `ecefFreeFallAccelerationInto`) by RK4;
 *      the covariance still uses the NCV F (the gravity-gradient term ~ (GM/r³)Δt² ≈ 1e-4 at
 *      Δt = 10 s is neglected);
 *      a track that is fast (> 1 km/s), below `reentryHeight` (100 km) and descending steeply
 *      (γ < −20°) switches to the re-entry filter: a 7-state EKF [r, v, θ = 1/β] with gravity +
 *      rotating frame + drag −½ρ(h)|v|vθ, RK4 with the variational equations for the 7×7
 *      transition Φ, NCV process noise q = `reentry` (default 100 m²/s³) and a random walk on θ
 *      (models/ballistic.ts). The track keeps one state vector and one 7×7 covariance in both
 *      filters (row/column 6 zero outside re-entry), so gating, assignment, update and deletion
 *      are shared; it leaves the re-entry filter (θ dropped) above `reentryHeight` + 10 km, below
 *      300 m/s, or when it flattens to γ > −5°. Its β = 1/θ̂ (σ_β = σ_θ/θ̂²) is reported in
 *      `PictureTrack.ballisticCoefficient` and used as class evidence (ecef-classify.ts).
 *      Measured against the 6-state filter on flight/'s re-entries (test/track/picture-
 *      ballistic.test.ts, 1 Hz radar, σ = 10 m / 1 mrad): position RMS below 100 km 111 m vs
 *      480 m (β = 10,000 kg/m²) and 71 m vs 297 m (β = 500), and no track loss in the decoy's
 *      ~60 g deceleration, where the 6-state filter drops the track;
 *      a confirmed track below `exoHeight` (NCV or re-entry filter) runs a two-model IMM (Blom &
 *      Bar-Shalom 1988): mode 1 the model above, mode 2 the same with a manoeuvre process noise
 *      (`airManeuver`, `fastManeuver`, `reentryManeuver`), Markov switching with sojourn times
 *      τ₁ = 20 s, τ₂ = 10 s; the moment-matched combination is the track's state and covariance,
 *      which steps 2–6 read unchanged (see `predictTrack`, `immPredict`, `immUpdate`);
 *   2. gate: a hashed ECEF grid of the scan's detections (converted AER → ECEF; cell = the 75th
 *      percentile of the gate radii) picks, per track,
 *      the detections within a conservative Cartesian radius, then the χ² test
 *      νᵀS⁻¹ν ≤ γ (P_G = 0.999, 3 dof), S = H P Hᵀ + R, H the analytic AER Jacobian (ecef-rae.ts),
 *      azimuth innovation wrapped;
 *   3. assign: global nearest neighbour, cost d² + ln|S|, a private "miss" column per track at
 *      γ + ln|S| (the problem built by sparse-gnn.ts), solved optimally by the sparse
 *      Jonker–Volgenant `AssignmentSolver` (assignment.ts), in two passes: confirmed tracks, then tentative tracks on what is left;
 *   4. update assigned tracks: EKF, Joseph form P = (I−KH)P(I−KH)ᵀ + KRKᵀ (each IMM mode with
 *      its own linearisation; mode probabilities from each mode's innovation likelihood);
 *   5. initiate from the detections no track took: cued one-point initiation (`setCues`; a
 *      detection in a cue's χ² gate starts a track with the cue's velocity, counted as two hits,
 *      so it confirms on the radar's second look), then, from the detections no confirmed track
 *      took, two-point initiation (Bar-Shalom et al. 2001
 *      §5.5.3) pairing each with earlier unused detections ("candidates", any sensor, Δt ≥
 *      `minPairInterval`) whose implied speed is plausible (≤ `maxSpeed` + 3σ/Δt): x = [p₂,
 *      (p₂−p₁)/Δt], P = [[C₂, C₂/Δt], [C₂/Δt, (C₁+C₂)/Δt² + qΔt/3 I]] with C the converted
 *      measurement covariances; the tentative track is confirmed by M-of-N (the two points count)
 *      over the scans where it was expected AND a track score (log-likelihood ratio target vs
 *      clutter, Blackman & Popoli 1999 §6.2; clutter density estimated from the scan) above
 *      `confirmationScore` — a hit counts only ≥ ½ `minPairInterval` after the last counted one,
 *      so that it tests the pair's velocity; a confirmation that duplicates a confirmed track is dropped;
 *   6. delete: tentative tracks that can no longer reach M of N; confirmed tracks whose score fell
 *      `deletionScoreDrop` below its peak (a miss costs ln(1 − P̂_D) of that sensor, estimated from
 *      the track's own hit history), after `maxMisses` consecutive expected misses, `maxCoastTime`
 *      without an update, or a position standard deviation √tr(P_pos) above `maxPositionSigma`.
 *
 * "Expected" (counts as a miss when not detected): the scan's sensor has updated the track within
 * `sensorMemory`, the track's predicted range is within the largest range that sensor has
 * reported (false alarms fill a radar's volume, so that is its instrumented range) and the track
 * is above the sensor's radar horizon (4/3 Earth). Tracks are
 * scored for class by kinematics (ecef-classify.ts). Truth ids on detections are never read.
 *
 * Out-of-sequence scans (older than the newest processed) within `maxLag` are processed by
 * predicting the tracks back to them (an approximate retrodiction, process noise taken with |Δt|);
 * older ones are dropped and counted. Space-IR 'los' detections go to the force's IR tracker, whose
 * cues arrive through `setCues`; jammer 'strobe' detections are not used (counted in
 * `stats.ignored`); 'raer' uses its range/azimuth/elevation part.
 */
import { ecefFreeFallAccelerationInto } from '../geo/gravity.js';
import { enuRotationInto } from '../geo/local.js';
import { ecefToGeodeticInto } from '../geo/geodetic.js';
import { chiSquareQuantile } from '../math/stats.js';
import type { Detection } from '../sense/types.js';
import { AssignmentSolver } from './assignment.js';
import { GatedAssignment } from './sparse-gnn.js';
import { invertSymmetric } from './filters/small.js';
import { raeInnovationInto, raeMeasureInto, raeToEcefInto } from './ecef-rae.js';
import type { RadarSiteFrame } from './ecef-rae.js';
import { TARGET_CLASSES, approximateHeight, updateClassLogProbabilities } from './ecef-classify.js';
import {
  REENTRY_WORK_SIZE, reentryCovariancePredictInto, reentryProcessNoiseInto, reentryPropagateInto,
} from './models/ballistic.js';
import type { PictureTrack, TargetClass, TrackCue } from './picture.js';

/** Process-noise spectral densities q (m²/s³) of the NCV model, per flight regime. */
export interface PictureProcessNoise {
  /** Air-breathing targets (speed ≤ 1 km/s): manoeuvres of a few g. Default 100. */
  air?: number;
  /** Fast endo-atmospheric targets (glide, re-entry: drag and lift unmodelled). Default 2,500. */
  fast?: number;
  /** Exo-atmospheric free fall (gravity modelled; height > `exoHeight`). Default 0.1. */
  exo?: number;
  /** Re-entry filter (gravity and drag with an estimated ballistic coefficient modelled). Default 100. */
  reentry?: number;
  /** Random walk of θ = 1/β in the re-entry filter, relative to θ per √s (C_D varies with Mach
   *  and attitude). Default 0.005 (0.5 %/√s). */
  ballisticDrift?: number;
  /** Manoeuvre mode of the IMM for air-breathing targets (speed ≤ 1 km/s): a 3 g turn, q ≈ a²T
   *  with T = 5 s. Default 4,000, reached at 300 m/s; scaled by (v / 300 m/s)² below (a = vω), never
   *  below `air` (docs/models/tracking.md, "IMM for manoeuvring targets"). */
  airManeuver?: number;
  /** Manoeuvre mode of the IMM for fast endo-atmospheric targets: 8 g (a glide vehicle's bank
   *  reversal at a 4 g load factor), q ≈ a²T with T = 5 s. Default 30,000. */
  fastManeuver?: number;
  /** Manoeuvre mode of the IMM in the re-entry filter (lift of a manoeuvring re-entry or glide
   *  vehicle, unmodelled by the ballistic model; 8 g as `fastManeuver`). Default 30,000. */
  reentryManeuver?: number;
}

/**
 * The two-model IMM of confirmed tracks below `exoHeight` (docs/models/tracking.md, "IMM for
 * manoeuvring targets"): mean sojourn times of the Markov chain (continuous-time switching:
 * P(leave mode j in Δt) = 1 − exp(−Δt/τ_j)) and whether the re-entry filter takes part.
 */
export interface PictureImmOptions {
  /** Mean time in the non-manoeuvring mode (NCV with `air`/`fast`), s. Default 20 (p₁₁ = 0.95 over 1 s). */
  quiescentSojourn?: number;
  /** Mean time in the manoeuvre mode (NCV with `airManeuver`/`fastManeuver`), s. Default 10 (p₂₂ = 0.90 over 1 s). */
  maneuverSojourn?: number;
  /** Also run the IMM in the re-entry filter: mode 1 the ballistic re-entry model (q = `reentry`),
   *  mode 2 the same with q = `reentryManeuver` (lift of a manoeuvring re-entry or glide vehicle).
   *  Default true. */
  reentry?: boolean;
}

export interface ForcePictureOptions {
  /** Force name: track ids are `<force>-T<n>`. */
  force: string;
  processNoise?: PictureProcessNoise;
  /** Gate probability P_G of the χ² gate (3 dof). Default 0.999. */
  gateProbability?: number;
  /** M-of-N confirmation (the two initiating points count). Default 3 of 5. */
  confirmation?: { m: number; n: number };
  /** Track score (log-likelihood ratio, target vs false alarms) a tentative track also needs to be
   *  confirmed. Default 13.8 = ln(10⁶) (Wald's SPRT with a false-track probability ~1e-6). */
  confirmationScore?: number;
  /** Probability of detection assumed by the track score. Default 0.9. */
  detectionProbability?: number;
  /** Largest plausible target speed for two-point initiation, m/s. Default 8,000. */
  maxSpeed?: number;
  /** Smallest / largest time between the two initiating detections, s. Defaults 2 / 30. */
  minPairInterval?: number;
  maxPairInterval?: number;
  /** Most tentative tracks one detection may start (slowest implied speeds kept). Default 4. */
  maxPairsPerDetection?: number;
  /**
   * Drop of a confirmed track's score below its peak that deletes it (Blackman & Popoli 1999
   * §6.2.4, score-based deletion). A miss costs ln(1 − P̂_D) with P̂_D the track's detection
   * probability estimated per sensor from its own hit history, so a marginal target seen at P_D ≈ ½
   * survives more misses than a strong one. Default ln(10⁴) = 9.21: four misses at P_D = 0.9.
   */
  deletionScoreDrop?: number;
  /** Hard cap: consecutive expected misses that delete a confirmed track whatever P̂_D. Default 12. */
  maxMisses?: number;
  /** Seconds without an update that delete a confirmed track. Default 60. */
  maxCoastTime?: number;
  /** Position standard deviation √tr(P_pos) (m) that deletes a track. Default 50,000. */
  maxPositionSigma?: number;
  /** Seconds a sensor stays in a track's contributing set after its last update. Default 60. */
  sensorMemory?: number;
  /** Height above which the state is predicted in free fall with q = exo, m. Default 80,000. */
  exoHeight?: number;
  /** Oldest out-of-sequence scan processed (s behind the newest). Default 5. */
  maxLag?: number;
  /** Also report tentative tracks. Default false. */
  includeTentative?: boolean;
  /**
   * Track fast, steeply descending targets below `reentryHeight` with the 7-state re-entry EKF
   * (gravity + drag, estimated θ = 1/β; models/ballistic.ts). Default true; false keeps the
   * 6-state NCV/free-fall filter throughout (the baseline it is measured against).
   */
  reentryFilter?: boolean;
  /** Height below which a fast descending track switches to the re-entry filter, m. Default 100,000. */
  reentryHeight?: number;
  /** Seconds a cue stays usable (|scan time − cue time| ≤ this). Default 30. */
  cueValidity?: number;
  /**
   * Two-model IMM (quiescent / manoeuvre process noise) for confirmed tracks below `exoHeight`, in
   * the NCV regime and (`imm.reentry`, default) in the re-entry filter. Default true (with the
   * default sojourn times); false keeps the single model throughout — the code path before the
   * IMM, the baseline it is measured against.
   */
  imm?: boolean | PictureImmOptions;
}

/** Counters since construction (for benchmarks and the run summary). */
export interface PictureTrackerStats {
  scans: number;
  detections: number;
  /** Track updates (any status) and updates of confirmed tracks. */
  updates: number;
  confirmedUpdates: number;
  /** Tracks started (tentative) and confirmed. */
  initiated: number;
  confirmed: number;
  deleted: number;
  /** Detections of kinds the tracker does not use yet ('los', 'strobe', 'xyz'). */
  ignored: number;
  /** Detections of scans older than `maxLag`. */
  late: number;
  /** Tracks started by cued one-point initiation (included in `initiated`). */
  cued: number;
}

const LN_2PI = Math.log(2 * Math.PI);
const SIN20 = Math.sin((20 * Math.PI) / 180);
const SIN5 = Math.sin((5 * Math.PI) / 180);
/** Prior of θ = 1/β when a track enters the re-entry filter: β ≈ 2,000 kg/m², σ_θ = 1e-3 m²/kg
 *  (±1σ spans β ≥ 670 kg/m² down to the vacuum limit θ = 0). */
const THETA_PRIOR = 5e-4;
const THETA_PRIOR_SIGMA = 1e-3;
/** Random walk of θ: absolute floor (m²/kg/√s) added to the relative drift `ballisticDrift`. */
const THETA_FLOOR = 1e-6;
/** Largest θ kept after an update (β ≥ 10 kg/m²: chaff-like; guards a diverging estimate). */
const THETA_MAX = 0.1;
/**
 * Speed (m/s) at which an air-breathing track's manoeuvre q reaches `airManeuver`: 3 g at 300 m/s
 * is a turn rate of 5.6°/s (a cruise missile's or an aircraft's sustained turn); a slower target
 * turning at that rate accelerates less (a = vω), so below this speed the manoeuvre q scales as v²
 * (a 50 m/s drone: 4,000·(50/300)² = 111 m²/s³, ≈ mode 1's 100 — no manoeuvre mode to speak of).
 */
const AIR_MANEUVER_SPEED = 300;
/** β is used as class evidence once its relative standard deviation σ_β/β is at most this. */
const BETA_EVIDENCE_SIGMA = 0.2;

/** β = 1/θ and its standard deviation σ_β = σ_θ/θ² (first-order propagation). */
function ballisticCoefficientOf(theta: number, varTheta: number): { value: number; sigma: number } {
  return { value: 1 / theta, sigma: Math.sqrt(Math.max(varTheta, 0)) / (theta * theta) };
}

/** One track's filter and management state. */
class PictureTrackState {
  /** [x y z vx vy vz θ]; θ = 1/β is used (and P's row/column 6 non-zero) only in the re-entry filter. */
  readonly x = new Float64Array(7);
  /** 7×7 row-major; row/column 6 are zero outside the re-entry filter. */
  readonly P = new Float64Array(49);
  /** In the re-entry filter (7-state, drag modelled). */
  reentry = false;
  t = 0;
  id: string | null = null;
  confirmed = false;
  /** Hit history over the last N expected scans (bit 0 = latest). */
  hist = 0b11;
  expected = 2;
  misses = 0;
  lastUpdate = 0;
  /** Time of the last update by each sensor (by the tracker's sensor index; NaN: never). A typed
   *  array rather than a Map by sensor id: it is read for every track on every scan. */
  sensorLast: Float64Array;
  /** Per sensor (by the tracker's sensor index), exponentially forgotten counts of expected looks
   *  [2s] and hits [2s+1] since confirmation: P̂_D = (h + a)/(n + a + b). */
  looks: Float64Array = EMPTY_LOOKS;
  /** Highest score since confirmation (score-drop deletion). */
  peak = -Infinity;
  readonly logClass = new Float64Array(6).fill(-Math.log(6));
  cls = 5;
  /** Track score: log-likelihood ratio target / false alarm since initiation. */
  score = 0;
  dead = false;
  /** The IMM is open: the mode-conditioned filters below hold the estimate and x/P hold their
   *  moment-matched combination (confirmed tracks below `exoHeight`). */
  imm = false;
  /** Mode-conditioned states and covariances of the IMM (mode 1 NCV, mode 2 manoeuvre), in the
   *  layout of x and P; allocated when the IMM first opens (tentative tracks never use them). */
  x1: Float64Array = EMPTY_LOOKS;
  P1: Float64Array = EMPTY_LOOKS;
  x2: Float64Array = EMPTY_LOOKS;
  P2: Float64Array = EMPTY_LOOKS;
  /** The IMM was opened in the re-entry filter (7-state modes, θ mixed) rather than in NCV. */
  immReentry = false;
  /** Mode probabilities μ₁, μ₂ (μ₁ + μ₂ = 1). */
  mu1 = 1;
  mu2 = 0;
  constructor(public num: number, sensors: number) {
    this.sensorLast = new Float64Array(Math.max(sensors, 4)).fill(NaN);
  }

  /** Back to the state of a new track (a pooled object reused for a new track numbered `num`):
   *  every field as the constructor leaves it (zeroed P̂_D counts give the prior, as no counts). */
  reset(num: number): void {
    this.num = num;
    this.x.fill(0);
    this.P.fill(0);
    this.reentry = false;
    this.t = 0;
    this.id = null;
    this.confirmed = false;
    this.hist = 0b11;
    this.expected = 2;
    this.misses = 0;
    this.lastUpdate = 0;
    this.sensorLast.fill(NaN);
    this.looks.fill(0);
    this.peak = -Infinity;
    this.logClass.fill(-Math.log(6));
    this.cls = 5;
    this.score = 0;
    this.dead = false;
    this.imm = false;
    this.immReentry = false;
    this.mu1 = 1;
    this.mu2 = 0;
  }

  /** Records an update by sensor k at time t. */
  seenBy(k: number, t: number): void {
    if (k >= this.sensorLast.length) {
      const grown = new Float64Array(Math.max(k + 1, 2 * this.sensorLast.length)).fill(NaN);
      grown.set(this.sensorLast);
      this.sensorLast = grown;
    }
    this.sensorLast[k] = t;
  }
}

interface SiteCache {
  px: number; py: number; pz: number; frame: { origin: Float64Array; rotation: Float64Array };
  /** Instrumented extent seen so far: largest range, elevation span (false alarms fill the volume). */
  maxRange: number; elMin: number; elMax: number;
  /** Antenna's radar-horizon distance √(2kR·h_a) on the 4/3 Earth (m). */
  horizon: number;
}

/** Effective-Earth-radius factor and mean radius for the radar-horizon mask (sense/radar.ts uses the same). */
const HORIZON_K = 4 / 3;
const EARTH_R = 6_371_008.8;
const EMPTY_LOOKS = new Float64Array(0);
/** Most deleted track objects kept for reuse (~1 kB each; a scan starts a few hundred). */
const POOL_MAX = 2048;
/** Forgetting factor of the per-sensor hit/look counts and the Beta prior (mean 0.9, weight 2). */
const PD_FORGET = 0.9;
const PD_PRIOR_HITS = 1.8;
const PD_PRIOR_LOOKS = 2;

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, 2 * a.length, 64));
  b.set(a);
  return b;
}
function growI(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length, 64));
  b.set(a);
  return b;
}

/**
 * The k-th smallest (0-based) of a[0..n−1] (no NaN), reordering a in place: Hoare's FIND
 * (quickselect, Hoare 1961, CACM 4(7) alg. 65) with a median-of-three pivot. The value equals
 * that of a full sort at index k (the value, not the position, is unique), at O(n) instead of
 * O(n log n) per scan.
 */
function kthSmallest(a: Float64Array, n: number, k: number): number {
  let lo = 0, hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of a[lo], a[mid], a[hi] as the pivot
    let x = a[lo], y = a[mid], z = a[hi];
    if (x > y) { const w = x; x = y; y = w; }
    if (y > z) { y = z; if (x > y) y = x; }
    const pivot = y;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const w = a[i]; a[i] = a[j]; a[j] = w; i++; j--; }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * A spatial hash of points in ECEF: cubic cells of side `cell`, hashed into a power-of-two table,
 * bucketed by a counting sort (allocation-free once grown). Queries return candidate indices in
 * the cells overlapping a sphere's bounding box; collisions are filtered by the caller's exact test.
 */
class PointGrid {
  cell = 1;
  private mask = 0;
  private start = new Int32Array(0);
  private cursor = new Int32Array(0);
  private order = new Int32Array(0);
  private keys = new Int32Array(0);
  private stamp = new Int32Array(0);
  private stampValue = 0;
  n = 0;

  private static hash(ix: number, iy: number, iz: number): number {
    return (Math.imul(ix, 73856093) ^ Math.imul(iy, 19349663) ^ Math.imul(iz, 83492791)) >>> 0;
  }

  build(p: Float64Array, n: number, cell: number): void {
    this.cell = cell;
    this.n = n;
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.mask = size - 1;
    if (this.start.length < size + 1) this.start = new Int32Array(size + 1);
    else this.start.fill(0, 0, size + 1);
    this.order = growI(this.order, n);
    this.keys = growI(this.keys, n);
    if (this.stamp.length < n) { this.stamp = new Int32Array(Math.max(n, 2 * this.stamp.length)); this.stampValue = 0; }
    const ic = 1 / cell;
    for (let i = 0; i < n; i++) {
      const k = PointGrid.hash(Math.floor(p[3 * i] * ic), Math.floor(p[3 * i + 1] * ic), Math.floor(p[3 * i + 2] * ic)) & this.mask;
      this.keys[i] = k;
      this.start[k + 1]++;
    }
    for (let k = 0; k < size; k++) this.start[k + 1] += this.start[k];
    if (this.cursor.length < size) this.cursor = new Int32Array(size);
    const fill = this.cursor;
    fill.set(this.start.subarray(0, size));
    for (let i = 0; i < n; i++) this.order[fill[this.keys[i]]++] = i;
  }

  /**
   * Writes to `out` (≥ n entries), once each, the points in the cells overlapping the box of
   * radius r about c, in cell order, and returns their count; returns −1 (without collecting) if
   * the box spans more cells than points (scan all instead). A buffer rather than a visitor
   * callback: the callers ran a fresh closure per track per scan, a measurable share of the
   * picture benchmark's allocation.
   */
  collect(cx: number, cy: number, cz: number, r: number, out: Int32Array): number {
    const ic = 1 / this.cell;
    const x0 = Math.floor((cx - r) * ic), x1 = Math.floor((cx + r) * ic);
    const y0 = Math.floor((cy - r) * ic), y1 = Math.floor((cy + r) * ic);
    const z0 = Math.floor((cz - r) * ic), z1 = Math.floor((cz + r) * ic);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) * (z1 - z0 + 1) > this.n + 64) return -1;
    if (++this.stampValue === 0x7fffffff) { this.stamp.fill(0); this.stampValue = 1; }
    const sv = this.stampValue, start = this.start, order = this.order, stamp = this.stamp, mask = this.mask;
    let m = 0;
    // PointGrid.hash with the x and y factors hoisted out of the inner loops (same key).
    for (let ix = x0; ix <= x1; ix++) {
      const hx = Math.imul(ix, 73856093);
      for (let iy = y0; iy <= y1; iy++) {
        const hxy = hx ^ Math.imul(iy, 19349663);
        for (let iz = z0; iz <= z1; iz++) {
          const k = ((hxy ^ Math.imul(iz, 83492791)) >>> 0) & mask;
          for (let e = start[k], end = start[k + 1]; e < end; e++) {
            const i = order[e];
            if (stamp[i] === sv) continue;
            stamp[i] = sv;
            out[m++] = i;
          }
        }
      }
    }
    return m;
  }
}

/**
 * One force's picture tracker (see the file header). Deterministic: no randomness, scans and
 * tracks processed in a stable order.
 */
export class ForcePictureTracker {
  readonly force: string;
  readonly stats: PictureTrackerStats = {
    scans: 0, detections: 0, updates: 0, confirmedUpdates: 0, initiated: 0, confirmed: 0, deleted: 0, ignored: 0, late: 0, cued: 0,
  };
  private readonly qAir: number;
  private readonly qFast: number;
  private readonly qExo: number;
  private readonly gamma: number;
  private readonly M: number;
  private readonly confirmScore: number;
  private readonly lnPd: number;
  private readonly lnMiss: number;
  private readonly N: number;
  private readonly maxSpeed: number;
  private readonly minPair: number;
  private readonly maxPair: number;
  private readonly maxPairs: number;
  private readonly maxMisses: number;
  private readonly deletionDrop: number;
  private readonly maxCoast: number;
  private readonly maxSigma2: number;
  private readonly sensorMemory: number;
  private readonly exoHeight: number;
  private readonly maxLag: number;
  private readonly includeTentative: boolean;
  private readonly qReentry: number;
  private readonly thetaDrift: number;
  private readonly reentryOn: boolean;
  private readonly reentryHeight: number;
  private readonly cueValidity: number;
  private readonly qAirManeuver: number;
  private readonly qFastManeuver: number;
  private readonly qReentryManeuver: number;
  private readonly immOn: boolean;
  private readonly immReentry: boolean;
  private readonly tau1: number;
  private readonly tau2: number;
  /** Stationary manoeuvre-mode probability τ₂/(τ₁ + τ₂): μ₂ when the IMM (re)opens. */
  private readonly mu2Prior: number;
  private cues: TrackCue[] = [];

  private tracks: PictureTrackState[] = [];
  /** The confirmed tracks during a scan's confirmation loop (see `duplicates`). */
  private confirmedTracks: PictureTrackState[] = [];
  private nextNum = 0;
  private nextId = 0;
  private newest = -Infinity;
  private readonly sites = new Map<string, SiteCache>();
  /** Dense index of each sensor id seen (per-track P̂_D counts are arrays by this index). */
  private readonly sensorIds = new Map<string, number>();
  /** Sensor ids by index. */
  private readonly sensorNames: string[] = [];
  /** Sensor indices sorted by id (default string order, as `Array.prototype.sort`). */
  private sensorOrder: number[] = [];
  /** Index of the scan's sensor (set by processScan). */
  private scanSensor = 0;
  /** Deleted track objects for reuse (`PictureTrackState.reset`): tracks are started and deleted
   *  by the hundred per scan (clutter pairs), and reusing their buffers keeps that churn out of
   *  the garbage collector. */
  private readonly pool: PictureTrackState[] = [];
  private readonly solver = new AssignmentSolver();
  private readonly gnn = new GatedAssignment();
  private readonly grid = new PointGrid();
  private readonly candGrid = new PointGrid();

  // Per-scan buffers (grown, never shrunk).
  private detPos = new Float64Array(0);
  private detUsed = new Int32Array(0);
  private zhat = new Float64Array(0);
  private Hp = new Float64Array(0);
  private HPH = new Float64Array(0);
  private rowTrack = new Int32Array(0);
  private expectedFlag = new Uint8Array(0);
  private confirmedFlag = new Uint8Array(0);
  private trackPos = new Float64Array(0);
  private posTrace = new Float64Array(0);
  private assigned = new Int32Array(0);
  private gateRadius = new Float64Array(0);
  private radiusSort = new Float64Array(0);
  /** Grid query results (detection or candidate indices). */
  private near = new Int32Array(0);

  // Initiation candidates (struct of arrays): position, covariance, time, sensor.
  private candPos = new Float64Array(0);
  private candCov = new Float64Array(0);
  private candT = new Float64Array(0);
  /** Sensor index of each candidate. */
  private candSensor: number[] = [];
  private nCand = 0;

  // Scratch.
  private readonly S = new Float64Array(9);
  private readonly Si = new Float64Array(9);
  private readonly nu = new Float64Array(3);
  private readonly PHt = new Float64Array(21);
  private readonly K = new Float64Array(21);
  private readonly A = new Float64Array(49);
  private readonly B = new Float64Array(49);
  private readonly s18 = new Float64Array(21);
  private readonly rwork = new Float64Array(REENTRY_WORK_SIZE);
  private readonly Phi = new Float64Array(49);
  private readonly Q7 = new Float64Array(49);
  private readonly picX = new Float64Array(7);
  private readonly picP = new Float64Array(49);
  private readonly cueX = new Float64Array(7);
  private readonly cueP = new Float64Array(49);
  private readonly cueZ = new Float64Array(3);
  private readonly cueH = new Float64Array(9);
  private readonly s9 = new Float64Array(9);
  private readonly cls6 = new Float64Array(6);
  private readonly acc = new Float64Array(3);
  private readonly rk = new Float64Array(30);
  private readonly pairC = new Float64Array(9);
  private readonly pairP = new Float64Array(3);
  private readonly geod = new Float64Array(3);
  /** IMM scratch: x₂ − x₁, a mode's predicted measurement and its Jacobian. */
  private readonly dMode = new Float64Array(7);
  private readonly zMode = new Float64Array(3);
  private readonly hMode = new Float64Array(9);
  private readonly s9b = new Float64Array(9);
  private readonly bestC: Int32Array;
  private lastGain = 0;
  private readonly bestV: Float64Array;

  constructor(options: ForcePictureOptions) {
    if (typeof options.force !== 'string' || options.force.length === 0) throw new RangeError('ForcePictureTracker: force must be a non-empty string');
    this.force = options.force;
    const q = options.processNoise ?? {};
    this.qAir = q.air ?? 100;
    this.qFast = q.fast ?? 2500;
    this.qExo = q.exo ?? 0.1;
    this.gamma = chiSquareQuantile(options.gateProbability ?? 0.999, 3);
    const conf = options.confirmation ?? { m: 3, n: 5 };
    if (!(Number.isInteger(conf.m) && Number.isInteger(conf.n) && conf.m >= 2 && conf.m <= conf.n && conf.n <= 30)) {
      throw new RangeError(`ForcePictureTracker: confirmation needs integers 2 ≤ M ≤ N ≤ 30, got ${conf.m} of ${conf.n}`);
    }
    this.M = conf.m;
    this.confirmScore = options.confirmationScore ?? Math.log(1e6);
    const pd = options.detectionProbability ?? 0.9;
    if (!(pd > 0 && pd < 1)) throw new RangeError(`ForcePictureTracker: detectionProbability must be in (0, 1), got ${pd}`);
    this.lnPd = Math.log(pd);
    this.lnMiss = Math.log(1 - pd);
    this.N = conf.n;
    this.maxSpeed = options.maxSpeed ?? 8000;
    this.minPair = options.minPairInterval ?? 2;
    this.maxPair = options.maxPairInterval ?? 30;
    this.maxPairs = options.maxPairsPerDetection ?? 4;
    this.maxMisses = options.maxMisses ?? 12;
    this.deletionDrop = options.deletionScoreDrop ?? Math.log(1e4);
    if (!(this.deletionDrop > 0)) throw new RangeError(`ForcePictureTracker: deletionScoreDrop must be > 0, got ${this.deletionDrop}`);
    this.maxCoast = options.maxCoastTime ?? 60;
    const ms = options.maxPositionSigma ?? 50_000;
    this.maxSigma2 = ms * ms;
    this.sensorMemory = options.sensorMemory ?? 60;
    this.exoHeight = options.exoHeight ?? 80_000;
    this.maxLag = options.maxLag ?? 5;
    this.includeTentative = options.includeTentative ?? false;
    this.qReentry = q.reentry ?? 100;
    this.thetaDrift = q.ballisticDrift ?? 0.005;
    this.reentryOn = options.reentryFilter ?? true;
    this.reentryHeight = options.reentryHeight ?? 100_000;
    this.cueValidity = options.cueValidity ?? 30;
    this.qAirManeuver = q.airManeuver ?? 4000;
    this.qFastManeuver = q.fastManeuver ?? 30_000;
    this.qReentryManeuver = q.reentryManeuver ?? 30_000;
    const imm = options.imm ?? true;
    this.immOn = imm !== false;
    const io = typeof imm === 'object' ? imm : {};
    this.tau1 = io.quiescentSojourn ?? 20;
    this.tau2 = io.maneuverSojourn ?? 10;
    this.immReentry = io.reentry ?? true;
    for (const [name, v] of [['airManeuver', this.qAirManeuver], ['fastManeuver', this.qFastManeuver], ['reentryManeuver', this.qReentryManeuver], ['imm.quiescentSojourn', this.tau1], ['imm.maneuverSojourn', this.tau2]] as const) {
      if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`ForcePictureTracker: ${name} must be a positive number, got ${v}`);
    }
    this.mu2Prior = this.tau2 / (this.tau1 + this.tau2);
    this.bestC = new Int32Array(this.maxPairs);
    this.bestV = new Float64Array(this.maxPairs);
  }

  /** Live tracks (tentative included), for inspection. */
  get trackCount(): number {
    return this.tracks.length;
  }

  /** Consume one tick's detections; return the force's picture at time t. */
  step(t: number, detections: readonly Detection[]): PictureTrack[] {
    // Scans = (time, sensor) groups, processed in time order, then sensor id, then input order.
    const idx: number[] = [];
    for (let i = 0; i < detections.length; i++) {
      const d = detections[i];
      if (d.kind === 'rae' || d.kind === 'raer') idx.push(i);
      else this.stats.ignored++;
    }
    // Usually one scan per tick, in order: the sort (ties by input order) would be the identity.
    let ordered = true;
    for (let k = 1; k < idx.length && ordered; k++) {
      const da = detections[idx[k - 1]], db = detections[idx[k]];
      ordered = da.t < db.t || (da.t === db.t && da.sensorId <= db.sensorId);
    }
    if (!ordered) {
      idx.sort((a, b) => {
        const da = detections[a], db = detections[b];
        if (da.t !== db.t) return da.t - db.t;
        if (da.sensorId !== db.sensorId) return da.sensorId < db.sensorId ? -1 : 1;
        return a - b;
      });
    }
    let s = 0;
    const scan: Detection[] = [];
    while (s < idx.length) {
      const first = detections[idx[s]];
      scan.length = 0;
      let e = s;
      while (e < idx.length && detections[idx[e]].t === first.t && detections[idx[e]].sensorId === first.sensorId) {
        scan.push(detections[idx[e]]);
        e++;
      }
      if (first.t < this.newest - this.maxLag) this.stats.late += scan.length;
      else this.processScan(first.t, first.sensorId, scan);
      s = e;
    }
    return this.picture(t);
  }

  /** The current picture predicted to time t (the filter state is not changed). */
  picture(t: number): PictureTrack[] {
    const out: PictureTrack[] = [];
    for (const tr of this.tracks) {
      if (!tr.confirmed && !this.includeTentative) continue;
      // (An IMM track is extrapolated here by the single model from its combined estimate, mode 1's
      // q: the picture is normally taken at the last scan's time, Δt = 0.)
      // Predicted in scratch (copies of the track's state; only the 6-state parts go out) — unless
      // the prediction is the identity (Δt = 0, usual: the picture is taken at the last scan's time,
      // and no filter switch, which is all `predictState` does at Δt = 0): then read in place.
      let x7 = tr.x, P7 = tr.P, reentry = tr.reentry;
      const dt = t - tr.t;
      if (dt !== 0 || this.switchesFilter(tr.x, tr.reentry)) {
        x7 = this.picX;
        P7 = this.picP;
        x7.set(tr.x);
        P7.set(tr.P);
        reentry = this.predictState(x7, P7, dt, tr.reentry);
      }
      // The picture carries the 6-state kinematics; θ goes out as the ballistic coefficient.
      const x = new Float64Array(6);
      for (let k = 0; k < 6; k++) x[k] = x7[k];
      const P = new Float64Array(36);
      for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) P[a * 6 + b] = P7[a * 7 + b];
      // A literal in TARGET_CLASSES order (the keys' order as before; one object shape).
      const lc = tr.logClass;
      const probs: Partial<Record<TargetClass, number>> = {
        ballistic: Math.exp(lc[0]), glide: Math.exp(lc[1]), cruise: Math.exp(lc[2]),
        drone: Math.exp(lc[3]), aircraft: Math.exp(lc[4]), unknown: Math.exp(lc[5]),
      };
      // Visited in sorted id order (`sensorOrder`): the list comes out sorted without a per-track
      // sort (which allocated ~1 kB per track per picture).
      const sensors: string[] = [];
      const last = tr.sensorLast, order = this.sensorOrder;
      for (let o = 0; o < order.length; o++) {
        const k = order[o];
        if (k < last.length && t - last[k] <= this.sensorMemory) sensors.push(this.sensorNames[k]);
      }
      const sig = Math.sqrt(P[0] + P[7] + P[14]);
      const track: PictureTrack = {
        id: tr.id ?? `${this.force}-tentative-${tr.num}`,
        t,
        state: x,
        covariance: P,
        classProbabilities: probs,
        classification: TARGET_CLASSES[tr.cls],
        quality: (popcount(tr.hist) / Math.min(this.N, Math.max(tr.expected, 1))) / (1 + sig / 1000),
        status: !tr.confirmed ? 'tentative' : tr.misses > 0 ? 'coasting' : 'confirmed',
        sensors,
        updated: tr.lastUpdate,
      };
      if (reentry && x7[6] > 0) track.ballisticCoefficient = ballisticCoefficientOf(x7[6], P7[48]);
      out.push(track);
    }
    return out;
  }

  // ------------------------------------------------------------------------------ prediction

  /** Whether `predictState` would switch the track's filter (the tests at its start, unchanged). */
  private switchesFilter(x: Float64Array, reentry: boolean): boolean {
    const v2 = x[3] * x[3] + x[4] * x[4] + x[5] * x[5];
    const v = Math.sqrt(v2);
    const h = approximateHeight(x);
    const r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    const vu = (x[0] * x[3] + x[1] * x[4] + x[2] * x[5]) / r;
    if (reentry && (h > this.reentryHeight + 10_000 || v < 300 || vu > -SIN5 * v)) return true;
    return !reentry && this.reentryOn && h < this.reentryHeight && v > 1000 && vu < -SIN20 * v;
  }

  /**
   * Predicts (x, P) (7-state, 7×7) by Δt in place and returns whether the track is in the re-entry
   * filter afterwards. Regimes, decided on the state at the start of the prediction:
   *  - re-entry (7-state EKF of models/ballistic.ts: J2 + rotating frame + drag with θ = 1/β,
   *    process noise q = `reentry` and a random walk on θ): entered by a track that is fast
   *    (> 1 km/s), below `reentryHeight` and descending steeply (γ < −20°, as the free-fall test
   *    below); θ starts at THETA_PRIOR ± THETA_PRIOR_SIGMA (β ≈ 2,000 kg/m², a spread covering
   *    heavy RVs and light decoys). Left (θ dropped) when the track climbs above `reentryHeight` +
   *    10 km, slows below 300 m/s or flattens to γ > −5° (hysteresis against chattering);
   *  - otherwise NCV covariance, free-fall state propagation in the exo / steep fast regime (see
   *    the header). Process noise with |Δt| (retrodiction for Δt < 0).
   */
  private predictState(x: Float64Array, P: Float64Array, dt: number, reentry: boolean): boolean {
    const v2 = x[3] * x[3] + x[4] * x[4] + x[5] * x[5];
    const v = Math.sqrt(v2);
    const h = approximateHeight(x);
    const r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    const vu = (x[0] * x[3] + x[1] * x[4] + x[2] * x[5]) / r;
    if (reentry && (h > this.reentryHeight + 10_000 || v < 300 || vu > -SIN5 * v)) {
      reentry = false;
      x[6] = 0;
      for (let k = 0; k < 7; k++) { P[k * 7 + 6] = 0; P[42 + k] = 0; }
    } else if (!reentry && this.reentryOn && h < this.reentryHeight && v > 1000 && vu < -SIN20 * v) {
      reentry = true;
      x[6] = THETA_PRIOR;
      for (let k = 0; k < 7; k++) { P[k * 7 + 6] = 0; P[42 + k] = 0; }
      P[48] = THETA_PRIOR_SIGMA * THETA_PRIOR_SIGMA;
    }
    if (dt === 0) return reentry;
    if (reentry) {
      this.predictReentry(x, P, dt, this.qReentry);
      return true;
    }
    const exo = h > this.exoHeight;
    const freeFall = exo || (v > 1000 && Math.abs(vu) > SIN20 * v);
    const q = exo ? this.qExo : v > 1000 ? this.qFast : this.qAir;
    this.predictNcv(x, P, dt, q, freeFall);
    return false;
  }

  /**
   * NCV prediction of (x, P) (7-state layout, stride 7; row/column 6 untouched) by Δt in place: the
   * state by F = [[I, ΔtI], [0, I]] (or, `freeFall`, by RK4 in free fall),
   * the covariance P ← F P Fᵀ + Q with the continuous white-noise acceleration Q of spectral density
   * q (Bar-Shalom, Li & Kirubarajan 2001, §6.2.2), taken with |Δt| (retrodiction).
   */
  private predictNcv(x: Float64Array, P: Float64Array, dt: number, q: number, freeFall: boolean): void {
    if (freeFall) this.rk4(x, dt);
    else {
      x[0] += x[3] * dt;
      x[1] += x[4] * dt;
      x[2] += x[5] * dt;
    }
    // P ← F P Fᵀ + Q, blockwise for F = [[I, ΔtI], [0, I]] (stride 7; row/column 6 stay zero).
    const adt = Math.abs(dt);
    const q11 = (q * adt * adt * adt) / 3, q12 = (q * adt * adt) / 2 * Math.sign(dt), q22 = q * adt;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const pp = P[i * 7 + j], pv = P[i * 7 + j + 3], vp = P[(i + 3) * 7 + j], vv = P[(i + 3) * 7 + j + 3];
        P[i * 7 + j] = pp + dt * (pv + vp) + dt * dt * vv;
        P[i * 7 + j + 3] = pv + dt * vv;
        P[(i + 3) * 7 + j] = vp + dt * vv;
      }
    }
    for (let i = 0; i < 3; i++) {
      P[i * 7 + i] += q11;
      P[i * 7 + i + 3] += q12;
      P[(i + 3) * 7 + i] += q12;
      P[(i + 3) * 7 + i + 3] += q22;
    }
  }

  // ------------------------------------------------------------------------------ IMM

  /**
   * Predicts a track by Δt. Tentative tracks (and all tracks when the IMM is off) take the single
   * model of `predictState`. A confirmed track takes the two-model IMM (`immPredict`) after the
   * filter switch (which `predictState` applies at Δt = 0): in the NCV regime (below `exoHeight`,
   * not in re-entry; free-fall state propagation for steep fast tracks as the single model) with
   * q = air/fast vs airManeuver/fastManeuver by speed, and in the re-entry filter (unless
   * `imm.reentry` is false) with q = reentry vs reentryManeuver. A change of regime (NCV ↔
   * re-entry) re-opens the IMM from the combined estimate; in exo free fall the IMM is closed:
   * x/P already hold its moment-matched combination, which the single filter carries on.
   * Tentative tracks stay single-model: they are mostly clutter pairs (hundreds per scan), live a
   * few scans, and their gates are already wide from two-point initiation.
   */
  private predictTrack(tr: PictureTrackState, dt: number): void {
    if (!this.immOn || !tr.confirmed) {
      tr.reentry = this.predictState(tr.x, tr.P, dt, tr.reentry);
      return;
    }
    tr.reentry = this.predictState(tr.x, tr.P, 0, tr.reentry);
    const x = tr.x;
    if (tr.reentry) {
      if (this.immReentry) {
        if (!tr.imm || !tr.immReentry) this.openImm(tr, true);
        if (dt > 0) this.immPredict(tr, dt, this.qReentry, this.qReentryManeuver, false);
        else if (dt < 0) this.immPredict(tr, dt, this.qReentry, this.qReentry, false); // retrodiction
        return;
      }
    } else if (approximateHeight(x) <= this.exoHeight) {
      // The regime tests of `predictState` on the combined state (one regime for both modes).
      const v = Math.sqrt(x[3] * x[3] + x[4] * x[4] + x[5] * x[5]);
      const r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
      const vu = (x[0] * x[3] + x[1] * x[4] + x[2] * x[5]) / r;
      const fast = v > 1000;
      const freeFall = fast && Math.abs(vu) > SIN20 * v;
      if (!tr.imm || tr.immReentry) this.openImm(tr, false);
      // Air-breathing: lateral acceleration = speed × turn rate, so the manoeuvre q scales with v²
      // up to `airManeuver` (reached at AIR_MANEUVER_SPEED), and never below mode 1's.
      const qAir2 = Math.min(this.qAirManeuver, Math.max(this.qAir, this.qAirManeuver * (v * v) / (AIR_MANEUVER_SPEED * AIR_MANEUVER_SPEED)));
      if (dt > 0) this.immPredict(tr, dt, fast ? this.qFast : this.qAir, fast ? this.qFastManeuver : qAir2, freeFall);
      else if (dt < 0) this.immPredict(tr, dt, fast ? this.qFast : this.qAir, fast ? this.qFast : this.qAir, freeFall); // retrodiction
      return;
    }
    tr.imm = false;
    tr.reentry = this.predictState(tr.x, tr.P, dt, tr.reentry);
  }

  /** Opens the IMM: both modes start from the track's estimate, μ at the chain's stationary law. */
  private openImm(tr: PictureTrackState, reentry: boolean): void {
    if (tr.x1.length === 0) {
      tr.x1 = new Float64Array(7);
      tr.x2 = new Float64Array(7);
      tr.P1 = new Float64Array(49);
      tr.P2 = new Float64Array(49);
    }
    tr.x1.set(tr.x);
    tr.x2.set(tr.x);
    tr.P1.set(tr.P);
    tr.P2.set(tr.P);
    tr.mu2 = this.mu2Prior;
    tr.mu1 = 1 - this.mu2Prior;
    tr.imm = true;
    tr.immReentry = reentry;
  }

  /**
   * IMM interaction and prediction (Blom & Bar-Shalom 1988; Bar-Shalom, Li & Kirubarajan 2001,
   * §11.6.6), two modes, Markov switching in continuous time: π_ij(Δt) = P(mode j at t+Δt | i at
   * t), π₁₂ = 1 − e^(−|Δt|/τ₁), π₂₁ = 1 − e^(−|Δt|/τ₂). Predicted mode probabilities
   * c_j = Σ_i π_ij μ_i; mixing probabilities μ_{i|j} = π_ij μ_i / c_j; mixed initial conditions
   * x₀ⱼ = Σ_i μ_{i|j} x_i, P₀ⱼ = Σ_i μ_{i|j} [P_i + (x_i − x₀ⱼ)(x_i − x₀ⱼ)ᵀ] — for two modes,
   * with d = x₂ − x₁: x₀₁ = x₁ + μ_{2|1} d, P₀₁ = P₁ + μ_{2|1}(P₂ − P₁) + μ_{1|1}μ_{2|1} d dᵀ
   * (and symmetrically), a form that is exactly the identity when the modes agree. Then each mode
   * is predicted with its own q (`predictNcv` / `predictReentry`), μ ← c, and x/P ← the
   * combination (`immCombine`).
   * Retrodiction (Δt < 0, an out-of-sequence scan) is approximate: no switching (π = I: the
   * chain's transitions over that interval were applied when predicting forward over it) and the
   * caller passes mode 1's q for both modes (mode 2's large q over the same interval would be
   * counted twice, back and forward again); measured on test/track/picture-oosm.test.ts, a 3 s late
   * radar: late-scan RMS 66.1 m vs 69.0 m (own q, no switching) and 76.1 m (own q, switching).
   */
  private immPredict(tr: PictureTrackState, dt: number, q1: number, q2: number, freeFall: boolean): void {
    const adt = dt > 0 ? dt : 0; // retrodiction: no switching (see above)
    const p12 = -Math.expm1(-adt / this.tau1), p11 = 1 - p12;
    const p21 = -Math.expm1(-adt / this.tau2), p22 = 1 - p21;
    const mu1 = tr.mu1, mu2 = tr.mu2;
    const c1 = p11 * mu1 + p21 * mu2, c2 = p12 * mu1 + p22 * mu2;
    // μ_{i|1} and μ_{i|2}; a mode of probability 0 (underflow) with no inflow keeps its own estimate
    const w11 = c1 > 0 ? (p11 * mu1) / c1 : 1, w21 = c1 > 0 ? (p21 * mu2) / c1 : 0;
    const w12 = c2 > 0 ? (p12 * mu1) / c2 : 0, w22 = c2 > 0 ? (p22 * mu2) / c2 : 1;
    const x1 = tr.x1, x2 = tr.x2, P1 = tr.P1, P2 = tr.P2, d = this.dMode;
    const n = tr.immReentry ? 7 : 6; // θ is mixed in the re-entry filter
    for (let k = 0; k < n; k++) d[k] = x2[k] - x1[k];
    for (let a = 0; a < n; a++) {
      x1[a] += w21 * d[a];
      x2[a] -= w12 * d[a];
      for (let b = 0; b < n; b++) {
        const e = a * 7 + b, p1 = P1[e], p2 = P2[e], dd = d[a] * d[b];
        P1[e] = p1 + w21 * (p2 - p1) + w11 * w21 * dd;
        P2[e] = p2 + w12 * (p1 - p2) + w12 * w22 * dd;
      }
    }
    if (tr.immReentry) {
      this.predictReentry(x1, P1, dt, q1);
      this.predictReentry(x2, P2, dt, q2);
    } else {
      this.predictNcv(x1, P1, dt, q1, freeFall);
      this.predictNcv(x2, P2, dt, q2, freeFall);
    }
    const c = c1 + c2;
    tr.mu1 = c1 / c;
    tr.mu2 = c2 / c;
    this.immCombine(tr);
  }

  /**
   * IMM measurement update (Bar-Shalom, Li & Kirubarajan 2001, §11.6.6, steps 3–5): each mode's
   * EKF update with the detection (its own predicted measurement, AER Jacobian, S_j, Joseph form),
   * its likelihood Λ_j = N(ν_j; 0, S_j), μ_j ← Λ_j c_j / Σ_i Λ_i c_i (in logs, max-shifted), then
   * the combination.
   */
  private immUpdate(tr: PictureTrackState, d: Detection, frame: RadarSiteFrame): void {
    const dim = d.z.length, R = d.R, S = this.S, Si = this.Si, nu = this.nu, z = this.zMode, Hm = this.hMode, HPH = this.s9b;
    let lnL1 = -Infinity, lnL2 = -Infinity;
    for (let m = 0; m < 2; m++) {
      const x = m === 0 ? tr.x1 : tr.x2, P = m === 0 ? tr.P1 : tr.P2;
      raeMeasureInto(frame, x, 0, z, 0, Hm, 0);
      this.projectCovariance(Hm, 0, P, HPH);
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) S[a * 3 + b] = HPH[a * 3 + b] + R[a * dim + b];
      raeInnovationInto(d.z, 0, z, 0, nu, 0);
      const lnDet = invertSymmetric(S, 0, 3, Si, 0, this.s18);
      if (!(lnDet === lnDet)) continue; // S not positive definite: this mode is not updated
      const d2 = nu[0] * (Si[0] * nu[0] + 2 * Si[1] * nu[1] + 2 * Si[2] * nu[2]) + nu[1] * (Si[4] * nu[1] + 2 * Si[5] * nu[2]) + Si[8] * nu[2] * nu[2];
      // ln Λ_j up to the constant −(3/2) ln 2π, common to both modes
      const lnL = -0.5 * lnDet - 0.5 * d2;
      if (m === 0) lnL1 = lnL;
      else lnL2 = lnL;
      this.josephUpdate(x, P, Hm, 0, d, tr.immReentry);
    }
    if (lnL1 > -Infinity || lnL2 > -Infinity) {
      const top = Math.max(lnL1, lnL2);
      const a1 = tr.mu1 * Math.exp(lnL1 - top), a2 = tr.mu2 * Math.exp(lnL2 - top);
      const sum = a1 + a2;
      if (sum > 0) {
        tr.mu1 = a1 / sum;
        tr.mu2 = a2 / sum;
      }
    }
    this.immCombine(tr);
  }

  /**
   * IMM combination (moment matching, Bar-Shalom, Li & Kirubarajan 2001, §11.6.6, step 5) into the
   * track's x/P, which gating, assignment, scoring and output read: with d = x₂ − x₁,
   * x = x₁ + μ₂ d, P = P₁ + μ₂(P₂ − P₁) + μ₁μ₂ d dᵀ (= Σ μ_j [P_j + (x_j − x)(x_j − x)ᵀ]).
   */
  private immCombine(tr: PictureTrackState): void {
    const x1 = tr.x1, x2 = tr.x2, P1 = tr.P1, P2 = tr.P2, x = tr.x, P = tr.P, d = this.dMode;
    const mu1 = tr.mu1, mu2 = tr.mu2, w = mu1 * mu2;
    const n = tr.immReentry ? 7 : 6;
    for (let k = 0; k < n; k++) {
      d[k] = x2[k] - x1[k];
      x[k] = x1[k] + mu2 * d[k];
    }
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const e = a * 7 + b, p1 = P1[e];
        P[e] = p1 + mu2 * (P2[e] - p1) + w * d[a] * d[b];
      }
    }
  }

  /** Re-entry filter prediction (models/ballistic.ts) of (x, P) by Δt in place, NCV process noise q. */
  private predictReentry(x: Float64Array, P: Float64Array, dt: number, q: number): void {
    reentryPropagateInto(x, dt, this.Phi, this.rwork);
    // Random walk on θ: a relative drift `ballisticDrift` per √s (C_D varies with Mach and
    // attitude) plus a floor keeping θ ≈ 0 correctable.
    const qTheta = (this.thetaDrift * x[6]) ** 2 + THETA_FLOOR * THETA_FLOOR;
    reentryProcessNoiseInto(this.Q7, dt, q, qTheta);
    reentryCovariancePredictInto(P, this.Phi, this.Q7, this.B);
  }

  /** Free-fall state propagation in ECEF by classical RK4, sub-steps ≤ 2 s. */
  private rk4(x: Float64Array, dt: number): void {
    const n = Math.max(1, Math.ceil(Math.abs(dt) / 2));
    const h = dt / n;
    const y = this.rk; // y0 at 0..5, stage states at 6..11, k-sums at 12..17, acc at 18..20
    const a = this.acc;
    for (let s = 0; s < n; s++) {
      for (let i = 0; i < 6; i++) { y[i] = x[i]; y[12 + i] = 0; }
      for (let stage = 0; stage < 4; stage++) {
        const src = stage === 0 ? 0 : 6;
        ecefFreeFallAccelerationInto(a, y, y, 0, src, src + 3);
        const w = stage === 0 || stage === 3 ? 1 : 2;
        // k = [v, a] at the stage state
        const kv0 = y[src + 3], kv1 = y[src + 4], kv2 = y[src + 5];
        y[12] += w * kv0; y[13] += w * kv1; y[14] += w * kv2;
        y[15] += w * a[0]; y[16] += w * a[1]; y[17] += w * a[2];
        if (stage < 3) {
          const c = stage === 2 ? h : h / 2;
          y[6] = x[0] + c * kv0; y[7] = x[1] + c * kv1; y[8] = x[2] + c * kv2;
          y[9] = x[3] + c * a[0]; y[10] = x[4] + c * a[1]; y[11] = x[5] + c * a[2];
        }
      }
      for (let i = 0; i < 6; i++) x[i] += (h / 6) * y[12 + i];
    }
  }

  // ------------------------------------------------------------------------------ one scan

  private site(sensorId: string, p: readonly [number, number, number]): SiteCache {
    let s = this.sites.get(sensorId);
    if (s === undefined || s.px !== p[0] || s.py !== p[1] || s.pz !== p[2]) {
      const origin = Float64Array.from(p);
      ecefToGeodeticInto(this.geod, origin);
      const rotation = enuRotationInto(new Float64Array(9), this.geod[0], this.geod[1]);
      const horizon = Math.sqrt(2 * HORIZON_K * EARTH_R * Math.max(this.geod[2], 0));
      s = { px: p[0], py: p[1], pz: p[2], frame: { origin, rotation }, maxRange: s?.maxRange ?? 0, elMin: s?.elMin ?? Infinity, elMax: s?.elMax ?? -Infinity, horizon };
      this.sites.set(sensorId, s);
    }
    return s;
  }

  private processScan(t: number, sensorId: string, dets: readonly Detection[]): void {
    const st = this.stats;
    st.scans++;
    st.detections += dets.length;
    if (t > this.newest) this.newest = t;
    const site = this.site(sensorId, dets[0].sensorPosition);
    const frame: RadarSiteFrame = site.frame;
    let sensorIndex = this.sensorIds.get(sensorId);
    if (sensorIndex === undefined) {
      sensorIndex = this.sensorIds.size;
      this.sensorIds.set(sensorId, sensorIndex);
      this.sensorNames.push(sensorId);
      const names = this.sensorNames;
      this.sensorOrder = names.map((_, k) => k).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
    }
    this.scanSensor = sensorIndex;
    const nD = dets.length;
    const nT = this.tracks.length;

    // Detections → ECEF points; the scan's largest sigmas bound the gate radius.
    this.detPos = grow(this.detPos, 3 * nD);
    this.detUsed = growI(this.detUsed, nD);
    const detPos = this.detPos;
    let sr2 = 0, sa2 = 0, se2 = 0;
    for (let j = 0; j < nD; j++) {
      const d = dets[j];
      const dim = d.z.length;
      raeToEcefInto(frame, d.z, d.R, dim, detPos, 3 * j, null, 0, this.s18);
      this.detUsed[j] = 0;
      sr2 = Math.max(sr2, d.R[0]);
      sa2 = Math.max(sa2, d.R[dim + 1]);
      se2 = Math.max(se2, d.R[2 * dim + 2]);
      if (d.z[0] > site.maxRange) site.maxRange = d.z[0];
      if (d.z[2] < site.elMin) site.elMin = d.z[2];
      if (d.z[2] > site.elMax) site.elMax = d.z[2];
    }
    // Clutter density (per m·rad²) for the track score: this scan's reports over the instrumented
    // volume range × 2π × elevation span (at least 1 km × 2π × 0.1 rad). An upper bound (targets
    // are counted too), which makes confirmation conservative.
    const volume = Math.max(site.maxRange, 1000) * 2 * Math.PI * Math.max(site.elMax - site.elMin, 0.1);
    const lnClutter = Math.log(nD / volume);

    // 1. Predict; predicted measurement, Jacobian, H P Hᵀ; gate radius.
    this.zhat = grow(this.zhat, 3 * nT);
    this.Hp = grow(this.Hp, 9 * nT);
    this.HPH = grow(this.HPH, 9 * nT);
    if (this.expectedFlag.length < nT) this.expectedFlag = new Uint8Array(Math.max(nT, 2 * this.expectedFlag.length));
    const { zhat, Hp, HPH } = this;


    this.rowTrack = growI(this.rowTrack, nT);
    this.gateRadius = grow(this.gateRadius, nT);
    const gamma = this.gamma;
    const rGateOf = this.gateRadius;
    this.confirmedFlag = this.confirmedFlag.length < nT ? new Uint8Array(Math.max(nT, 2 * this.confirmedFlag.length)) : this.confirmedFlag;
    const confirmedFlag = this.confirmedFlag;
    // Dense per-scan copies of what the GNN passes and the deletion test read of each track (the
    // predicted position, and tr(P_pos) — kept current through the updates), so those loops do
    // not touch the track objects.
    this.trackPos = grow(this.trackPos, 3 * nT);
    this.posTrace = grow(this.posTrace, nT);
    const trackPos = this.trackPos, posTrace = this.posTrace;
    const confirmedTracks = this.confirmedTracks;
    confirmedTracks.length = 0;
    for (let i = 0; i < nT; i++) {
      const tr = this.tracks[i];
      // Status copied to a dense array (the GNN passes select rows by it without touching the
      // track objects, most of which are tentative clutter pairs).
      confirmedFlag[i] = tr.confirmed ? 1 : 0;
      if (tr.confirmed) confirmedTracks.push(tr);
      this.predictTrack(tr, t - tr.t);
      tr.t = t;
      const P = tr.P;
      const rho = raeMeasureInto(frame, tr.x, 0, zhat, 3 * i, Hp, 9 * i);
      const seen = sensorIndex < tr.sensorLast.length ? tr.sensorLast[sensorIndex] : NaN;
      // Expected: the sensor has held the track recently, the track is within its instrumented range
      // and above its radar horizon (4/3 Earth: a target masked by the Earth's
      // curvature is not a miss).
      let expected = t - seen <= this.sensorMemory && rho <= site.maxRange;
      // (Confirmed tracks only: a tentative track predicted below the horizon is a failed pair.)
      if (expected && tr.confirmed && rho > site.horizon) {
        const ht = approximateHeight(tr.x);
        expected = rho <= site.horizon + Math.sqrt(2 * HORIZON_K * EARTH_R * Math.max(ht, 0));
      }
      this.expectedFlag[i] = expected ? 1 : 0;
      const trP = P[0] + P[8] + P[16];
      posTrace[i] = trP;
      trackPos[3 * i] = tr.x[0];
      trackPos[3 * i + 1] = tr.x[1];
      trackPos[3 * i + 2] = tr.x[2];
      const rGate = Math.sqrt(gamma * (trP + sr2 + rho * rho * (sa2 + se2)));
      rGateOf[i] = rho - rGate > site.maxRange ? -1 : rGate;
      if (rGateOf[i] < 0) continue;
      this.projectCovariance(Hp, 9 * i, P, HPH);
    }

    // Grid cell ≈ the 75th percentile of this scan's gate radii (most boxes span ≤ 3 cells a side;
    // the few huge gates of young tracks fall back to a linear pass), clamped to [200 m, 200 km].
    let nR = 0;
    this.radiusSort = grow(this.radiusSort, nT);
    for (let i = 0; i < nT; i++) if (rGateOf[i] >= 0) this.radiusSort[nR++] = rGateOf[i];
    let cell = 5000;
    if (nR > 0) {
      cell = kthSmallest(this.radiusSort, nR, Math.min(nR - 1, Math.floor(0.75 * nR)));
    }
    this.grid.build(detPos, nD, Math.min(200_000, Math.max(200, cell)));

    // 2. GNN in two passes: confirmed tracks first, then tentative tracks on the detections left
    //    (a young track must not take a detection from an established one; Blackman & Popoli §6.3).
    // detUsed[j]: 0 free, 1 taken by a confirmed track, 2 taken by a tentative track. Only a
    // confirmed track's detection is withheld from initiation: a tentative track may be a false
    // pair that captured a new target's detection, which must still seed its own pair (duplicate
    // initiations of one target are removed at confirmation, see `duplicates`).
    const hit = this.detUsed;
    this.near = growI(this.near, nD);
    const near = this.near;
    const updatedFlag = this.expectedFlag; // reuse: 2 = updated this scan
    this.assigned = growI(this.assigned, nT);
    this.assigned.fill(-1, 0, nT);
    for (let pass = 0; pass < 2; pass++) {
      const wantConfirmed = pass === 0 ? 1 : 0;
      const gnn = this.gnn;
      gnn.begin(nD); // columns: the scan's detections, then one private miss column per row
      for (let i = 0; i < nT; i++) {
        if (confirmedFlag[i] !== wantConfirmed || rGateOf[i] < 0) continue;
        const rGate = rGateOf[i];
        // Gate: grid pre-selection, Euclidean radius, then χ².
        let missLogDet = NaN;
        const px = trackPos[3 * i], py = trackPos[3 * i + 1], pz = trackPos[3 * i + 2];
        const r2 = rGate * rGate;
        // Candidates in the grid's visiting order (the miss cost takes the first gated one's ln|S|).
        let nCandidates = this.grid.collect(px, py, pz, rGate, near);
        const all = nCandidates < 0;
        if (all) nCandidates = nD;
        for (let q = 0; q < nCandidates; q++) {
          const j = all ? q : near[q];
          if (hit[j]) continue;
          const dx = detPos[3 * j] - px, dy = detPos[3 * j + 1] - py, dz = detPos[3 * j + 2] - pz;
          if (dx * dx + dy * dy + dz * dz > r2) continue;
          const lnDet = this.innovation(i, dets[j]);
          if (!(lnDet === lnDet)) continue;
          const nu = this.nu, Si = this.Si;
          const d2 = nu[0] * (Si[0] * nu[0] + 2 * Si[1] * nu[1] + 2 * Si[2] * nu[2]) + nu[1] * (Si[4] * nu[1] + 2 * Si[5] * nu[2]) + Si[8] * nu[2] * nu[2];
          if (d2 > gamma) continue;
          if (!(missLogDet === missLogDet)) missLogDet = lnDet;
          gnn.add(j, d2 + lnDet);
        }
        if (gnn.rowEntries === 0) continue;
        // Entries in detection order for determinism (the grid visits in hash order).
        gnn.sortRowByColumn();
        this.rowTrack[gnn.endRow(gamma + missLogDet)] = i;
      }
      const nRows = gnn.rows;
      if (nRows === 0) continue;
      gnn.solve(this.solver);
      for (let r = 0; r < nRows; r++) {
        const j = gnn.rowAssign[r];
        if (j < 0 || j >= nD) continue;
        const i = this.rowTrack[r];
        const tr = this.tracks[i];
        // A tentative track's hit is evidence for confirmation only if it tests the track's
        // velocity: at least ½ minPairInterval after its last counted update. (Another radar's
        // look at the same instant would otherwise "confirm" any pair, however wrong its speed.)
        const evidence = tr.confirmed || t - tr.lastUpdate >= 0.5 * this.minPair;
        const gain = this.update(i, tr, dets[j], frame) - lnClutter;
        posTrace[i] = tr.P[0] + tr.P[8] + tr.P[16];
        hit[j] = tr.confirmed ? 1 : 2;
        updatedFlag[i] = 2;
        this.assigned[i] = j;
        tr.seenBy(sensorIndex, t);
        if (tr.confirmed) this.countLook(tr, sensorIndex, 1);
        if (evidence) {
          tr.score += gain;
          if (tr.confirmed && tr.score > tr.peak) tr.peak = tr.score;
          tr.hist = ((tr.hist << 1) | 1) & ((1 << this.N) - 1);
          tr.expected++;
          tr.misses = 0;
          tr.lastUpdate = t;
        }
        tr.cls = this.classify(tr);
        st.updates++;
        if (tr.confirmed) st.confirmedUpdates++;
      }
    }

    // 3. Misses and confirmation.
    const mask = (1 << this.N) - 1;
    for (let i = 0; i < nT; i++) {
      const tr = this.tracks[i];
      if (updatedFlag[i] === 1) {
        // A miss costs ln(1 − P̂_D) of this sensor on this track (before counting this look).
        if (tr.confirmed) {
          tr.score += Math.log(1 - this.pdHat(tr, sensorIndex));
          this.countLook(tr, sensorIndex, 0);
        } else tr.score += this.lnMiss;
        tr.hist = (tr.hist << 1) & mask;
        tr.expected++;
        tr.misses++;
      }
      const hits = popcount(tr.hist);
      if (!tr.confirmed) {
        if (hits >= this.M && tr.score >= this.confirmScore) {
          if (this.duplicates(tr)) tr.dead = true;
          else {
            tr.confirmed = true;
            this.confirmedTracks.push(tr);
            tr.peak = tr.score;
            tr.id = `${this.force}-T${++this.nextId}`;
            st.confirmed++;
            if (this.assigned[i] >= 0) hit[this.assigned[i]] = 1; // its detection no longer seeds
          }
        } else if (this.N - Math.min(tr.expected, this.N) < this.M - hits || tr.expected >= this.N) {
          tr.dead = true;
        }
      } else if (tr.peak - tr.score > this.deletionDrop || tr.misses >= this.maxMisses || t - tr.lastUpdate > this.maxCoast) {
        tr.dead = true;
      }
      if (posTrace[i] > this.maxSigma2) tr.dead = true;
    }
    // Compact in place (order kept); deleted objects go to the pool.
    let live = 0;
    for (let i = 0; i < this.tracks.length; i++) {
      const tr = this.tracks[i];
      if (tr.dead) {
        st.deleted++;
        if (this.pool.length < POOL_MAX) this.pool.push(tr);
      } else this.tracks[live++] = tr;
    }
    this.tracks.length = live;

    // 4. Initiation from the detections left over: cued one-point, then two-point.
    this.cueInitiate(t, sensorId, frame, dets, hit, lnClutter);
    this.initiate(t, sensorId, frame, dets, hit);
  }

  /** P̂_D of sensor `k` on this track: Beta(1.8, 0.2) prior on exponentially forgotten counts. */
  private pdHat(tr: PictureTrackState, k: number): number {
    const L = tr.looks;
    const p = 2 * k + 1 < L.length ? (L[2 * k + 1] + PD_PRIOR_HITS) / (L[2 * k] + PD_PRIOR_LOOKS) : PD_PRIOR_HITS / PD_PRIOR_LOOKS;
    return Math.min(0.99, Math.max(0.05, p));
  }

  private countLook(tr: PictureTrackState, k: number, hit: 0 | 1): void {
    if (2 * k + 1 >= tr.looks.length) {
      const grown = new Float64Array(Math.max(2 * (k + 1), 2 * this.sensorIds.size));
      grown.set(tr.looks);
      tr.looks = grown;
    }
    const L = tr.looks;
    L[2 * k] = PD_FORGET * L[2 * k] + 1;
    L[2 * k + 1] = PD_FORGET * L[2 * k + 1] + hit;
  }

  /**
   * A tentative track about to be confirmed duplicates a confirmed one when their positions agree
   * within the gate: (p₁−p₂)ᵀ(P₁+P₂)⁻¹(p₁−p₂) ≤ γ (same target, two initiations).
   */
  private duplicates(tr: PictureTrackState): boolean {
    const S = this.S, Si = this.Si;
    // Only confirmed tracks can match: `confirmedTracks` holds them (built in the scan's predict
    // loop, extended as tracks confirm), instead of a pass over every tentative track.
    for (const o of this.confirmedTracks) {
      if (!o.confirmed || o.dead || o === tr) continue;
      const dx = tr.x[0] - o.x[0], dy = tr.x[1] - o.x[1], dz = tr.x[2] - o.x[2];
      const bound = tr.P[0] + tr.P[8] + tr.P[16] + o.P[0] + o.P[8] + o.P[16];
      if (dx * dx + dy * dy + dz * dz > this.gamma * bound) continue;
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) S[a * 3 + b] = tr.P[a * 7 + b] + o.P[a * 7 + b];
      const lnDet = invertSymmetric(S, 0, 3, Si, 0, this.s18);
      if (!(lnDet === lnDet)) continue; // NaN: not positive definite
      const d2 = dx * (Si[0] * dx + 2 * Si[1] * dy + 2 * Si[2] * dz) + dy * (Si[4] * dy + 2 * Si[5] * dz) + Si[8] * dz * dz;
      if (d2 <= this.gamma) return true;
    }
    return false;
  }

  /** H P Hᵀ = Hp P_pp Hpᵀ (the velocity block of H is zero) into out[h..h+8], Hp at offset h. */
  private projectCovariance(Hp: Float64Array, h: number, P: Float64Array, out: Float64Array): void {
    const tmp = this.s9;
    for (let a = 0; a < 3; a++) {
      for (let c = 0; c < 3; c++) tmp[a * 3 + c] = Hp[h + a * 3] * P[c] + Hp[h + a * 3 + 1] * P[7 + c] + Hp[h + a * 3 + 2] * P[14 + c];
    }
    for (let a = 0; a < 3; a++) {
      for (let b = a; b < 3; b++) {
        const v = tmp[a * 3] * Hp[h + b * 3] + tmp[a * 3 + 1] * Hp[h + b * 3 + 1] + tmp[a * 3 + 2] * Hp[h + b * 3 + 2];
        out[h + a * 3 + b] = v;
        out[h + b * 3 + a] = v;
      }
    }
  }

  /** ν (wrapped) and S⁻¹ for track i (predicted at the scan) and detection d; returns ln|S|. */
  private innovation(i: number, d: Detection): number {
    const dim = d.z.length;
    const R = d.R, S = this.S, h = 9 * i;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) S[a * 3 + b] = this.HPH[h + a * 3 + b] + R[a * dim + b];
    raeInnovationInto(d.z, 0, this.zhat, 3 * i, this.nu, 0);
    return invertSymmetric(S, 0, 3, this.Si, 0, this.s18);
  }

  /**
   * EKF update of track i with detection d, Joseph form. Returns the score increment before the
   * clutter term, ln P_D + ln N(ν; 0, S) (Blackman & Popoli 1999, §6.2).
   */
  private update(i: number, tr: PictureTrackState, d: Detection, frame: RadarSiteFrame): number {
    const lnDet = this.innovation(i, d);
    {
      const nu = this.nu, Si = this.Si;
      const d2 = nu[0] * (Si[0] * nu[0] + 2 * Si[1] * nu[1] + 2 * Si[2] * nu[2]) + nu[1] * (Si[4] * nu[1] + 2 * Si[5] * nu[2]) + Si[8] * nu[2] * nu[2];
      this.lastGain = this.lnPd - 1.5 * LN_2PI - 0.5 * lnDet - 0.5 * d2;
    }
    if (tr.imm) this.immUpdate(tr, d, frame);
    else this.josephUpdate(tr.x, tr.P, this.Hp, 9 * i, d, tr.reentry);
    return this.lastGain;
  }

  /**
   * EKF update of (x, P) (7-state layout) with detection d, Joseph form, given the position
   * Jacobian Hp (at offset h) and this.nu, this.Si (innovation and S⁻¹ of this state).
   */
  private josephUpdate(x: Float64Array, P: Float64Array, Hp: Float64Array, h: number, d: Detection, reentry: boolean): void {
    const PHt = this.PHt, K = this.K, Si = this.Si, nu = this.nu, A = this.A, B = this.B;
    // Stride 7; n = 7 rows/columns in the re-entry filter, else 6: outside it row/column 6 of P
    // are zero, so K's row 6 is zero and θ stays 0, and the 7th row/column of every product below
    // would only add exact zeros (skipping them leaves every value unchanged).
    const n = reentry ? 7 : 6;
    // PHt = P[:, 0:3] Hpᵀ (n×3)
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < 3; c++) PHt[r * 3 + c] = P[r * 7] * Hp[h + c * 3] + P[r * 7 + 1] * Hp[h + c * 3 + 1] + P[r * 7 + 2] * Hp[h + c * 3 + 2];
    }
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < 3; c++) K[r * 3 + c] = PHt[r * 3] * Si[c] + PHt[r * 3 + 1] * Si[3 + c] + PHt[r * 3 + 2] * Si[6 + c];
      x[r] += K[r * 3] * nu[0] + K[r * 3 + 1] * nu[1] + K[r * 3 + 2] * nu[2];
    }
    // θ = 1/β ≥ 0 (θ = 0 is the vacuum limit): project the estimate onto the physical interval.
    if (reentry) x[6] = Math.min(Math.max(x[6], 0), THETA_MAX);
    // A = I − K H (H = [Hp, 0])
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        A[r * 7 + c] = (r === c ? 1 : 0) - (c < 3 ? K[r * 3] * Hp[h + c] + K[r * 3 + 1] * Hp[h + 3 + c] + K[r * 3 + 2] * Hp[h + 6 + c] : 0);
      }
    }
    // B = A P
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += A[r * 7 + k] * P[k * 7 + c];
        B[r * 7 + c] = s;
      }
    }
    // P = B Aᵀ + K R Kᵀ
    const dim = d.z.length, R = d.R, KR = this.s18;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < 3; c++) KR[r * 3 + c] = K[r * 3] * R[c] + K[r * 3 + 1] * R[dim + c] + K[r * 3 + 2] * R[2 * dim + c];
    }
    for (let r = 0; r < n; r++) {
      for (let c = r; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += B[r * 7 + k] * A[c * 7 + k];
        s += KR[r * 3] * K[c * 3] + KR[r * 3 + 1] * K[c * 3 + 1] + KR[r * 3 + 2] * K[c * 3 + 2];
        P[r * 7 + c] = s;
        P[c * 7 + r] = s;
      }
    }
  }

  // ------------------------------------------------------------------------------ initiation

  private initiate(t: number, sensorId: string, frame: RadarSiteFrame, dets: readonly Detection[], used: Int32Array): void {
    // a) forget candidates older than maxPairInterval
    this.compactCandidates((tc) => t - tc > this.maxPair);
    // b) pair each left-over detection with earlier candidates (any sensor)
    const p = this.pairP, C = this.pairC;
    const nD = dets.length;
    let oldest = t;
    for (let c = 0; c < this.nCand; c++) if (this.candT[c] < oldest) oldest = this.candT[c];
    const span = t - oldest;
    const useGrid = this.nCand > 0 && span >= this.minPair;
    if (useGrid) this.candGrid.build(this.candPos, this.nCand, Math.max(1000, this.maxSpeed * span + 5000));
    const bestC = this.bestC, bestV = this.bestV, maxPairs = this.maxPairs;
    const unpaired: number[] = [];
    for (let j = 0; j < nD; j++) {
      if (used[j] === 1) continue;
      const d = dets[j];
      raeToEcefInto(frame, d.z, d.R, d.z.length, p, 0, C, 0, this.s18);
      let nBest = 0;
      if (useGrid) {
        const trC = C[0] + C[4] + C[8];
        this.near = growI(this.near, this.nCand);
        const near = this.near, candT = this.candT, candPos = this.candPos, candCov = this.candCov, minPair = this.minPair, maxSpeed = this.maxSpeed;
        let nNear = this.candGrid.collect(p[0], p[1], p[2], maxSpeed * span + 3 * Math.sqrt(trC) + 5000, near);
        const all = nNear < 0;
        if (all) nNear = this.nCand;
        for (let q = 0; q < nNear; q++) {
          const c = all ? q : near[q];
          const dt = t - candT[c];
          if (dt < minPair) continue;
          const dx = p[0] - candPos[3 * c], dy = p[1] - candPos[3 * c + 1], dz = p[2] - candPos[3 * c + 2];
          const dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
          const sig = Math.sqrt(trC + candCov[9 * c] + candCov[9 * c + 4] + candCov[9 * c + 8]);
          if (dist > maxSpeed * dt + 3 * sig) continue;
          const speed = dist / dt;
          // keep the maxPairs slowest implied speeds (sorted short list; ties by candidate index)
          let k: number;
          if (nBest < maxPairs) k = nBest++;
          else {
            k = maxPairs - 1;
            if (!(speed < bestV[k] || (speed === bestV[k] && c < bestC[k]))) continue;
          }
          while (k > 0 && (bestV[k - 1] > speed || (bestV[k - 1] === speed && bestC[k - 1] > c))) {
            bestV[k] = bestV[k - 1];
            bestC[k] = bestC[k - 1];
            k--;
          }
          bestV[k] = speed;
          bestC[k] = c;
        }
      }
      for (let k = 0; k < nBest; k++) this.startTrack(t, sensorId, bestC[k], p, C);
      // Every left-over detection may also be the first point of a target not yet seen twice.
      unpaired.push(j);
    }
    // c) this sensor's candidates old enough to have paired (≥ minPairInterval) are superseded by
    //    its new scan (a fast-revisit radar keeps the younger ones until they can pair); d) add
    //    the left-overs
    const sensorIndex = this.scanSensor;
    this.compactCandidates((tc, s) => s === sensorIndex && t - tc >= this.minPair);
    for (const j of unpaired) {
      const d = dets[j];
      raeToEcefInto(frame, d.z, d.R, d.z.length, p, 0, C, 0, this.s18);
      this.addCandidate(t, sensorId, p, C);
    }
  }

  /** A new track object numbered `nextNum` (from the pool if one is free). */
  private newTrack(): PictureTrackState {
    const tr = this.pool.pop();
    if (tr === undefined) return new PictureTrackState(this.nextNum++, this.sensorNames.length);
    tr.reset(this.nextNum++);
    return tr;
  }

  private compactCandidates(drop: (t: number, sensor: number) => boolean): void {
    let w = 0;
    for (let c = 0; c < this.nCand; c++) {
      const tc = this.candT[c];
      if (drop(tc, this.candSensor[c])) continue;
      if (w !== c) {
        for (let k = 0; k < 3; k++) this.candPos[3 * w + k] = this.candPos[3 * c + k];
        for (let k = 0; k < 9; k++) this.candCov[9 * w + k] = this.candCov[9 * c + k];
        this.candT[w] = tc;
        this.candSensor[w] = this.candSensor[c];
      }
      w++;
    }
    this.nCand = w;
    this.candSensor.length = w;
  }

  private addCandidate(t: number, sensorId: string, p: Float64Array, C: Float64Array): void {
    const n = this.nCand;
    this.candPos = grow(this.candPos, 3 * (n + 1));
    this.candCov = grow(this.candCov, 9 * (n + 1));
    this.candT = grow(this.candT, n + 1);
    for (let k = 0; k < 3; k++) this.candPos[3 * n + k] = p[k];
    for (let k = 0; k < 9; k++) this.candCov[9 * n + k] = C[k];
    this.candT[n] = t;
    this.candSensor[n] = this.scanSensor;
    this.nCand = n + 1;
  }

  /** Two-point initiation from candidate c (earlier) and the point (p, C) at t. */
  private startTrack(t: number, sensorId: string, c: number, p: Float64Array, C: Float64Array): boolean {
    const dt = t - this.candT[c];
    const tr = this.newTrack();
    const x = tr.x, P = tr.P;
    const c0 = 3 * c, cc = 9 * c;
    for (let k = 0; k < 3; k++) {
      x[k] = p[k];
      x[3 + k] = (p[k] - this.candPos[c0 + k]) / dt;
    }
    const v = Math.sqrt(x[3] * x[3] + x[4] * x[4] + x[5] * x[5]);
    const sigV = Math.sqrt(C[0] + C[4] + C[8] + this.candCov[cc] + this.candCov[cc + 4] + this.candCov[cc + 8]) / dt;
    if (v > this.maxSpeed + 3 * sigV) {
      this.pool.push(tr);
      return false;
    }
    const q = v > 1000 ? this.qFast : this.qAir;
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const c2 = C[a * 3 + b];
        P[a * 7 + b] = c2;
        P[a * 7 + b + 3] = c2 / dt;
        P[(a + 3) * 7 + b] = c2 / dt;
        P[(a + 3) * 7 + b + 3] = (c2 + this.candCov[cc + a * 3 + b]) / (dt * dt) + (a === b ? (q * dt) / 3 : 0);
      }
    }
    tr.t = t;
    tr.lastUpdate = t;
    tr.seenBy(this.candSensor[c], this.candT[c]);
    tr.seenBy(this.scanSensor, t);
    tr.cls = this.classify(tr);
    this.tracks.push(tr);
    this.stats.initiated++;
    return true;
  }

  /**
   * One step of the class recursion for a track: kinematics, and in the re-entry filter its
   * ballistic coefficient as evidence once θ is estimated to within BETA_EVIDENCE_SIGMA
   * (relative σ_θ/θ = σ_β/β), i.e. once drag has been observed.
   */
  private classify(tr: PictureTrackState): number {
    let beta: { value: number; sigma: number } | undefined;
    if (tr.reentry && tr.x[6] > 0) {
      const b = ballisticCoefficientOf(tr.x[6], tr.P[48]);
      if (b.sigma <= BETA_EVIDENCE_SIGMA * b.value) beta = b;
    }
    return updateClassLogProbabilities(tr.logClass, tr.x, this.cls6, beta, tr.P, 7);
  }

  // ------------------------------------------------------------------------------ cues

  /**
   * Sets the cues the tracker may start tracks from (replacing earlier ones): predicted
   * acquisition volumes from other sensors' tracks (see `TrackCue`). A detection no track took
   * that falls in a cue's χ² gate starts a tentative track at once (`cueInitiate`). Cues are used
   * while |scan time − cue.t| ≤ `cueValidity`; they are kept (sorted by id, for determinism)
   * until the next call. The tracker reads `force` only for the caller's bookkeeping: any cue
   * given is used.
   */
  setCues(cues: readonly TrackCue[]): void {
    for (const c of cues) {
      if (c.state.length < 6 || c.covariance.length < 36) {
        throw new RangeError(`ForcePictureTracker.setCues: cue '${c.id}' needs a 6-state and a 6×6 covariance`);
      }
    }
    this.cues = [...cues].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Cued one-point initiation (Blackman & Popoli 1999 §6.1, "cued acquisition"; the hand-over of
   * Bar-Shalom, Willett & Tian 2011 §7.5): each valid cue is predicted to the scan (the picture's
   * own NCV / free-fall prediction with its process noise), and gated like a track — χ² test
   * νᵀS⁻¹ν ≤ γ in (range, azimuth, elevation), S = H P_cue Hᵀ + R. The detection with the least
   * cost d² + ln|S| among those no track took starts a tentative track with the detection's
   * converted position and covariance and the cue's predicted velocity and velocity covariance
   * (position–velocity cross terms zero: the position comes from the radar alone). The cue stands
   * for the first point of a two-point initiation (an independent sensor's track of the object),
   * so the track starts with two hits of its M-of-N window and with the detection's score
   * increment ln P_D + ln N(ν; 0, S) − ln λ_clutter — a cued radar confirms on its second look
   * where an uncued one needs its third. No detection in the gate, no track.
   */
  private cueInitiate(t: number, sensorId: string, frame: RadarSiteFrame, dets: readonly Detection[], used: Int32Array, lnClutter: number): void {
    const x = this.cueX, P = this.cueP, z = this.cueZ, Hp = this.cueH, S = this.S, Si = this.Si, nu = this.nu, tmp = this.s9;
    const nD = dets.length;
    for (const cue of this.cues) {
      const dtc = t - cue.t;
      if (!(Math.abs(dtc) <= this.cueValidity)) continue;
      for (let k = 0; k < 6; k++) x[k] = cue.state[k];
      x[6] = 0;
      P.fill(0);
      for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) P[a * 7 + b] = cue.covariance[a * 6 + b];
      this.predictState(x, P, dtc, false);
      raeMeasureInto(frame, x, 0, z, 0, Hp, 0);
      for (let a = 0; a < 3; a++) {
        for (let c = 0; c < 3; c++) tmp[a * 3 + c] = Hp[a * 3] * P[c] + Hp[a * 3 + 1] * P[7 + c] + Hp[a * 3 + 2] * P[14 + c];
      }
      let best = -1, bestCost = Infinity, bestGain = 0;
      for (let j = 0; j < nD; j++) {
        if (used[j] !== 0) continue;
        const d = dets[j];
        const dim = d.z.length;
        for (let a = 0; a < 3; a++) {
          for (let b = 0; b < 3; b++) {
            S[a * 3 + b] = tmp[a * 3] * Hp[b * 3] + tmp[a * 3 + 1] * Hp[b * 3 + 1] + tmp[a * 3 + 2] * Hp[b * 3 + 2] + d.R[a * dim + b];
          }
        }
        const lnDet = invertSymmetric(S, 0, 3, Si, 0, this.s18);
        if (!(lnDet === lnDet)) continue;
        raeInnovationInto(d.z, 0, z, 0, nu, 0);
        const d2 = nu[0] * (Si[0] * nu[0] + 2 * Si[1] * nu[1] + 2 * Si[2] * nu[2]) + nu[1] * (Si[4] * nu[1] + 2 * Si[5] * nu[2]) + Si[8] * nu[2] * nu[2];
        if (d2 > this.gamma || d2 + lnDet >= bestCost) continue;
        best = j;
        bestCost = d2 + lnDet;
        bestGain = this.lnPd - 1.5 * LN_2PI - 0.5 * lnDet - 0.5 * d2 - lnClutter;
      }
      if (best < 0) continue;
      const d = dets[best];
      const p = this.pairP, C = this.pairC;
      raeToEcefInto(frame, d.z, d.R, d.z.length, p, 0, C, 0, this.s18);
      const tr = this.newTrack();
      tr.P.fill(0);
      for (let k = 0; k < 3; k++) { tr.x[k] = p[k]; tr.x[3 + k] = x[3 + k]; }
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          tr.P[a * 7 + b] = C[a * 3 + b];
          tr.P[(a + 3) * 7 + b + 3] = P[(a + 3) * 7 + b + 3];
        }
      }
      tr.t = t;
      tr.lastUpdate = t;
      tr.score = bestGain;
      tr.seenBy(this.scanSensor, t);
      tr.cls = this.classify(tr);
      this.tracks.push(tr);
      used[best] = 2; // taken by a tentative track: still seeds two-point initiation
      this.stats.initiated++;
      this.stats.cued++;
    }
  }
}

/** A force's picture tracker with the given options (see `ForcePictureOptions`). */
export function forcePictureTracker(options: ForcePictureOptions): ForcePictureTracker {
  return new ForcePictureTracker(options);
}
