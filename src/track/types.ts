/**
 * The parts a tracker is composed of (Stone Soup's decomposition: Predictor, Updater,
 * Hypothesiser/Gater, DataAssociator, Initiator, Deleter — see docs/models/tracking.md).
 *
 * Storage convention (why: the tracking loop must not allocate per track per scan). A track's
 * filter state lives in a *slot* of a flat `Float64Array`: the slot starts with the combined
 * Gaussian estimate, mean x (n) followed by covariance P (n×n, row-major), then whatever else the
 * filter needs (an IMM keeps mode probabilities and per-mode estimates after it). Everything
 * outside the filter (gating, output, deletion by covariance) reads only that common prefix.
 * Matrices are row-major Float64Array addressed by (array, offset), like `math/matrix.ts`.
 */

/** A motion model x_k = f(x_{k−1}, Δt) + w, w ~ N(0, Q(Δt)). */
export interface TransitionModel {
  readonly name: string;
  /** State dimension n. */
  readonly ndim: number;
  /** Indices of the Cartesian position components (x, y(, z)) in the state. */
  readonly positionIndices: readonly number[];
  /** Indices of the velocity components, same axis order as `positionIndices`. */
  readonly velocityIndices: readonly number[];
  /** Indices of acceleration components (NCA), else empty. */
  readonly accelerationIndices: readonly number[];
  /** Index of the turn rate ω (coordinated turn with estimated ω), else −1. */
  readonly turnRateIndex: number;
  /** true if f is linear (F does not depend on x). */
  readonly linear: boolean;
  /** out[oo…] = f(x[xo…], dt). `out` must not overlap `x`. */
  apply(x: Float64Array, xo: number, out: Float64Array, oo: number, dt: number): void;
  /** F = ∂f/∂x at x (n×n row-major, written at F[0…]). */
  jacobian(F: Float64Array, x: Float64Array, xo: number, dt: number): void;
  /** Q(dt) (n×n row-major, written at Q[0…]); x is the prior mean (state-dependent noise). */
  covar(Q: Float64Array, dt: number, x: Float64Array, xo: number): void;
  /**
   * Optional structured fast path for a linear model on a [x, P] slot, in place:
   * x ← F x, P ← F P Fᵀ + Q. Exploits the sparsity of F (e.g. per-axis blocks).
   */
  predictInPlace?(buf: Float64Array, off: number, dt: number): void;
  /**
   * Optional batch form of `predictInPlace` (models that have it): slot i at i·stride, for
   * i < count, predicted by Δt = t − tPrev[i] (skipped when 0), then tPrev[i] ← t.
   */
  predictSlotsInPlace?(buf: Float64Array, stride: number, count: number, tPrev: Float64Array, t: number): void;
}

/**
 * A measurement model z = h(x) + v, v ~ N(0, R). R travels with each detection (a sensor's
 * noise may vary per detection), so it is not part of the model.
 */
export interface MeasurementModel {
  readonly name: string;
  /** Measurement dimension m. */
  readonly mdim: number;
  /** State dimension n this model applies to. */
  readonly ndim: number;
  /** 1 where component k is an angle: innovations are wrapped to (−π, π]. */
  readonly angular: Uint8Array;
  /** For a linear position measurement z = x[selection] + v; null if h is nonlinear. */
  readonly selection: Int32Array | null;
  /** out[oo…] = h(x[xo…]). */
  h(x: Float64Array, xo: number, out: Float64Array, oo: number): void;
  /** H = ∂h/∂x at x (m×n row-major, written at H[0…]). */
  jacobian(H: Float64Array, x: Float64Array, xo: number): void;
  /**
   * Cartesian position (and its covariance, linearised: J R Jᵀ) from one measurement, for
   * initiating a track; false if one measurement does not fix a position (angle-only sensors).
   * pos has the tracker's position dimension; Ppos is its square.
   */
  invert(z: Float64Array, zo: number, R: Float64Array, ro: number, pos: Float64Array, Ppos: Float64Array): boolean;
}

/** Motion-model prediction of one track slot, in place. */
export interface Predictor {
  readonly name: string;
  /** State dimension n of the combined estimate at the front of the slot. */
  readonly ndim: number;
  /** Floats per track slot (≥ n + n²). */
  readonly slotSize: number;
  readonly positionIndices: readonly number[];
  readonly velocityIndices: readonly number[];
  readonly accelerationIndices: readonly number[];
  readonly turnRateIndex: number;
  /** Predict the slot at `off` forward by dt (s), in place. */
  predict(buf: Float64Array, off: number, dt: number): void;
  /** Write a fresh slot from a mean (n) and covariance (n×n). */
  initSlot(buf: Float64Array, off: number, x: ArrayLike<number>, P: ArrayLike<number>): void;
  /**
   * Moment-matched mixture of `count` slots (at `offs` in `src`, weights `w` summing to 1) into
   * the slot at `doff` of `dst` (PDA/JPDA update). `dst` must not overlap any source slot.
   */
  mergeSlots(dst: Float64Array, doff: number, src: Float64Array, offs: Int32Array, w: Float64Array, count: number): void;
}

/** Measurement prediction and update of one track slot. */
export interface Updater {
  readonly name: string;
  /**
   * Predicted measurement ẑ (m, at zhat[zo…]) and its covariance without noise S0 = H P Hᵀ
   * (m×m at S0[so…]); the gate adds each detection's R.
   */
  predictMeasurement(model: MeasurementModel, buf: Float64Array, off: number, zhat: Float64Array, zo: number, S0: Float64Array, so: number): void;
  /**
   * Update the slot in place with measurement z (R its covariance). Returns the log-likelihood
   * ln N(ν; 0, S) of the innovation (for track scores and IMM mode probabilities).
   */
  update(model: MeasurementModel, buf: Float64Array, off: number, z: Float64Array, zo: number, R: Float64Array, ro: number): number;
}

