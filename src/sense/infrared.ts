/**
 * Space-based infrared early warning (SBIRS/DSP-like, notional): satellites in GEO and HEO stare
 * at the Earth and detect the hot plumes of boosting rockets once the plume is above the cloud
 * tops and the line of sight clears the Earth's limb at the cloud-top height. Each frame, each
 * satellite reports the line-of-sight (LOS) angles of the plumes it detects, with noise.
 * Equations, defaults and sources: docs/models/sensors.md ("Space-based infrared").
 *
 * Sensor frame ('los' detections). At the satellite, the geocentric north–east–down frame:
 *   D = −r̂ (nadir), E = ẑ × r̂ / |ẑ × r̂| (ŷ if the satellite is over a pole), N = E × D.
 * A unit LOS u (satellite → target) has components (u_N, u_E, u_D) and is reported as
 *   z = [α, β],  α = atan2(u_E, u_D) ("azimuth", east of nadir),  β = atan2(u_N, √(u_E² + u_D²))
 *   ("elevation", north of nadir)
 * — both zero at nadir and regular over the whole Earth disc (at most 8.7° off nadir from GEO).
 * `losDirection` converts back.
 *
 * Detection. SNR = I·τ / (R²·NEI): plume radiant intensity I (W/sr) by threat class, atmospheric
 * transmittance τ above the cloud deck, slant range R, and the sensor's noise-equivalent
 * irradiance NEI (W/m²); Pd from the nonfluctuating single-look detection law at the sensor's
 * Pfa. All the numbers are notional (public order of magnitude only).
 */
import { ecefToGeodeticInto, limbView } from '../geo/index.js';
import type { Rng } from '../math/index.js';
import { detectionCurve, type DetectionCurve } from './detection.js';
import type { SatelliteEphemeris } from './ephemeris.js';
import type { Detection, SensorTarget } from './types.js';

/** Default cloud-top height a plume must clear to be seen, m (notional; see the docs). */
export const CLOUD_TOP = 10_000;

/**
 * Notional boost-plume radiant intensity (W/sr, in the sensor's band) by threat category and
 * range class: ICBM (≥ 5500 km) 1e6, IRBM (≥ 3000 km) 5e5, MRBM (≥ 1000 km) 2e5, SRBM 1e5;
 * interceptors 1e5; air-breathing categories have no rocket plume (0).
 */
export function plumeIntensity(threat: { category: string; maxRange: number } | 'interceptor'): number {
  if (threat === 'interceptor') return 1e5;
  if (threat.category !== 'ballistic' && threat.category !== 'glide') return 0;
  const r = threat.maxRange;
  return r >= 5_500_000 ? 1e6 : r >= 3_000_000 ? 5e5 : r >= 1_000_000 ? 2e5 : 1e5;
}

/** Plume intensity assumed when a target does not say (by flyer kind). */
function defaultIntensity(kind: string): number {
  return kind === 'ballistic' || kind === 'glide' ? 3e5 : kind === 'interceptor' ? 1e5 : 0;
}

/** Writes the LOS frame at an ECEF satellite position: rows N, E, D (ECEF unit vectors), row-major. */
export function losFrameInto(out: Float64Array, position: ArrayLike<number>): Float64Array {
  const x = position[0], y = position[1], z = position[2];
  const r = Math.sqrt(x * x + y * y + z * z);
  const dx = -x / r, dy = -y / r, dz = -z / r;
  // E = ẑ × r̂ = (−r̂_y, r̂_x, 0)/|·|
  let ex = -y, ey = x;
  const eh = Math.sqrt(ex * ex + ey * ey);
  if (eh < 1e-9 * r) {
    ex = 0;
    ey = 1;
  } else {
    ex /= eh;
    ey /= eh;
  }
  // N = E × D
  const nx = ey * dz;
  const ny = -ex * dz;
  const nz = ex * dy - ey * dx;
  out[0] = nx; out[1] = ny; out[2] = nz;
  out[3] = ex; out[4] = ey; out[5] = 0;
  out[6] = dx; out[7] = dy; out[8] = dz;
  return out;
}

/** LOS angles [α, β] (rad) of the ECEF unit vector u in the frame of `losFrameInto`. */
export function losAnglesInto(out: Float64Array, frame: ArrayLike<number>, u: ArrayLike<number>, offset = 0): Float64Array {
  const un = frame[0] * u[0] + frame[1] * u[1] + frame[2] * u[2];
  const ue = frame[3] * u[0] + frame[4] * u[1] + frame[5] * u[2];
  const ud = frame[6] * u[0] + frame[7] * u[1] + frame[8] * u[2];
  out[offset] = Math.atan2(ue, ud);
  out[offset + 1] = Math.atan2(un, Math.sqrt(ue * ue + ud * ud));
  return out;
}

/** ECEF unit LOS of an 'los' measurement z = [α, β] taken from ECEF position `satellitePosition`. */
export function losDirection(z: ArrayLike<number>, satellitePosition: ArrayLike<number>): [number, number, number] {
  const f = losFrameInto(new Float64Array(9), satellitePosition);
  const a = z[0], b = z[1];
  const un = Math.sin(b);
  const ue = Math.cos(b) * Math.sin(a);
  const ud = Math.cos(b) * Math.cos(a);
  return [
    f[0] * un + f[3] * ue + f[6] * ud,
    f[1] * un + f[4] * ue + f[7] * ud,
    f[2] * un + f[5] * ue + f[8] * ud,
  ];
}

