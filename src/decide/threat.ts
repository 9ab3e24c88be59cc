/**
 * Threat evaluation: per track, the predicted impact (impact.ts), the defended assets at risk with
 * their probability of being hit, the time to go and the threat value
 *
 *   threatValue = Σ_assets value_a · P(hit a) · lethality(class).
 *
 * P(hit a):
 * - ballistic model: the impact point is Gaussian N(μ, Σ) in east/north (2×2 from the unscented
 *   transform); the asset's footprint is a DISC of radius R_a + r_lethal(class) around its
 *   reference point (circle areas exactly; a polygon by the disc of equal area — the documented
 *   approximation; a point asset by r_lethal alone). P = ∫_disc N(x; μ, Σ) dx, computed exactly up to
 *   quadrature (`probabilityInDisc`).
 * - intent model (guided threats): P(hit a) = P(aimed at a) from the intent model — a guided
 *   weapon's own miss (CEP of metres to tens of metres) is well inside footprint + lethal radius.
 *
 * Class tables (lethal radius, lethality, notional unit cost) are NOTIONAL and listed in
 * docs/models/battle-management.md "Threat evaluation".
 */
import { ecefToEnuInto, geodeticToEcefInto, localFrame } from '../geo/index.js';
import { normalCdf } from '../math/index.js';
import type { Asset, Catalog } from '../scenario/types.js';
import type { PictureTrack, TargetClass } from '../track/picture.js';
import { predictBallisticImpact, predictIntent, type BallisticPropagationOptions, type IntentOptions } from './impact.js';
import type { ImpactPrediction, ThreatAssessment } from './types.js';

/** An asset as threat evaluation sees it (from the scenario: static, not truth about threats). */
export interface DefendedAsset {
  id: string;
  kind: string;
  value: number;
  valueUsd: number | null;
  /** ECEF reference point (m). */
  position: Float64Array;
  /** Footprint disc radius (m). */
  radius: number;
}

/** Notional lethal radius (m) of a warhead of each class against a soft target. */
export const CLASS_LETHAL_RADIUS: Readonly<Record<TargetClass, number>> = Object.freeze({
  ballistic: 150, glide: 150, cruise: 60, drone: 25, aircraft: 60, unknown: 60,
});

/** Notional lethality: fraction of the asset's value destroyed by a hit. */
export const CLASS_LETHALITY: Readonly<Record<TargetClass, number>> = Object.freeze({
  ballistic: 1.0, glide: 1.0, cruise: 0.8, drone: 0.3, aircraft: 0.5, unknown: 0.5,
});

/** Default notional unit costs (USD) per class, used when the catalog has no priced type. */
export const DEFAULT_THREAT_COST: Readonly<Record<TargetClass, number>> = Object.freeze({
  ballistic: 3_000_000, glide: 10_000_000, cruise: 2_000_000, drone: 35_000, aircraft: 50_000_000, unknown: 35_000,
});

/**
 * Notional unit cost per class: the median `unitCost` of the catalog's priced threat types of that
 * category, else the default. 'unknown' takes the cheapest class (a cost-aware doctrine then does
 * not spend an expensive interceptor on an unidentified track when a cheaper layer can engage).
 */
export function notionalThreatCosts(catalog?: Pick<Catalog, 'threats'>): Record<TargetClass, number> {
  const out: Record<TargetClass, number> = { ...DEFAULT_THREAT_COST };
  if (catalog) {
    for (const c of ['ballistic', 'glide', 'cruise', 'drone', 'aircraft'] as const) {
      const costs = catalog.threats.filter((t) => t.category === c && t.unitCost !== null).map((t) => t.unitCost as number).sort((a, b) => a - b);
      if (costs.length > 0) {
        const m = costs.length >> 1;
        out[c] = costs.length % 2 ? costs[m] : 0.5 * (costs[m - 1] + costs[m]);
      }
    }
  }
  out.unknown = Math.min(out.ballistic, out.glide, out.cruise, out.drone, out.aircraft);
  return out;
}

/** Footprint radius of a scenario asset (see the header). */
export function footprintRadius(asset: Pick<Asset, 'area' | 'location'>): number {
  const a = asset.area;
  if (a.kind === 'circle') return a.radius;
  if (a.kind === 'point') return 0;
  // Polygon: shoelace area on the local tangent plane (equirectangular, exact enough for km-sized areas).
  const R = 6_371_000;
  const lat0 = asset.location.lat, lon0 = asset.location.lon;
  let s = 0;
  const pts = a.polygon.map((p) => [R * (p.lon - lon0) * Math.cos(lat0), R * (p.lat - lat0)]);
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i], [x2, y2] = pts[(i + 1) % pts.length];
    s += x1 * y2 - x2 * y1;
  }
  return Math.sqrt(Math.abs(s) / 2 / Math.PI);
}

