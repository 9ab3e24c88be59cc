/**
 * Measurement models. Equations: docs/models/tracking.md §Measurement models.
 *
 *  - `cartesianPosition`: z = H x + v with H selecting the position components (linear; KF).
 *  - `polar`: radar range / bearing (/ elevation) from a sensor at a known position, no rotation
 *    (tracking-case format): d = p − s, range = |d|, bearing = atan2(d_y, d_x) ∈ (−π, π],
 *    elevation = asin(d_z / range); in any order. Nonlinear (EKF/UKF); bearing innovations are
 *    wrapped. Jacobians as in Bar-Shalom et al. (2001) §10.3 / Blackman & Popoli (1999) §1.5.
 */
import type { MeasurementModel } from '../types.js';

/** Wrap an angle to (−π, π]. */
export function wrapAngle(a: number): number {
  if (a > -Math.PI && a <= Math.PI) return a;
  const twoPi = 2 * Math.PI;
  a = a - twoPi * Math.floor((a + Math.PI) / twoPi);
  // a now in [−π, π); map −π to π to honour the half-open interval of the format
  return a === -Math.PI ? Math.PI : a;
}

class CartesianPosition implements MeasurementModel {
  readonly name: string;
  readonly mdim: number;
  readonly angular: Uint8Array;
  readonly selection: Int32Array;

  constructor(
    positionIndices: readonly number[],
    readonly ndim: number,
  ) {
    this.mdim = positionIndices.length;
    this.name = `cartesian position (${this.mdim}D)`;
    this.angular = new Uint8Array(this.mdim);
    this.selection = Int32Array.from(positionIndices);
  }

  h(x: Float64Array, xo: number, out: Float64Array, oo: number): void {
    for (let a = 0; a < this.mdim; a++) out[oo + a] = x[xo + this.selection[a]];
  }

  jacobian(H: Float64Array): void {
    const n = this.ndim;
    H.fill(0, 0, this.mdim * n);
    for (let a = 0; a < this.mdim; a++) H[a * n + this.selection[a]] = 1;
  }

  invert(z: Float64Array, zo: number, R: Float64Array, ro: number, pos: Float64Array, Ppos: Float64Array): boolean {
    const m = this.mdim;
    for (let a = 0; a < m; a++) pos[a] = z[zo + a];
    for (let a = 0; a < m * m; a++) Ppos[a] = R[ro + a];
    return true;
  }
}

/** Linear position measurement of the state components `positionIndices` (state dimension ndim). */
export function cartesianPosition(positionIndices: readonly number[], ndim: number): MeasurementModel {
  return new CartesianPosition(positionIndices, ndim);
}

export type PolarComponent = 'range' | 'bearing' | 'elevation';

const RANGE = 0;
const BEARING = 1;
const ELEVATION = 2;

class Polar implements MeasurementModel {
  readonly name: string;
  readonly mdim: number;
  readonly angular: Uint8Array;
  readonly selection = null;
  /** component code (RANGE/BEARING/ELEVATION) of each measurement row */
  private readonly kind: Int32Array;
  private readonly sensor: Float64Array;
  private readonly pos: Int32Array;
  private readonly dim: number;
  private readonly J = new Float64Array(9);

  constructor(
    positionIndices: readonly number[],
    readonly ndim: number,
    sensorPosition: readonly number[],
    order: readonly PolarComponent[],
  ) {
    this.dim = positionIndices.length;
    if (sensorPosition.length !== this.dim) {
      throw new RangeError(`polar: sensor position has ${sensorPosition.length} components, the state has ${this.dim} position axes`);
    }
    const need: PolarComponent[] = this.dim === 3 ? ['range', 'bearing', 'elevation'] : ['range', 'bearing'];
    if (order.length !== need.length || !need.every((c) => order.includes(c))) {
      throw new RangeError(`polar: measurement order must be a permutation of ${need.join(', ')}, got ${order.join(', ')}`);
    }
    this.mdim = order.length;
    this.name = `polar (${order.join(', ')})`;
    this.kind = Int32Array.from(order, (c) => (c === 'range' ? RANGE : c === 'bearing' ? BEARING : ELEVATION));
    this.angular = Uint8Array.from(order, (c) => (c === 'bearing' ? 1 : 0));
    this.sensor = Float64Array.from(sensorPosition);
    this.pos = Int32Array.from(positionIndices);
  }