/** Parameters of a space IR sensor (a scenario 'ir-satellite' sensor = a set of satellites). */
export interface InfraredModel {
  id: string;
  force: string;
  /** Frame period, s (the scenario's revisit). Frames fall at multiples of it (all IR sensors with one period share frame times). */
  framePeriod: number;
  /** Cloud-top height the plume and the line of sight must clear, m [10 km]. */
  cloudTop: number;
  /** Noise-equivalent irradiance, W/m² [2e-12]. */
  nei: number;
  /** Atmospheric transmittance above the clouds [0.5]. */
  transmittance: number;
  /** LOS measurement standard deviation per axis, rad [30 µrad ≈ 1.1 km at GEO nadir range]. */
  losSigma: number;
  /** False-alarm probability per pixel of the detection law [1e-6]. */
  pfa: number;
  /** Largest number of plumes one satellite reports per frame. */
  maxTracks: number;
}

export interface InfraredOptions {
  cloudTop?: number;
  nei?: number;
  transmittance?: number;
  losSigma?: number;
  pfa?: number;
}

/** What one frame of an IR sensor produced (for the detection-summary event). */
export interface FrameSummary {
  t: number;
  sensorId: string;
  /** Plumes visible (above clouds, clear of the limb) to at least one satellite. */
  visible: number;
  detections: number;
}

/**
 * A constellation of IR satellites forming one scenario sensor. `observe(t, targets)` takes a
 * frame when one is due and returns its 'los' detections (one per satellite per detected plume;
 * `platformId` says which satellite).
 */
export class InfraredSensor {
  readonly model: InfraredModel;
  readonly satellites: readonly SatelliteEphemeris[];
  readonly curve: DetectionCurve;
  nextFrame: number;
  lastFrame: FrameSummary | undefined;
  private readonly rng: Rng;
  private readonly sat = new Float64Array(6);
  private readonly frame = new Float64Array(9);
  private readonly u = new Float64Array(3);
  private readonly ang = new Float64Array(2);
  private readonly geod = new Float64Array(3);

  constructor(model: InfraredModel, satellites: readonly SatelliteEphemeris[], rng: Rng, firstFrame = 0) {
    if (!(model.framePeriod > 0)) throw new RangeError(`IR sensor ${model.id}: frame period must be > 0`);
    this.model = model;
    this.satellites = satellites;
    this.rng = rng;
    this.curve = detectionCurve({ pfa: model.pfa, swerling: 0, pulses: 1 });
    this.nextFrame = firstFrame;
  }

  get id(): string {
    return this.model.id;
  }

  /** Satellite ECEF position at t into out (false if unavailable). */
  satellitePosition(index: number, t: number, out: Float64Array): boolean {
    return this.satellites[index].stateAt(t, out);
  }

  observe(t: number, targets: readonly SensorTarget[]): Detection[] {
    if (t < this.nextFrame) return [];
    const p = this.model.framePeriod;
    this.nextFrame += p * Math.max(1, Math.floor((t - this.nextFrame) / p) + 1);
    return this.frameAt(t, targets);
  }

  /** One frame at time t, unconditionally. */
  frameAt(t: number, targets: readonly SensorTarget[]): Detection[] {
    const m = this.model;
    const out: Detection[] = [];
    // Plumes: thrusting targets above the cloud tops.
    const plumes: SensorTarget[] = [];
    for (const tg of targets) {
      if (!tg.thrusting) continue;
      const intensity = tg.irIntensity ?? defaultIntensity(tg.kind);
      if (!(intensity > 0)) continue;
      ecefToGeodeticInto(this.geod, tg.state);
      if (this.geod[2] < m.cloudTop) continue;
      plumes.push(tg);
    }
    const seen = new Set<string>();
    const sigma = m.losSigma;
    const R = new Float64Array([sigma * sigma, 0, 0, sigma * sigma]);
    for (let s = 0; s < this.satellites.length; s++) {
      if (plumes.length === 0) break;
      const eph = this.satellites[s];
      if (!eph.stateAt(t, this.sat)) continue;
      const sp = this.sat;
      losFrameInto(this.frame, sp);
      const sensorPosition: [number, number, number] = [sp[0], sp[1], sp[2]];
      let reported = 0;
      for (const tg of plumes) {
        // The line of sight must clear the Earth's limb at the cloud-top height.
        const view = limbView(sp, tg.state, m.cloudTop);
        if (!view.visible) continue;
        seen.add(tg.id);
        const dx = tg.state[0] - sp[0], dy = tg.state[1] - sp[1], dz = tg.state[2] - sp[2];
        const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
        const intensity = tg.irIntensity ?? defaultIntensity(tg.kind);
        const snr = (intensity * m.transmittance) / (range * range * m.nei);
        if (!(this.rng.uniform() < this.curve.pdLinear(snr))) continue;
        if (reported >= m.maxTracks) continue;
        this.u[0] = dx / range;
        this.u[1] = dy / range;
        this.u[2] = dz / range;
        losAnglesInto(this.ang, this.frame, this.u);
        const z = new Float64Array([this.ang[0] + this.rng.normal(0, sigma), this.ang[1] + this.rng.normal(0, sigma)]);
        out.push({ t, sensorId: m.id, platformId: eph.id, kind: 'los', z, R: R.slice(), sensorPosition, snr, truthId: tg.id });
        reported++;
      }
    }
    this.lastFrame = { t, sensorId: m.id, visible: seen.size, detections: out.length };
    return out;
  }
}

/**
 * Whether a point (ECEF) at time t is visible to a satellite at ECEF `satellitePosition`, for
 * coverage maps: the point must be at or above the cloud tops and the line of sight must clear
 * the limb at the cloud-top height.
 */
export function irVisible(satellitePosition: ArrayLike<number>, point: ArrayLike<number>, cloudTop = CLOUD_TOP): boolean {
  return limbView(satellitePosition, point, cloudTop).visible;
}