/** The scenario's assets as threat evaluation sees them. */
export function defendedAssets(assets: readonly Asset[]): DefendedAsset[] {
  return assets.map((a) => ({
    id: a.id,
    kind: a.kind,
    value: a.value,
    valueUsd: a.valueUsd,
    position: geodeticToEcefInto(new Float64Array(3), a.location.lat, a.location.lon, a.location.h),
    radius: footprintRadius(a),
  }));
}

/**
 * P(X ∈ disc) for X ~ N(0, C) in 2-D, the disc of radius ρ centred at (cx, cy). In the principal
 * axes of C the density factorises, so with x = c'x + ρ sin θ (c' the rotated centre):
 *   P = ∫_{−π/2}^{π/2} φ(x/σ1)/σ1 · [Φ((c'y + ρ cos θ)/σ2) − Φ((c'y − ρ cos θ)/σ2)] · ρ cos θ dθ,
 * a smooth integrand (the substitution removes the square-root end points), composite Simpson on
 * 200 intervals over the part of the θ range where |x| < 9σ1.
 */
export function probabilityInDisc(cx: number, cy: number, C: ArrayLike<number>, rho: number): number {
  if (!(rho > 0)) return 0;
  const a = C[0], b = 0.5 * (C[1] + C[2]), d = C[3];
  // Eigen-decomposition of the symmetric 2×2.
  const tr = 0.5 * (a + d);
  const disc = Math.sqrt(Math.max(0, 0.25 * (a - d) ** 2 + b * b));
  const l1 = Math.max(tr + disc, 0), l2 = Math.max(tr - disc, 0);
  const ang = 0.5 * Math.atan2(2 * b, a - d);
  const c = Math.cos(ang), s = Math.sin(ang);
  const floor = 1e-9 * rho;
  const s1 = Math.max(Math.sqrt(l1), floor), s2 = Math.max(Math.sqrt(l2), floor);
  const px = c * cx + s * cy, py = -s * cx + c * cy;
  const lim = (v: number) => Math.asin(Math.min(1, Math.max(-1, v)));
  const t0 = lim((-9 * s1 - px) / rho), t1 = lim((9 * s1 - px) / rho);
  if (!(t1 > t0)) return 0;
  const n = 200;
  const h = (t1 - t0) / n;
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    const th = t0 + k * h;
    const x = px + rho * Math.sin(th);
    const half = rho * Math.cos(th);
    const f = (Math.exp(-0.5 * (x / s1) ** 2) / (s1 * Math.sqrt(2 * Math.PI))) *
      (normalCdf((py + half) / s2) - normalCdf((py - half) / s2)) * half;
    sum += (k === 0 || k === n ? 1 : k % 2 ? 4 : 2) * f;
  }
  return Math.min(1, Math.max(0, (sum * h) / 3));
}

export interface ThreatEvaluationOptions {
  ballistic?: BallisticPropagationOptions;
  intent?: IntentOptions;
  /** Unit cost per class (default `notionalThreatCosts()`). */
  threatCosts?: Record<TargetClass, number>;
  /** Speed above which an 'unknown' track is evaluated as ballistic (m/s), default 1500. */
  unknownBallisticSpeed?: number;
}

/**
 * Planning ballistic coefficient (kg/m²) for ballistic tracks: a NOTIONAL re-entry-vehicle value
 * (SRBM/MRBM RVs are ~5,000–15,000 kg/m²); the track does not measure it.
 */
export const PLANNING_BALLISTIC_COEFFICIENT = 5000;

/** Which motion model evaluates a track of this class (see docs). */
export function impactModelFor(track: PictureTrack, unknownBallisticSpeed = 1500): 'ballistic' | 'intent' {
  if (track.classification === 'ballistic') return 'ballistic';
  if (track.classification === 'unknown') {
    const s = track.state;
    return Math.hypot(s[3], s[4], s[5]) > unknownBallisticSpeed ? 'ballistic' : 'intent';
  }
  return 'intent';
}

/** Predicted impact of one track with its class's model (ballistic falls back to intent if it does not land). */
export function predictImpact(track: PictureTrack, assets: readonly DefendedAsset[], opts: ThreatEvaluationOptions = {}): ImpactPrediction | null {
  if (impactModelFor(track, opts.unknownBallisticSpeed) === 'ballistic') {
    const p = predictBallisticImpact(track.t, track.state, track.covariance, { ballisticCoefficient: PLANNING_BALLISTIC_COEFFICIENT, ...opts.ballistic });
    if (p) return p;
  }
  return predictIntent(track.t, track.state, track.covariance, assets, opts.intent);
}

