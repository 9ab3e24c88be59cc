/**
 * Doctrine rules of the battle manager (docs/models/battle-management.md "Engagement planning and
 * doctrine"): weapons control, reserve, priorities, layering order and cost awareness. Pure
 * functions over the resolved scenario `Doctrine` and the track picture.
 */
import type { Doctrine, Layer, WeaponsControl } from '../scenario/types.js';
import type { PictureTrack, TargetClass } from '../track/picture.js';

/** Weapons tight: a track counts as identified hostile when classified (not 'unknown') with quality ≥ this. */
export const TIGHT_MIN_QUALITY = 0.5;

/**
 * May a battery under `control` engage this track? free: any track of the force's picture (the
 * picture holds no friendly tracks: identification friend-or-foe is not modelled); tight: only
 * tracks identified hostile (class ≠ 'unknown' and quality ≥ TIGHT_MIN_QUALITY); hold: none
 * (self-defence of the battery itself is not modelled).
 */
export function weaponsControlAllows(control: WeaponsControl, track: Pick<PictureTrack, 'classification' | 'quality'>): { allowed: boolean; why: string } {
  if (control === 'hold') return { allowed: false, why: 'weapons hold' };
  if (control === 'tight' && (track.classification === 'unknown' || track.quality < TIGHT_MIN_QUALITY)) {
    return { allowed: false, why: `weapons tight: track not identified hostile (class ${track.classification}, quality ${track.quality.toFixed(2)} < ${TIGHT_MIN_QUALITY} or unknown)` };
  }
  return { allowed: true, why: '' };
}

/** Shots a battery holds back: ⌈share · initial shots⌉, or the per-battery count. */
export function reserveShots(reserve: Doctrine['reserve'], initialShots: number): number {
  return reserve.kind === 'share' ? Math.ceil(reserve.share * initialShots - 1e-9) : Math.min(initialShots, reserve.perBattery);
}

/** The most urgent asset kind in `priorities` that some defended asset has (reserve interceptors are for threats to it). */
export function topPriorityAssetKind(priorities: readonly string[], assetKinds: readonly string[]): string | null {
  const have = new Set(assetKinds);
  for (const k of priorities) if (have.has(k)) return k;
  return null;
}

/**
 * Weight on a threat's value by the threat-category priority: 1 + 0.25·(n−1−rank)/(n−1) (the most
 * urgent category 1.25, the least 1.0; 'unknown' 1.0). Asset priority is carried by asset values.
 */
export function threatPriorityWeight(cls: TargetClass, priorities: readonly string[]): number {
  const i = priorities.indexOf(cls);
  if (i < 0 || priorities.length < 2) return 1;
  return 1 + (0.25 * (priorities.length - 1 - i)) / (priorities.length - 1);
}

/** Layer order: upper tier first, then lower, point defence, guns. */
export const LAYER_RANK: Readonly<Record<Layer, number>> = Object.freeze({ upper: 0, lower: 1, point: 2, gun: 3 });

export interface CostCheckInput {
  /** Cost of the engagement (interceptor unit cost × rounds per shot × shots), USD. */
  engagementCost: number;
  /** Cost of one interceptor (unit cost × rounds per shot), USD; default the engagement cost. */
  shotCost?: number;
  maxCostRatio: number;
  /** Notional unit cost of the threat's class and the USD value at risk (Σ valueUsd · P(hit) · lethality). */
  threatCost: number;
  valueUsdAtRisk: number;
  /** The engagement's Pk. */
  pk: number;
  /**
   * The best cheaper battery that can still engage: its kill probability over the engagements it
   * can still fit in its window (null if none).
   */
  cheaperPk: number | null;
  cheaperBattery?: string;
  /** Engagements the cheaper battery can still fit (shown in the reason; default 1). */
  cheaperEngagements?: number;
}

/**
 * Cost awareness (NOTIONAL rule, docs "Cost awareness"):
 * 1. one interceptor's cost ≤ ratio × threat cost → allowed.
 * 2. A cheaper layer can still engage → skip, unless the asset at risk justifies the expensive
 *    shot: its expected saving over the cheaper layer alone, pk · (1 − pk_cheaper) · valueUsdAtRisk,
 *    is at least cost / ratio. pk_cheaper is the cheaper layer's kill probability over all the
 *    engagements it can still fit (shoot-look-shoot), 1 − (1 − p)ⁿ, not one shot's.
 * 3. No cheaper layer → allowed if cost ≤ ratio × max(threat cost, valueUsdAtRisk) (scenario.md:
 *    "the USD value at risk (asset valueUsd, else the threat's unit cost)").
 */
export function costCheck(c: CostCheckInput): { allowed: boolean; why: string } {
  const usd = (x: number) => `$${x >= 1e6 ? (x / 1e6).toFixed(2) + 'M' : (x / 1e3).toFixed(0) + 'k'}`;
  // Rule 1 compares ONE interceptor with the threat: a two-round salvo on a ballistic missile is a
  // kill-probability choice of the fire doctrine, not a sign that the threat is too cheap to shoot.
  if ((c.shotCost ?? c.engagementCost) <= c.maxCostRatio * c.threatCost) return { allowed: true, why: '' };
  if (c.cheaperPk !== null) {
    const k = c.cheaperEngagements ?? 1;
    const layer = k > 1 ? ` in ${k} engagements, Pk ${c.cheaperPk.toFixed(2)}` : '';
    const saving = c.pk * (1 - c.cheaperPk) * c.valueUsdAtRisk;
    if (saving >= c.engagementCost / c.maxCostRatio) {
      return { allowed: true, why: `cost ${usd(c.engagementCost)} justified by the asset at risk (expected saving ${usd(saving)} over ${c.cheaperBattery}${layer})` };
    }
    return {
      allowed: false,
      why: `cost-aware: ${usd(c.engagementCost)} > ${c.maxCostRatio} × threat cost ${usd(c.threatCost)} and cheaper layer ${c.cheaperBattery} can engage (expected saving ${usd(saving)} over it${layer} does not justify it)`,
    };
  }
  const cap = c.maxCostRatio * Math.max(c.threatCost, c.valueUsdAtRisk);
  if (c.engagementCost <= cap) return { allowed: true, why: '' };
  return { allowed: false, why: `cost-aware: ${usd(c.engagementCost)} > ${c.maxCostRatio} × value at risk ${usd(Math.max(c.threatCost, c.valueUsdAtRisk))}` };
}
