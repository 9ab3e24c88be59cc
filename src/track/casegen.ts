/**
 * Synthetic tracking cases in the benchmark case format, drawn with math's RNG streams — for the
 * benchmark (hundreds to thousands of targets in clutter), manoeuvring cases (coordinated-turn
 * legs) and Monte Carlo studies (re-drawing case `a` from its generation parameters).
 *
 * This is benchmark tooling, not the simulator: truth here is the textbook NCV/CT model the
 * format describes, so a tracker can be scored against it.
 *   NCV truth: x_k = F x_{k−1} + w, w ~ N(0, Q), per axis F = [[1,T],[0,1]],
 *              Q = q [[T³/3, T²/2],[T²/2, T]] (the format's generation.q);
 *   CT legs:   the exact coordinated-turn transition at the leg's turn rate (positive =
 *              counter-clockwise), plus the same NCV noise;
 *   Cartesian detections z = position + N(0, σ² I) with probability P_D, or radar detections
 *   (range, bearing(, elevation)) + N(0, diag σ²); clutter Poisson(rate) uniform in the region
 *   (measurement space for a radar); detection order shuffled.
 */
import { stream, type Rng } from '../math/index.js';
import type { CaseScan, CaseTruth, TrackingCase } from './case.js';
import { knownTurnRate } from './models/transition.js';
import { polar, wrapAngle, type PolarComponent } from './models/measurement.js';

export interface SyntheticCaseOptions {
  name: string;
  seed: number;
  dim?: 2 | 3;
  targets: number;
  scans: number;
  /** Scan interval (s, default 1). */
  dt?: number;
  /** Truth NCV noise intensity (m²/s³). */
  q: number;
  /** Measurement σ per axis (m). */
  sigma: number;
  pd: number;
  /** Mean clutter detections per scan over the region. */
  clutterRate: number;
  /** Half-width of the square (cube) surveillance region centred on the origin (m). */
  halfWidth: number;
  /** Target speed range (m/s). */
  speed: [number, number];
  /** Targets are born uniformly over [0, birthWindow] s (default 0: all at the start). */
  birthWindow?: number;
  /** Coordinated-turn manoeuvres: each target alternates straight and turning legs. */
  manoeuvre?: {
    /** |turn rate| range (rad/s); the sign is random. */
    turnRate: [number, number];
    /** Straight-leg duration range (s). */
    straight: [number, number];
    /** Turn-leg duration range (s). */
    turn: [number, number];
  };
  /**
   * Report detections as a radar at `position` would (range, bearing(, elevation) in `order`,
   * noise σ per component) instead of Cartesian positions; clutter is then uniform in the
   * measurement-space box `clutterRegion` (format §polar). `perDetectionR` writes R on every
   * detection instead of at case level.
   */
  radar?: {
    position: number[];
    order: PolarComponent[];
    sigma: number[];
    clutterRegion: { low: number[]; high: number[] };
    perDetectionR?: boolean;
  };
  /** tracker_hints written into the case. */
  hints?: { q?: number; initVelocityStd?: number };
  /** GOSPA cut-off (default 50 m). */
  gospaC?: number;
}

function ncvNoiseFactor(q: number, T: number): [number, number, number] {
  // Cholesky of q[[T³/3, T²/2],[T²/2, T]]: l11 = √(qT³/3), l21 = (qT²/2)/l11, l22 = √(qT − l21²)
  const a = (q * T * T * T) / 3;
  const b = (q * T * T) / 2;
  const c = q * T;
  if (a <= 0) return [0, 0, 0];
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  return [l11, l21, Math.sqrt(Math.max(c - l21 * l21, 0))];
}

/** Fisher–Yates shuffle of the rows (width w) of z. */
function shuffleRows(rng: Rng, z: Float64Array, count: number, w: number): void {
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    if (j === i) continue;
    for (let k = 0; k < w; k++) {
      const t = z[i * w + k];
      z[i * w + k] = z[j * w + k];
      z[j * w + k] = t;
    }
  }
}

