/**
 * Gating: which detections may belong to which track. Equations: docs/models/tracking.md §Gating.
 *
 * Ellipsoidal (Mahalanobis) gate: detection j is in track i's gate when
 *   d²_ij = ν_ijᵀ S_ij⁻¹ ν_ij < γ,  ν_ij = z_j − ẑ_i (angles wrapped),  S_ij = H P_i Hᵀ + R_j,
 * γ the χ²_m quantile at the gate probability P_G (Bar-Shalom et al. 2001 §3.4; Blackman &
 * Popoli 1999 §6.3).
 *
 * Spatial pre-selection so the cost grows ~linearly with targets: the gate ellipsoid lies inside
 * the axis-aligned box |ν_k| ≤ √(γ S_kk) (the ellipsoid's extent along axis k), so only detections
 * in the grid cells that box overlaps are tested. The grid lives in measurement space (so it works
 * for Cartesian and polar radars alike; angular axes are periodic), is hashed (memory ∝
 * detections, not area) and is rebuilt every scan. Cell size per axis: the larger of the median
 * gate width (so a typical box spans 1–3 cells per axis) and the mean detection spacing (smaller
 * cells would be almost all empty, and every cell visited costs a hash probe).
 */
import { chiSquareQuantile } from '../math/index.js';
import type { GateTable, MeasurementModel, Scan } from './types.js';
import { wrapAngle } from './models/measurement.js';
import { gaussianLogLikelihood, invertSymmetric, LOG_2PI as LN_2PI, quadForm } from './filters/small.js';

const TWO_PI = 2 * Math.PI;
/** Above this many detections the grid is used; below, every pair is tested directly. */
const GRID_MIN_DETECTIONS = 24;
/** Integer cell coordinates must stay well inside int32. */
const CELL_LIMIT = 1e9;

export interface GateOptions {
  /** Gate probability P_G (default 0.9999). */
  gateProbability?: number;
}

function uniform0(scan: Scan): boolean {
  return scan.uniformR && scan.count > 0;
}

/**
 * The element of rank `k` (0-based, ascending) of a[0…n), found by quickselect (Hoare 1961),
 * reordering a. Equal to `a.subarray(0, n).sort()[k]` without the sort (or its subarray) when no
 * entry is NaN; with a NaN present it falls back to exactly that.
 */