/** Threat evaluation of one track; null if no impact can be predicted (e.g. flying away from everything). */
export function assessThreat(track: PictureTrack, assets: readonly DefendedAsset[], opts: ThreatEvaluationOptions = {}): ThreatAssessment | null {
  const pred = predictImpact(track, assets, opts);
  if (!pred) return null;
  const cls = track.classification;
  const rL = CLASS_LETHAL_RADIUS[cls];
  const atRisk: { asset: string; probability: number }[] = [];
  if (pred.model === 'ballistic') {
    const frame = localFrame(pred.impactPoint);
    const enu = new Float64Array(3);
    for (const a of assets) {
      ecefToEnuInto(enu, frame, a.position);
      const p = probabilityInDisc(enu[0], enu[1], pred.impactCov, a.radius + rL);
      if (p > 1e-6) atRisk.push({ asset: a.id, probability: p });
    }
  } else {
    for (const i of pred.intent ?? []) if (i.probability > 1e-6) atRisk.push({ ...i });
  }
  atRisk.sort((x, y) => y.probability - x.probability);
  const byId = new Map(assets.map((a) => [a.id, a]));
  const leth = CLASS_LETHALITY[cls];
  let value = 0, usd = 0;
  for (const r of atRisk) {
    const a = byId.get(r.asset)!;
    value += a.value * r.probability * leth;
    usd += (a.valueUsd ?? 0) * r.probability * leth;
  }
  const costs = opts.threatCosts ?? notionalThreatCosts();
  return {
    trackId: track.id,
    class: cls,
    t: track.t,
    model: pred.model,
    impactPoint: pred.impactPoint,
    impactCov: pred.impactCov,
    timeToGo: pred.timeToGo,
    impactTime: pred.impactTime,
    assetsAtRisk: atRisk,
    threatValue: value,
    valueUsdAtRisk: usd,
    notionalCost: plausibleThreatCost(track, costs),
  };
}

/** 1σ speed uncertainty (share of the speed) above which an air-breathing identity is unconfirmed (NOTIONAL). */
export const UNCONFIRMED_SPEED_SHARE = 0.25;

/**
 * σ_speed / speed of a track: σ_speed² = vᵀ P_vv v / |v|² (the velocity variance along the
 * velocity, first-order propagation of |v|), from the 6×6 (or 9×9) row-major covariance.
 */
export function speedSigmaShare(state: ArrayLike<number>, cov: ArrayLike<number>): number {
  const n = Math.round(Math.sqrt(cov.length));
  const v = [state[3], state[4], state[5]];
  const s2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  if (!(s2 > 0)) return Infinity;
  let q = 0;
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) q += v[a] * cov[(3 + a) * n + 3 + b] * v[b];
  return Math.sqrt(Math.max(0, q) / s2) / Math.sqrt(s2);
}

/**
 * A class is a plausible identity of a track when the picture gives it at least this probability
 * (NOTIONAL; cost awareness only).
 */
export const PLAUSIBLE_CLASS_PROBABILITY = 0.2;

/**
 * The threat cost cost awareness weighs an interceptor against: the cheapest plausible identity of
 * the track — its classification or any class (not 'unknown') with probability
 * ≥ PLAUSIBLE_CLASS_PROBABILITY. A slow low flyer the kinematic classifier cannot tell between a
 * one-way attack drone and a light aircraft is priced as the drone: the expensive interceptor must
 * be justified by the asset at risk, not by the chance that the track is a $50M aircraft.
 */
export function plausibleThreatCost(
  track: Pick<PictureTrack, 'classification' | 'classProbabilities'> & Partial<Pick<PictureTrack, 'state' | 'covariance'>>,
  costs: Readonly<Record<TargetClass, number>>,
): number {
  // An air-breathing identity (cruise, drone, aircraft, unknown) rests on the track's speed: while
  // the speed is not known to ±UNCONFIRMED_SPEED_SHARE (1σ along the velocity), the identity is
  // not confirmed and any air-breathing class is plausible — the cheapest one prices it.
  if (track.state && track.covariance && track.classification !== 'ballistic' && track.classification !== 'glide' && speedSigmaShare(track.state, track.covariance) > UNCONFIRMED_SPEED_SHARE) {
    return Math.min(costs.cruise, costs.drone, costs.aircraft, costs[track.classification]);
  }
  let c = costs[track.classification];
  for (const k of ['ballistic', 'glide', 'cruise', 'drone', 'aircraft'] as const) {
    if ((track.classProbabilities[k] ?? 0) >= PLAUSIBLE_CLASS_PROBABILITY && costs[k] < c) c = costs[k];
  }
  return c;
}

/** Threat evaluation of a whole picture, highest threat value first (ties: earlier impact first, then id). */
export function assessThreats(picture: readonly PictureTrack[], assets: readonly DefendedAsset[], opts: ThreatEvaluationOptions = {}): ThreatAssessment[] {
  const out: ThreatAssessment[] = [];
  for (const t of picture) {
    const a = assessThreat(t, assets, opts);
    if (a) out.push(a);
  }
  return out.sort((x, y) => y.threatValue - x.threatValue || x.impactTime - y.impactTime || (x.trackId < y.trackId ? -1 : 1));
}