/** Generate a Cartesian case with NCV (optionally CT-manoeuvring) targets in uniform clutter. */
export function generateCase(o: SyntheticCaseOptions): TrackingCase {
  const dim = o.dim ?? 2;
  const T = o.dt ?? 1;
  const n = 2 * dim;
  const L = o.halfWidth;
  const rngTruth = stream(o.seed, 'track/casegen/truth');
  const rngMeas = stream(o.seed, 'track/casegen/measurements');
  const rngClutter = stream(o.seed, 'track/casegen/clutter');
  const [l11, l21, l22] = ncvNoiseFactor(o.q, T);
  const times = Array.from({ length: o.scans }, (_, k) => k * T);
  const ct = [knownTurnRate(dim, 0, 0)];
  const x = new Float64Array(n);
  const xn = new Float64Array(n);
  // truth: per target, states at each scan from birth to the end
  const truth: CaseTruth[] = [];
  for (let tgt = 0; tgt < o.targets; tgt++) {
    const birth = o.birthWindow ? Math.min(o.scans - 1, Math.floor(rngTruth.uniformRange(0, o.birthWindow) / T)) : 0;
    const heading = rngTruth.uniformRange(-Math.PI, Math.PI);
    const speed = rngTruth.uniformRange(o.speed[0], o.speed[1]);
    x.fill(0);
    // start inside the region, heading roughly inwards so targets stay in view
    for (let a = 0; a < dim; a++) x[2 * a] = rngTruth.uniformRange(-0.8 * L, 0.8 * L);
    x[1] = speed * Math.cos(heading);
    x[3] = speed * Math.sin(heading);
    if (x[0] * x[1] + x[2] * x[3] > 0) {
      x[1] = -x[1];
      x[3] = -x[3];
    }
    // manoeuvre schedule
    let legTurn = 0;
    let legEnd = 0;
    let turning = true; // flips to straight at the first leg
    const k0 = birth;
    const nk = o.scans - k0;
    const tt = new Float64Array(nk);
    const xs = new Float64Array(nk * n);
    for (let k = 0; k < nk; k++) {
      const t = times[k0 + k];
      if (k > 0) {
        let omega = 0;
        if (o.manoeuvre) {
          if (t > legEnd) {
            turning = !turning;
            const dur = turning ? o.manoeuvre.turn : o.manoeuvre.straight;
            legEnd = t + rngTruth.uniformRange(dur[0], dur[1]);
            const mag = rngTruth.uniformRange(o.manoeuvre.turnRate[0], o.manoeuvre.turnRate[1]);
            legTurn = turning ? (rngTruth.bernoulli(0.5) ? mag : -mag) : 0;
          }
          omega = legTurn;
        }
        ct[0] = knownTurnRate(dim, omega, 0);
        ct[0].apply(x, 0, xn, 0, T);
        for (let a = 0; a < dim; a++) {
          const u1 = rngTruth.normal();
          const u2 = rngTruth.normal();
          xn[2 * a] += l11 * u1;
          xn[2 * a + 1] += l21 * u1 + l22 * u2;
        }
        x.set(xn);
      }
      tt[k] = t;
      xs.set(x, k * n);
    }
    truth.push({ id: `T${tgt + 1}`, times: tt, states: xs });
  }
  // detections
  const m = dim;
  const R = new Float64Array(m * m);
  const radar = o.radar;
  if (radar) {
    if (radar.order.length !== dim || radar.sigma.length !== dim || radar.position.length !== dim) {
      throw new RangeError(`generateCase: a ${dim}-D radar needs ${dim} measurement components, sigmas and position components`);
    }
    for (let a = 0; a < m; a++) R[a * m + a] = radar.sigma[a] * radar.sigma[a];
  } else {
    for (let a = 0; a < m; a++) R[a * m + a] = o.sigma * o.sigma;
  }
  const h = radar ? polar(Array.from({ length: dim }, (_, a) => 2 * a), n, radar.position, radar.order) : null;
  const zt = new Float64Array(m);
  const scans: CaseScan[] = [];
  const ptr = new Int32Array(truth.length);
  for (let k = 0; k < o.scans; k++) {
    const t = times[k];
    const nClutter = rngClutter.poisson(o.clutterRate);
    const zs: number[] = [];
    truth.forEach((tr, ti) => {
      const p = ptr[ti];
      if (p >= tr.times.length || tr.times[p] !== t) return;
      ptr[ti]++;
      if (!rngMeas.bernoulli(o.pd)) return;
      if (h && radar) {
        h.h(tr.states, p * n, zt, 0);
        for (let a = 0; a < m; a++) {
          const v = zt[a] + radar.sigma[a] * rngMeas.normal();
          zs.push(h.angular[a] ? wrapAngle(v) : v);
        }
      } else {
        for (let a = 0; a < dim; a++) zs.push(tr.states[p * n + 2 * a] + o.sigma * rngMeas.normal());
      }
    });
    for (let c = 0; c < nClutter; c++) {
      for (let a = 0; a < m; a++) zs.push(radar ? rngClutter.uniformRange(radar.clutterRegion.low[a], radar.clutterRegion.high[a]) : rngClutter.uniformRange(-L, L));
    }
    const count = zs.length / m;
    const z = Float64Array.from(zs);
    shuffleRows(rngClutter, z, count, m);
    const Rs = new Float64Array(count * m * m);
    for (let j = 0; j < count; j++) Rs.set(R, j * m * m);
    scans.push({ t, count, z, R: Rs, uniformR: !radar?.perDetectionR });
  }
  const stateOrder = dim === 3 ? ['x', 'vx', 'y', 'vy', 'z', 'vz'] : ['x', 'vx', 'y', 'vy'];
  const low = radar ? radar.clutterRegion.low : new Array<number>(dim).fill(-L);
  const high = radar ? radar.clutterRegion.high : new Array<number>(dim).fill(L);
  return {
    name: o.name,
    description: `synthetic: ${o.targets} ${o.manoeuvre ? 'manoeuvring (CT legs) ' : 'NCV '}targets, ${radar ? `radar (${radar.order.join(', ')}) σ=${radar.sigma.join('/')}` : `σ=${o.sigma} m`}, Pd=${o.pd}, clutter ${o.clutterRate}/scan`,
    frame: radar ? { type: 'polar', dim, sensorPosition: radar.position, measurementOrder: radar.order } : { type: 'cartesian', dim },
    mdim: m,
    stateOrder,
    R,
    generation: { truthModel: o.manoeuvre ? 'ct-legs' : 'ncv', q: o.q, seed: o.seed, pd: o.pd, clutterRate: o.clutterRate, clutterRegion: { low, high } },
    trackerHints: { q: o.hints?.q ?? o.q, initVelocityStd: o.hints?.initVelocityStd ?? o.speed[1] },
    metric: { c: o.gospaC ?? 50, p: 1, alpha: 2 },
    scans,
    truth,
  };
}