export function selectRank(a: Float64Array, n: number, k: number): number {
  for (let i = 0; i < n; i++) if (a[i] !== a[i]) return a.subarray(0, n).sort()[k];
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Double a gate table's entry capacity, keeping its entries. */
function growTable(t: GateTable): void {
  const c = 2 * t.det.length;
  const det = new Int32Array(c);
  det.set(t.det);
  const dd = new Float64Array(c);
  dd.set(t.d2);
  const lg = new Float64Array(c);
  lg.set(t.lnG);
  t.det = det;
  t.d2 = dd;
  t.lnG = lg;
}

export class Gater {
  readonly gateProbability: number;
  private gammaByDim = new Map<number, number>();
  readonly table: GateTable = {
    rows: 0,
    rowStart: new Int32Array(1),
    det: new Int32Array(256),
    d2: new Float64Array(256),
    lnG: new Float64Array(256),
    nnz: 0,
  };
  // per-track scratch
  private Si = new Float64Array(0);
  private logDet = new Float64Array(0);
  private half = new Float64Array(0);
  // per-detection grid data
  private cell = new Int32Array(0);
  private next = new Int32Array(0);
  private head = new Int32Array(0);
  // planar dense grid (counting sort)
  private cellStart = new Int32Array(0);
  private sortedIdx = new Int32Array(0);
  private sortedZ = new Float64Array(0);
  private readonly S = new Float64Array(36);
  private readonly Sinv = new Float64Array(36);
  private readonly nu = new Float64Array(6);
  private readonly scratch = new Float64Array(36);
  private readonly sample = new Float64Array(63);
  private readonly cellSize = new Float64Array(3);
  private readonly nCells = new Int32Array(3); // periodic axes: cells around the circle; else 0
  private readonly lo = new Int32Array(3);
  private readonly span = new Int32Array(3);
  private readonly Rdiag = new Float64Array(6);
  // the planar grid of the last `run` (valid for `planarScan`), reused by `gateSharedPlanar`
  private planarScan: Scan | null = null;
  private gx0 = 0;
  private gy0 = 0;
  private gInv = 0;
  private gnx = 0;
  private gny = 0;
  /**
   * After a `run` that used the planar path (`usedPlanar(scan)`): per track row, |S| of the
   * gate's S = S0 + R and ln |S| (NaN where the track gated nothing), for updaters to reuse.
   */
  detS = new Float64Array(0);
  lnDetS = new Float64Array(0);
  /** Gate table of `gateSharedPlanar` (separate from `table`, which it must not disturb). */
  readonly sharedTable: GateTable = {
    rows: 0,
    rowStart: new Int32Array(1),
    det: new Int32Array(256),
    d2: new Float64Array(256),
    lnG: new Float64Array(256),
    nnz: 0,
  };

  constructor(options: GateOptions = {}) {
    this.gateProbability = options.gateProbability ?? 0.9999;
    if (!(this.gateProbability > 0 && this.gateProbability < 1)) throw new RangeError('gate probability must be in (0, 1)');
  }

  /** γ: the χ²_m quantile at P_G. */
  threshold(m: number): number {
    let g = this.gammaByDim.get(m);
    if (g === undefined) {
      g = chiSquareQuantile(this.gateProbability, m);
      this.gammaByDim.set(m, g);
    }
    return g;
  }

  private ensureTracks(nt: number, m: number): void {
    if (this.table.rowStart.length < nt + 1) this.table.rowStart = new Int32Array(Math.max(nt + 1, 2 * this.table.rowStart.length));
    if (this.Si.length < nt * m * m) {
      const c = Math.max(nt, 2 * (this.logDet.length || 8));
      this.Si = new Float64Array(c * m * m);
      this.logDet = new Float64Array(c);
      this.half = new Float64Array(c * m);
    }
    if (this.half.length < nt * m) this.half = new Float64Array(Math.max(nt * m, 2 * this.half.length));
  }

  private push(d: number, d2: number, lnG: number): void {
    const t = this.table;
    if (t.nnz === t.det.length) growTable(t);
    t.det[t.nnz] = d;
    t.d2[t.nnz] = d2;
    t.lnG[t.nnz] = lnG;
    t.nnz++;
  }

  /**
   * Gate `nt` tracks (predicted measurement ẑ_i at zhat[i·m…], S0_i = H P_i Hᵀ at S0[i·m²…])
   * against the scan's detections. Returns the gate table (reused between calls).
   */
  run(nt: number, zhat: Float64Array, S0: Float64Array, scan: Scan): GateTable {
    const model = scan.sensor.model;
    const m = model.mdim;
    const mm = m * m;
    const nd = scan.count;
    const gamma = this.threshold(m);
    this.ensureTracks(nt, m);
    const t = this.table;
    t.rows = nt;
    t.nnz = 0;
    this.planarScan = null;
    if (uniform0(scan) && m === 2 && !model.angular[0] && !model.angular[1] && nd >= GRID_MIN_DETECTIONS && nt > 0) {
      if (this.gatePlanar(nt, zhat, 2, 0, 1, S0, 4, 0, 1, 2, 3, scan, gamma)) return t;
      t.nnz = 0;
    }
    const { Si, logDet, half, Rdiag } = this;
    const uniform = scan.uniformR;
    // Box half-widths need an R that bounds every detection's: the max of each diagonal term.
    for (let a = 0; a < m; a++) Rdiag[a] = 0;
    if (nd > 0) {
      if (uniform) for (let a = 0; a < m; a++) Rdiag[a] = scan.R[a * m + a];
      else for (let j = 0; j < nd; j++) for (let a = 0; a < m; a++) Rdiag[a] = Math.max(Rdiag[a], scan.R[j * mm + a * m + a]);
    }
    for (let i = 0; i < nt; i++) {
      if (uniform && nd > 0) {
        const S = this.S;
        for (let k = 0; k < mm; k++) S[k] = S0[i * mm + k] + scan.R[k];
        logDet[i] = invertSymmetric(S, 0, m, Si, i * mm, this.scratch);
      }
      for (let a = 0; a < m; a++) half[i * m + a] = Math.sqrt(gamma * (S0[i * mm + a * m + a] + Rdiag[a]));
    }
    if (nd === 0 || nt === 0) {
      t.rowStart.fill(0, 0, nt + 1);
      return t;
    }
    const useGrid = nd >= GRID_MIN_DETECTIONS && this.buildGrid(nt, scan, model);
    const g = Math.min(m, 3);
    for (let i = 0; i < nt; i++) {
      t.rowStart[i] = t.nnz;
      if (!(logDet[i] === logDet[i]) && uniform) continue; // NaN: S not PD, nothing can gate
      if (!useGrid) {
        for (let j = 0; j < nd; j++) this.test(i, j, model, zhat, S0, scan, gamma);
        continue;
      }
      // Cells overlapped by the box ẑ ± half on each grid axis.
      let cells = 1;
      for (let a = 0; a < g; a++) {
        const c = zhat[i * m + a];
        const w = half[i * m + a];
        const cs = this.cellSize[a];
        const nc = this.nCells[a];
        if (nc > 0) {
          // periodic: cells indexed from −π
          if (2 * w >= TWO_PI) {
            this.lo[a] = 0;
            this.span[a] = nc;
          } else {
            const l = Math.floor((c - w + Math.PI) / cs);
            const h = Math.floor((c + w + Math.PI) / cs);
            this.lo[a] = l;
            this.span[a] = Math.min(h - l + 1, nc);
          }
        } else {
          const l = Math.floor((c - w) / cs);
          const h = Math.floor((c + w) / cs);
          this.lo[a] = Math.max(l, -CELL_LIMIT);
          this.span[a] = Math.min(h, CELL_LIMIT) - this.lo[a] + 1;
        }
        cells *= this.span[a];
      }
      if (cells > nd) {
        // The box covers more cells than there are detections: test them all directly.
        for (let j = 0; j < nd; j++) this.test(i, j, model, zhat, S0, scan, gamma);
        continue;
      }
      this.queryCells(i, g, model, zhat, S0, scan, gamma);
    }
    t.rowStart[nt] = t.nnz;
    return t;
  }

  /**
   * The common case written out: 2-D Cartesian measurements with one R for the scan. The same
   * gate as the general path (box pre-selection on a grid, then d² < γ), with a dense grid over
   * the detections instead of a hashed one, in one pass per track with the 2×2 inverse inline and
   * ln|S| computed only for tracks that gate something — this loop runs for every track every
   * scan. Returns false if the grid cannot be built (then the general path runs).
   */
  private gatePlanar(
    nt: number, zhat: Float64Array, zs: number, z0: number, z1: number,
    S0: Float64Array, ss: number, s00o: number, s01o: number, s10o: number, s11o: number, scan: Scan, gamma: number,
  ): boolean {
    const t = this.table;
    const z = scan.z;
    const nd = scan.count;
    const r00 = scan.R[0];
    const r01 = 0.5 * (scan.R[1] + scan.R[2]);
    const r11 = scan.R[3];
    // Cell size: the larger of the median gate width and the mean detection spacing.
    let xlo = Infinity;
    let xhi = -Infinity;
    let ylo = Infinity;
    let yhi = -Infinity;
    for (let j = 0; j < nd; j++) {
      const x = z[2 * j];
      const y = z[2 * j + 1];
      if (x < xlo) xlo = x;
      if (x > xhi) xhi = x;
      if (y < ylo) ylo = y;
      if (y > yhi) yhi = y;
    }
    const spacing = Math.sqrt((Math.max(xhi - xlo, 1e-9) * Math.max(yhi - ylo, 1e-9)) / nd);
    const sample = this.sample;
    const step = Math.max(1, Math.floor(nt / sample.length));
    let ns = 0;
    for (let i = 0; i < nt && ns < sample.length; i += step) sample[ns++] = Math.sqrt(gamma * (Math.max(S0[ss * i + s00o], S0[ss * i + s11o]) + Math.max(r00, r11)));
    const med = selectRank(sample, ns, ns >> 1);
    const cs = Math.max(2 * med, spacing);
    if (!(cs > 0) || !Number.isFinite(cs) || Math.max(Math.abs(xlo), Math.abs(xhi), Math.abs(ylo), Math.abs(yhi)) / cs > CELL_LIMIT) return false;
    const inv = 1 / cs;
    // Dense uniform grid over the detections' bounding box, filled by counting sort: with cell
    // index cx + nx·cy, the cells of one grid row are contiguous in the sorted order, so a gate
    // box is one contiguous range of detections per grid row (sequential memory access).
    const nx = Math.floor((xhi - xlo) * inv) + 1;
    const ny = Math.floor((yhi - ylo) * inv) + 1;
    const ncell = nx * ny;
    if (!(ncell <= 4 * nd + 64)) return false;
    if (this.cellStart.length < ncell + 1) this.cellStart = new Int32Array(2 * ncell + 2);
    if (this.sortedIdx.length < nd) {
      this.sortedIdx = new Int32Array(2 * nd);
      this.sortedZ = new Float64Array(4 * nd);
      this.next = new Int32Array(2 * nd);
    }
    const { cellStart, sortedIdx, sortedZ } = this;
    const cellOf = this.next; // scratch: cell of each detection
    cellStart.fill(0, 0, ncell + 1);
    for (let j = 0; j < nd; j++) {
      // both offsets are ≥ 0 and below nx, ny: truncation is the floor
      const c = (((z[2 * j] - xlo) * inv) | 0) + nx * (((z[2 * j + 1] - ylo) * inv) | 0);
      cellOf[j] = c;
      cellStart[c]++;
    }
    // Inclusive prefix sums (cellStart[c] = end of cell c), then scatter from the last detection
    // down, pre-decrementing: each cell keeps its detections in ascending order and
    // cellStart[c] ends at the start of cell c — no shift pass.
    for (let c = 1; c < ncell; c++) cellStart[c] += cellStart[c - 1];
    cellStart[ncell] = nd;
    for (let j = nd - 1; j >= 0; j--) {
      const k = --cellStart[cellOf[j]];
      sortedIdx[k] = j;
      sortedZ[2 * k] = z[2 * j];
      sortedZ[2 * k + 1] = z[2 * j + 1];
    }
    this.planarScan = scan;
    this.gx0 = xlo;
    this.gy0 = ylo;
    this.gInv = inv;
    this.gnx = nx;
    this.gny = ny;
    const lnNorm = 2 * LN_2PI;
    const rowStart = t.rowStart;
    if (this.detS.length < nt) {
      this.detS = new Float64Array(2 * nt);
      this.lnDetS = new Float64Array(2 * nt);
    }
    const detOut = this.detS;
    const lnDetOut = this.lnDetS;
    let nnz = 0;
    let det = t.det;
    let d2s = t.d2;
    let lnGs = t.lnG;
    for (let i = 0; i < nt; i++) {
      rowStart[i] = nnz;
      const so = ss * i;
      const s00 = S0[so + s00o] + r00;
      const s01 = 0.5 * (S0[so + s01o] + S0[so + s10o]) + r01;
      const s11 = S0[so + s11o] + r11;
      const detS = s00 * s11 - s01 * s01;
      detOut[i] = detS;
      lnDetOut[i] = NaN;
      if (!(detS > 0) || !(s00 > 0)) continue; // S not positive definite: nothing gates
      const id = 1 / detS;
      const i00 = s11 * id;
      const i01 = -s01 * id;
      const i11 = s00 * id;
      const cx = zhat[zs * i + z0];
      const cy = zhat[zs * i + z1];
      const wx = Math.sqrt(gamma * s00);
      const wy = Math.sqrt(gamma * s11);
      // Box → cell ranges clamped to the grid (detections lie inside it). In grid units; floor(v)
      // < 0 iff v < 0 and floor(v) ≥ n iff v ≥ n, so truncating the clamped values is the floor.
      const fx0 = (cx - wx - xlo) * inv;
      const fx1 = (cx + wx - xlo) * inv;
      const fy0 = (cy - wy - ylo) * inv;
      const fy1 = (cy + wy - ylo) * inv;
      if (!(fx1 >= 0 && fy1 >= 0 && fx0 < nx && fy0 < ny && fx0 <= fx1 && fy0 <= fy1)) continue;
      const lx = fx0 < 0 ? 0 : fx0 | 0;
      const hx = fx1 >= nx ? nx - 1 : fx1 | 0;
      const ly = fy0 < 0 ? 0 : fy0 | 0;
      const hy = fy1 >= ny ? ny - 1 : fy1 | 0;
      // Branch-free candidate loop: whether a candidate is in the gate (box, then d² < γ — the
      // box test only as a filter, as before) is unpredictable, so every candidate is written
      // at the next entry and the entry count advances only when it passes. ln|S| and lnG
      // follow for the row's entries (the same numbers, in the same order).
      const r0 = nnz;
      for (let gy = ly; gy <= hy; gy++) {
        const row = gy * nx;
        const k0 = cellStart[row + lx];
        const k1 = cellStart[row + hx + 1];
        if (nnz + k1 - k0 > det.length) {
          t.nnz = nnz;
          while (nnz + k1 - k0 > t.det.length) growTable(t);
          det = t.det;
          d2s = t.d2;
          lnGs = t.lnG;
        }
        for (let k = k0; k < k1; k++) {
          const dx = sortedZ[2 * k] - cx;
          const dy = sortedZ[2 * k + 1] - cy;
          const d2 = i00 * dx * dx + 2 * i01 * dx * dy + i11 * dy * dy;
          det[nnz] = sortedIdx[k];
          d2s[nnz] = d2;
          nnz += +(dx <= wx) & +(dx >= -wx) & +(dy <= wy) & +(dy >= -wy) & +(d2 < gamma);
        }
      }
      if (nnz > r0) {
        const ld = Math.log(detS);
        lnDetOut[i] = ld;
        for (let g = r0; g < nnz; g++) lnGs[g] = -0.5 * (d2s[g] + ld + lnNorm);
      }
    }
    rowStart[nt] = nnz;
    t.nnz = nnz;
    return true;
  }

  /**
   * `run` for tracks whose ẑ and S0 = H P Hᵀ are read in place from filter slots (track i's slot
   * at i·slotSize in `buf`; ẑ at +zo0, +zo1 and S0 at +so00, +so01, +so10, +so11), when the
   * planar path applies — the same gate as `run` on the copied ẑ/S0, without the copy pass.
   * Returns null when it does not apply (the caller then copies ẑ/S0 and calls `run`).
   */
  runSlots(
    nt: number, buf: Float64Array, slotSize: number, zo0: number, zo1: number,
    so00: number, so01: number, so10: number, so11: number, scan: Scan,
  ): GateTable | null {
    const model = scan.sensor.model;
    if (!(uniform0(scan) && model.mdim === 2 && !model.angular[0] && !model.angular[1] && scan.count >= GRID_MIN_DETECTIONS && nt > 0)) return null;
    const gamma = this.threshold(2);
    const t = this.table;
    // (the planar gate needs only the row starts, not the general path's per-track scratch)
    if (t.rowStart.length < nt + 1) t.rowStart = new Int32Array(Math.max(nt + 1, 2 * t.rowStart.length));
    t.rows = nt;
    t.nnz = 0;
    this.planarScan = null;
    if (this.gatePlanar(nt, buf, slotSize, zo0, zo1, buf, slotSize, so00, so01, so10, so11, scan, gamma)) return t;
    t.nnz = 0;
    return null;
  }

  /** Whether the last `run` gated `scan` on the planar grid (then `detS`, `lnDetS` are valid). */
  usedPlanar(scan: Scan): boolean {
    return this.planarScan === scan;
  }

  /**
   * Gate `n` predicted measurements that share one S0 = H P Hᵀ (2×2 at S0[0…]; centres ẑ_k at
   * centres[2k…]) against the detections of `scan`, skipping those with skip[j] ≠ 0, on the
   * planar grid the last `run` built for this same scan (no second grid). Entries index the
   * scan's detections. The test is the planar gate's, term for term (box, then d² < γ, lnG), so
   * the entries equal those of `run` on the scan without the skipped detections, up to their
   * order within a row. Returns null when `run` did not use the planar grid for this scan (the
   * caller then gates a sub-scan with `run`). Two-point initiation uses it: every held seed
   * has the same predicted S0, centred on its detection.
   */
  gateSharedPlanar(n: number, centres: Float64Array, S0: Float64Array, scan: Scan, skip: Uint8Array): GateTable | null {
    if (this.planarScan !== scan) return null;
    const t = this.sharedTable;
    if (t.rowStart.length < n + 1) t.rowStart = new Int32Array(Math.max(n + 1, 2 * t.rowStart.length));
    t.rows = n;
    t.nnz = 0;
    const gamma = this.threshold(2);
    const s00 = S0[0] + scan.R[0];
    const s01 = 0.5 * (S0[1] + S0[2]) + 0.5 * (scan.R[1] + scan.R[2]);
    const s11 = S0[3] + scan.R[3];
    const det = s00 * s11 - s01 * s01;
    if (!(det > 0) || !(s00 > 0)) {
      t.rowStart.fill(0, 0, n + 1);
      return t;
    }
    const id = 1 / det;
    const i00 = s11 * id;
    const i01 = -s01 * id;
    const i11 = s00 * id;
    const wx = Math.sqrt(gamma * s00);
    const wy = Math.sqrt(gamma * s11);
    const ld = Math.log(det);
    const lnNorm = 2 * LN_2PI;
    const { cellStart, sortedIdx, sortedZ } = this;
    const xlo = this.gx0;
    const ylo = this.gy0;
    const inv = this.gInv;
    const nx = this.gnx;
    const ny = this.gny;
    const rowStart = t.rowStart;
    let nnz = 0;
    let dets = t.det;
    let d2s = t.d2;
    let lnGs = t.lnG;
    for (let i = 0; i < n; i++) {
      rowStart[i] = nnz;
      const cx = centres[2 * i];
      const cy = centres[2 * i + 1];
      // Box → cell ranges clamped to the grid (detections lie inside it). In grid units; floor(v)
      // < 0 iff v < 0 and floor(v) ≥ n iff v ≥ n, so truncating the clamped values is the floor.
      const fx0 = (cx - wx - xlo) * inv;
      const fx1 = (cx + wx - xlo) * inv;
      const fy0 = (cy - wy - ylo) * inv;
      const fy1 = (cy + wy - ylo) * inv;
      if (!(fx1 >= 0 && fy1 >= 0 && fx0 < nx && fy0 < ny && fx0 <= fx1 && fy0 <= fy1)) continue;
      const lx = fx0 < 0 ? 0 : fx0 | 0;
      const hx = fx1 >= nx ? nx - 1 : fx1 | 0;
      const ly = fy0 < 0 ? 0 : fy0 | 0;
      const hy = fy1 >= ny ? ny - 1 : fy1 | 0;
      const r0 = nnz;
      for (let gy = ly; gy <= hy; gy++) {
        const row = gy * nx;
        const k0 = cellStart[row + lx];
        const k1 = cellStart[row + hx + 1];
        if (nnz + k1 - k0 > dets.length) {
          t.nnz = nnz;
          while (nnz + k1 - k0 > t.det.length) growTable(t);
          dets = t.det;
          d2s = t.d2;
          lnGs = t.lnG;
        }
        // branch-free, as in the track gate: write every candidate, keep those that pass
        for (let k = k0; k < k1; k++) {
          const dx = sortedZ[2 * k] - cx;
          const dy = sortedZ[2 * k + 1] - cy;
          const j = sortedIdx[k];
          const d2 = i00 * dx * dx + 2 * i01 * dx * dy + i11 * dy * dy;
          dets[nnz] = j;
          d2s[nnz] = d2;
          nnz += +(dx <= wx) & +(dx >= -wx) & +(dy <= wy) & +(dy >= -wy) & +(skip[j] === 0) & +(d2 < gamma);
        }
      }
      for (let g = r0; g < nnz; g++) lnGs[g] = -0.5 * (d2s[g] + ld + lnNorm);
    }
    rowStart[n] = nnz;
    t.nnz = nnz;
    return t;
  }

  /** Visit every cell of the box (lo, span) of track i and test the detections stored there. */
  private queryCells(i: number, g: number, model: MeasurementModel, zhat: Float64Array, S0: Float64Array, scan: Scan, gamma: number): void {
    const { lo, span, nCells, head, next, cell } = this;
    const mask = head.length - 1;
    const s0 = span[0];
    const s1 = g > 1 ? span[1] : 1;
    const s2 = g > 2 ? span[2] : 1;
    for (let k0 = 0; k0 < s0; k0++) {
      let c0 = lo[0] + k0;
      if (nCells[0] > 0) c0 = ((c0 % nCells[0]) + nCells[0]) % nCells[0];
      for (let k1 = 0; k1 < s1; k1++) {
        let c1 = g > 1 ? lo[1] + k1 : 0;
        if (g > 1 && nCells[1] > 0) c1 = ((c1 % nCells[1]) + nCells[1]) % nCells[1];
        for (let k2 = 0; k2 < s2; k2++) {
          let c2 = g > 2 ? lo[2] + k2 : 0;
          if (g > 2 && nCells[2] > 0) c2 = ((c2 % nCells[2]) + nCells[2]) % nCells[2];
          const h = (Math.imul(c0, 73856093) ^ Math.imul(c1, 19349663) ^ Math.imul(c2, 83492791)) & mask;
          for (let j = head[h]; j >= 0; j = next[j]) {
            if (cell[3 * j] !== c0 || cell[3 * j + 1] !== c1 || cell[3 * j + 2] !== c2) continue;
            this.test(i, j, model, zhat, S0, scan, gamma);
          }
        }
      }
    }
  }

  /** Box check then Mahalanobis test of detection j against track i; records a gate entry. */
  private test(i: number, j: number, model: MeasurementModel, zhat: Float64Array, S0: Float64Array, scan: Scan, gamma: number): void {
    const m = model.mdim;
    const nu = this.nu;
    const half = this.half;
    for (let a = 0; a < m; a++) {
      let d = scan.z[j * m + a] - zhat[i * m + a];
      if (model.angular[a]) d = wrapAngle(d);
      if (d > half[i * m + a] || d < -half[i * m + a]) return;
      nu[a] = d;
    }
    let d2: number;
    let ld: number;
    if (scan.uniformR) {
      d2 = quadForm(this.Si, i * m * m, nu, 0, m);
      ld = this.logDet[i];
    } else {
      const mm = m * m;
      const S = this.S;
      for (let k = 0; k < mm; k++) S[k] = S0[i * mm + k] + scan.R[j * mm + k];
      ld = invertSymmetric(S, 0, m, this.Sinv, 0, this.scratch);
      if (ld !== ld) return;
      d2 = quadForm(this.Sinv, 0, nu, 0, m);
    }
    if (d2 < gamma) this.push(j, d2, gaussianLogLikelihood(d2, ld, m));
  }

  /**
   * Hash every detection into its cell. Cell size per grid axis = median gate half-width over (a
   * sample of) the tracks. Returns false if the grid cannot be built (degenerate sizes).
   */
  private buildGrid(nt: number, scan: Scan, model: MeasurementModel): boolean {
    const m = model.mdim;
    const g = Math.min(m, 3);
    const nd = scan.count;
    const sample = this.sample;
    const step = Math.max(1, Math.floor(nt / sample.length));
    // Mean spacing of the detections: cells much smaller than this are nearly all empty, and
    // visiting empty cells is what costs (each is a hash probe).
    let volume = 1;
    for (let a = 0; a < g; a++) {
      if (model.angular[a]) {
        volume *= TWO_PI;
        continue;
      }
      let lo = Infinity;
      let hi = -Infinity;
      for (let j = 0; j < nd; j++) {
        const z = scan.z[j * m + a];
        if (z < lo) lo = z;
        if (z > hi) hi = z;
      }
      volume *= Math.max(hi - lo, 1e-9);
    }
    const spacing = Math.pow(volume / nd, 1 / g);
    for (let a = 0; a < g; a++) {
      let ns = 0;
      for (let i = 0; i < nt && ns < sample.length; i += step) sample[ns++] = this.half[i * m + a];
      // cell ≥ the median gate width (a typical box then spans ≤ 2–3 cells per axis)
      let cs = Math.max(2 * selectRank(sample, ns, ns >> 1), model.angular[a] ? 0 : spacing);
      if (!(cs > 0) || !Number.isFinite(cs)) return false;
      if (model.angular[a]) {
        const nc = Math.max(1, Math.floor(TWO_PI / cs));
        this.nCells[a] = nc;
        cs = TWO_PI / nc;
      } else {
        this.nCells[a] = 0;
      }
      this.cellSize[a] = cs;
    }
    for (let a = g; a < 3; a++) {
      this.nCells[a] = 0;
      this.cellSize[a] = 1;
    }
    let size = 16;
    while (size < 2 * nd) size *= 2;
    if (this.head.length !== size) this.head = new Int32Array(size);
    this.head.fill(-1);
    if (this.next.length < nd) {
      this.next = new Int32Array(2 * nd);
      this.cell = new Int32Array(6 * nd);
    }
    const { head, next, cell, cellSize, nCells } = this;
    const mask = size - 1;
    for (let j = 0; j < nd; j++) {
      for (let a = 0; a < 3; a++) {
        let c = 0;
        if (a < g) {
          const z = scan.z[j * m + a];
          if (nCells[a] > 0) {
            c = Math.floor((wrapAngle(z) + Math.PI) / cellSize[a]);
            if (c >= nCells[a]) c = nCells[a] - 1;
            if (c < 0) c = 0;
          } else {
            const f = Math.floor(z / cellSize[a]);
            if (!(Math.abs(f) < CELL_LIMIT)) return false;
            c = f;
          }
        }
        cell[3 * j + a] = c;
      }
      const h = (Math.imul(cell[3 * j], 73856093) ^ Math.imul(cell[3 * j + 1], 19349663) ^ Math.imul(cell[3 * j + 2], 83492791)) & mask;
      next[j] = head[h];
      head[h] = j;
    }
    return true;
  }
}