/** One sensor scan: all detections share the time and the measurement model. */
export interface Scan {
  /** Time of the scan (s). */
  readonly t: number;
  /** Number of detections. */
  readonly count: number;
  /** Measurements, count × m, row-major. */
  readonly z: Float64Array;
  /** Per-detection noise covariance, count × m × m. */
  readonly R: Float64Array;
  /** true if every detection has the same R (enables a faster gate). */
  readonly uniformR: boolean;
  readonly sensor: SensorContext;
}

/** What the tracker knows about the sensor that produced a scan. */
export interface SensorContext {
  readonly model: MeasurementModel;
  /** Probability of detection (0, 1]. */
  readonly pd: number;
  /** False-alarm spatial density λ in measurement space (per unit measurement volume). */
  readonly clutterDensity: number;
  /** Expected density of new-target detections per scan (same units as λ), for track scores. */
  readonly birthDensity: number;
}

/**
 * Gate table for one scan (CSR by track row): entries e in [rowStart[i], rowStart[i+1]) are the
 * detections `det[e]` inside track i's gate, with squared Mahalanobis distance d2[e] and
 * log-likelihood lnG[e] = ln N(ν; 0, S) = −½(d² + ln|2πS|).
 */
export interface GateTable {
  rows: number;
  rowStart: Int32Array;
  det: Int32Array;
  d2: Float64Array;
  lnG: Float64Array;
  /** Gate entries in use (rowStart[rows]). */
  nnz: number;
}

/**
 * What an associator decides for the rows it is given. Hard (GNN): `assigned[i]` = detection or
 * −1. Soft (JPDA): `beta[e]` for each gate entry e of row i and `beta0[i]` for "no detection".
 */
export interface AssociationResult {
  assigned: Int32Array;
  beta: Float64Array;
  beta0: Float64Array;
}

export interface AssociationContext {
  readonly pd: number;
  /** Probability that a detected target falls in its gate. */
  readonly pg: number;
  readonly clutterDensity: number;
  /** Number of detections in the scan. */
  readonly detections: number;
  /** 1 if detection j may be associated in this stage. */
  readonly available: Uint8Array;
}

/** Gating and data association for a set of track rows. */
export interface Associator {
  readonly name: string;
  /** Hard (one detection or none per track) or soft (weights over the gate). */
  readonly soft: boolean;
  associate(gate: GateTable, rows: Int32Array, nrows: number, ctx: AssociationContext, out: AssociationResult): void;
}

/** Per-track bookkeeping the Initiator and Deleter decide from (a view of the tracker's pool). */
export interface TrackRecord {
  readonly status: Uint8Array;
  /** Scans since the track was initiated (0 at its first scan). */
  readonly age: Int32Array;
  /** Detections associated so far. */
  readonly hits: Int32Array;
  readonly consecutiveMisses: Int32Array;
  /** Hit history, bit k = hit k scans ago (bit 0 = this scan). */
  readonly hitBits: Uint32Array;
  /** Track score: log-likelihood ratio target vs false alarm (Blackman & Popoli 1999, §6.2). */
  readonly score: Float64Array;
  readonly scoreMax: Float64Array;
  /** Filter slots (combined [x, P] at the front of each), slot i at i·slotSize. */
  readonly buf: Float64Array;
  readonly slotSize: number;
  readonly ndim: number;
  readonly positionIndices: readonly number[];
}

export const TENTATIVE = 0;
export const CONFIRMED = 1;

/** Creates tracks from unused detections and decides when a tentative track is confirmed. */
export interface Initiator {
  readonly name: string;
  /**
   * Write a new track slot for detection z (covariance R) made at time t at `off` of `buf`;
   * return false if this detection cannot start a track (e.g. angle-only). The tracker sets the
   * initial score from the SensorContext's densities.
   */
  initiate(predictor: Predictor, model: MeasurementModel, t: number, z: Float64Array, zo: number, R: Float64Array, ro: number, buf: Float64Array, off: number): boolean;
  /** Tentative → confirmed after this scan's update? */
  confirm(tracks: TrackRecord, i: number): boolean;
  /** Should a tentative track be dropped (it can no longer be confirmed)? */
  abandon(tracks: TrackRecord, i: number): boolean;
  /**
   * Would a track started from one detection with initial score `score` be dropped by a single
   * miss before it could be confirmed? Then the tracker may hold that detection as a *seed* and
   * start the track only when a second detection pairs with it (two-point initiation) — the
   * same tracks, without a full track per clutter detection. `lnMiss` is a miss's score change.
   */
  needsSecondDetection?(score: number, lnMiss: number): boolean;
}

/** Decides when a confirmed track ends. */
export interface Deleter {
  readonly name: string;
  shouldDelete(tracks: TrackRecord, i: number): boolean;
}

/** One confirmed track as reported to the next stage. */
export interface Track {
  readonly id: number;
  readonly t: number;
  /** Combined state mean (tracker layout, see the predictor's index lists). */
  readonly state: Float64Array;
  /** Combined covariance n×n row-major. */
  readonly covariance: Float64Array;
  /** Existence/quality measure: 1/(1+e^(−score)) ∈ (0, 1). */
  readonly quality: number;
  readonly hits: number;
  readonly consecutiveMisses: number;
}