  h(x: Float64Array, xo: number, out: Float64Array, oo: number): void {
    const dx = x[xo + this.pos[0]] - this.sensor[0];
    const dy = x[xo + this.pos[1]] - this.sensor[1];
    const dz = this.dim === 3 ? x[xo + this.pos[2]] - this.sensor[2] : 0;
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
    for (let a = 0; a < this.mdim; a++) {
      const k = this.kind[a];
      // elevation = asin(dz/r) written as atan2(dz, ρ): same value, well conditioned near ±π/2
      out[oo + a] = k === RANGE ? r : k === BEARING ? Math.atan2(dy, dx) : Math.atan2(dz, Math.sqrt(dx * dx + dy * dy));
    }
  }

  jacobian(H: Float64Array, x: Float64Array, xo: number): void {
    const n = this.ndim;
    H.fill(0, 0, this.mdim * n);
    const dx = x[xo + this.pos[0]] - this.sensor[0];
    const dy = x[xo + this.pos[1]] - this.sensor[1];
    const dz = this.dim === 3 ? x[xo + this.pos[2]] - this.sensor[2] : 0;
    const rho2 = dx * dx + dy * dy;
    const r2 = rho2 + dz * dz;
    const r = Math.sqrt(r2);
    const rho = Math.sqrt(rho2);
    const px = this.pos[0];
    const py = this.pos[1];
    for (let a = 0; a < this.mdim; a++) {
      const row = a * n;
      const k = this.kind[a];
      if (k === RANGE) {
        H[row + px] = dx / r;
        H[row + py] = dy / r;
        if (this.dim === 3) H[row + this.pos[2]] = dz / r;
      } else if (k === BEARING) {
        H[row + px] = -dy / rho2;
        H[row + py] = dx / rho2;
      } else {
        H[row + px] = (-dx * dz) / (r2 * rho);
        H[row + py] = (-dy * dz) / (r2 * rho);
        H[row + this.pos[2]] = rho / r2;
      }
    }
  }

  invert(z: Float64Array, zo: number, R: Float64Array, ro: number, pos: Float64Array, Ppos: Float64Array): boolean {
    let r = 0;
    let b = 0;
    let e = 0;
    for (let a = 0; a < this.mdim; a++) {
      const k = this.kind[a];
      if (k === RANGE) r = z[zo + a];
      else if (k === BEARING) b = z[zo + a];
      else e = z[zo + a];
    }
    const cb = Math.cos(b);
    const sb = Math.sin(b);
    const ce = Math.cos(e);
    const se = Math.sin(e);
    const d = this.dim;
    pos[0] = this.sensor[0] + r * ce * cb;
    pos[1] = this.sensor[1] + r * ce * sb;
    if (d === 3) pos[2] = this.sensor[2] + r * se;
    // J = ∂p/∂z (d × m), column a for measurement component a
    const J = this.J;
    const m = this.mdim;
    for (let a = 0; a < m; a++) {
      const k = this.kind[a];
      if (k === RANGE) {
        J[0 * m + a] = ce * cb;
        J[1 * m + a] = ce * sb;
        if (d === 3) J[2 * m + a] = se;
      } else if (k === BEARING) {
        J[0 * m + a] = -r * ce * sb;
        J[1 * m + a] = r * ce * cb;
        if (d === 3) J[2 * m + a] = 0;
      } else {
        J[0 * m + a] = -r * se * cb;
        J[1 * m + a] = -r * se * sb;
        J[2 * m + a] = r * ce;
      }
    }
    // Ppos = J R Jᵀ
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let a = 0; a < m; a++) {
          const Jia = J[i * m + a];
          if (Jia === 0) continue;
          for (let c = 0; c < m; c++) s += Jia * R[ro + a * m + c] * J[j * m + c];
        }
        Ppos[i * d + j] = s;
      }
    }
    return true;
  }
}

/**
 * Radar range/bearing(/elevation) from a sensor at `sensorPosition` (same frame as the state's
 * positions), components in `order`.
 */
export function polar(
  positionIndices: readonly number[],
  ndim: number,
  sensorPosition: readonly number[],
  order: readonly PolarComponent[],
): MeasurementModel {
  return new Polar(positionIndices, ndim, sensorPosition, order);
}