/**
 * A fresh realisation of a single-target NCV case with `generation.initial_prior` (case `a`):
 * same scan times, q, R, P_D and clutter; x₀ ~ N(prior) and new noise from stream (seed, id).
 */
export function resimulateSingleTarget(c: TrackingCase, seed: number): TrackingCase {
  const prior = c.generation.initialPrior;
  if (!prior) throw new RangeError('resimulateSingleTarget needs generation.initial_prior');
  if (c.frame.type !== 'cartesian') throw new RangeError('resimulateSingleTarget supports Cartesian cases');
  const dim = c.frame.dim;
  const n = 2 * dim;
  const m = c.mdim;
  const rng = stream(seed, `track/casegen/resimulate/${c.name}`);
  const q = c.generation.q ?? 0;
  const pd = c.generation.pd ?? 1;
  // Case state order → interleaved [x, vx, y, vy(, z, vz)]
  const order = dim === 3 ? ['x', 'vx', 'y', 'vy', 'z', 'vz'] : ['x', 'vx', 'y', 'vy'];
  const idx = order.map((s) => c.stateOrder.indexOf(s));
  const meanI = idx.map((i) => prior.mean[i]);
  const covI = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) covI[a * n + b] = prior.cov[idx[a] * n + idx[b]];
  const x = rng.mvnormal(meanI, covI);
  const R = c.R;
  if (!R) throw new RangeError('resimulateSingleTarget needs a case-level R');
  // Cholesky of R for the measurement noise
  const LR = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = R[i * m + j];
      for (let k = 0; k < j; k++) s -= LR[i * m + k] * LR[j * m + k];
      LR[i * m + j] = i === j ? Math.sqrt(s) : s / LR[j * m + j];
    }
  }
  const times = c.scans.map((s) => s.t);
  const states = new Float64Array(times.length * n);
  const scans: CaseScan[] = [];
  const xc = new Float64Array(n);
  const e = new Float64Array(m);
  for (let k = 0; k < times.length; k++) {
    if (k > 0) {
      const T = times[k] - times[k - 1];
      const [l11, l21, l22] = ncvNoiseFactor(q, T);
      for (let a = 0; a < dim; a++) {
        const u1 = rng.normal();
        const u2 = rng.normal();
        x[2 * a] += T * x[2 * a + 1] + l11 * u1;
        x[2 * a + 1] += l21 * u1 + l22 * u2;
      }
    }
    for (let a = 0; a < n; a++) xc[idx[a]] = x[a];
    states.set(xc, k * n);
    const zs: number[] = [];
    if (rng.bernoulli(pd)) {
      for (let i = 0; i < m; i++) e[i] = rng.normal();
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += LR[i * m + j] * e[j];
        zs.push(x[2 * i] + s);
      }
    }
    const region = c.generation.clutterRegion;
    const nClutter = c.generation.clutterRate && region ? rng.poisson(c.generation.clutterRate) : 0;
    for (let j = 0; j < nClutter; j++) for (let a = 0; a < m; a++) zs.push(rng.uniformRange(region!.low[a], region!.high[a]));
    const count = zs.length / m;
    const Rs = new Float64Array(count * m * m);
    for (let j = 0; j < count; j++) Rs.set(R, j * m * m);
    scans.push({ t: times[k], count, z: Float64Array.from(zs), R: Rs, uniformR: true });
  }
  return { ...c, scans, truth: [{ id: 'T1', times: Float64Array.from(times), states }] };
}

/** Serialise a case to the JSON format (detection `origin`s are not kept: null). */
export function caseToJson(c: TrackingCase): unknown {
  const m = c.mdim;
  const n = c.stateOrder.length;
  const mat = (a: Float64Array, k: number) => Array.from({ length: k }, (_, i) => Array.from(a.subarray(i * k, i * k + k)));
  const frame =
    c.frame.type === 'cartesian'
      ? { type: 'cartesian', dim: c.frame.dim }
      : { type: 'polar', dim: c.frame.dim, sensor_position: c.frame.sensorPosition, measurement_order: c.frame.measurementOrder };
  const g = c.generation;
  return {
    format: 'tracking-benchmark-case',
    version: 1,
    name: c.name,
    description: c.description,
    units: { length: 'm', time: 's', angle: 'rad' },
    frame,
    state_order: c.stateOrder,
    R: c.R ? mat(c.R, m) : null,
    generation: {
      truth_model: g.truthModel, q: g.q, seed: g.seed, pd: g.pd, clutter_rate: g.clutterRate,
      clutter_region: g.clutterRegion,
      ...(g.initialPrior ? { initial_prior: { mean: g.initialPrior.mean, cov: mat(g.initialPrior.cov, n) } } : {}),
    },
    tracker_hints: { q: c.trackerHints.q, init_velocity_std: c.trackerHints.initVelocityStd },
    metric: { gospa_c: c.metric.c, gospa_p: c.metric.p, gospa_alpha: c.metric.alpha },
    scans: c.scans.map((s) => ({
      t: s.t,
      detections: Array.from({ length: s.count }, (_, j) => ({
        z: Array.from(s.z.subarray(j * m, j * m + m)),
        ...(s.uniformR ? {} : { R: mat(s.R.subarray(j * m * m, (j + 1) * m * m), m) }),
        origin: null,
      })),
    })),
    truth: c.truth.map((t) => ({
      id: t.id,
      states: Array.from(t.times, (tt, k) => ({ t: tt, state: Array.from(t.states.subarray(k * n, k * n + n)) })),
    })),
  };
}
