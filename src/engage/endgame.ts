/**
 * Endgame: probability that an interceptor passing the target at a given miss distance kills it,
 * and the kill-assessment timing. NOTIONAL, documented in docs/models/battle-management.md
 * "Endgame, kill assessment, cost".
 *
 * Damage function (the Carleton form generalised, Ball, "The Fundamentals of Aircraft Combat
 * Survivability Analysis and Design", 2nd ed., ch. 4; Przemieniecki, "Mathematical Methods in
 * Defense Analyses", §5):
 *
 *   Pk(m) = R · V(class) · exp(−(m / r_L)^n)
 *
 * m the miss distance (m), r_L the lethal radius, R the reliability of fuze/warhead/kill vehicle,
 * V(class) the vulnerability of the target class. Exponent n = 2 is Carleton's Gaussian fall-off
 * (blast-fragmentation, gun bursts); hit-to-kill has no warhead: a body-to-body hit is needed, so
 * n = 8 with r_L = 0.5 m (Pk ≈ R·V within ~0.4 m, ≈ 0 beyond ~0.7 m: "steep beyond ~0.5 m").
 * Blast-fragmentation lethal radius grows with the missile: r_L = 10 m below 500 kg notional launch
 * mass class (≤ 1200 m/s burnout), 20 m above (PAC-2-class warheads, ~90 kg); guns 2 m per burst.
 */
import type { KillMechanism } from '../scenario/types.js';
import type { TargetClass } from '../track/picture.js';

/** Fields of a resolved interceptor type the endgame uses. */
export interface EndgameInterceptor {
  id: string;
  kill: KillMechanism;
  maxSpeed: number;
  /** Optional override of the notional lethal radius (m). */
  lethalRadius?: number;
}

/** Notional reliability of fuze, warhead or kill vehicle. */
export const ENDGAME_RELIABILITY = 0.95;

/** Notional vulnerability (probability a lethal-zone hit destroys it) per target class. */
export const CLASS_VULNERABILITY: Readonly<Record<TargetClass, number>> = Object.freeze({
  ballistic: 0.9, // heavy re-entry vehicle: a hit may not destroy the warhead (body-to-body needed)
  glide: 0.9,
  cruise: 1.0,
  drone: 1.0,
  aircraft: 0.9,
  unknown: 0.9,
});

/** Lethal radius (m) and exponent of the damage function for an interceptor. */
export function lethalZone(interceptor: EndgameInterceptor): { radius: number; exponent: number } {
  if (interceptor.kill === 'hit-to-kill') return { radius: interceptor.lethalRadius ?? 0.5, exponent: 8 };
  if (interceptor.kill === 'gun') return { radius: interceptor.lethalRadius ?? 2, exponent: 2 };
  return { radius: interceptor.lethalRadius ?? (interceptor.maxSpeed > 1200 ? 20 : 10), exponent: 2 };
}

/** Pk of one interceptor passing the target at `missDistance` (m). See the header. */
export function endgamePk(
  missDistance: number, kill: KillMechanism, interceptor: EndgameInterceptor, targetClass: TargetClass,
): number {
  const { radius, exponent } = lethalZone({ ...interceptor, kill });
  const m = Math.max(0, missDistance);
  return ENDGAME_RELIABILITY * CLASS_VULNERABILITY[targetClass] * Math.exp(-((m / radius) ** exponent));
}

/** Time at which the outcome of an intercept at `interceptTime` becomes known. */
export function killAssessmentTime(interceptTime: number, killAssessmentDelay: number): number {
  return interceptTime + Math.max(0, killAssessmentDelay);
}
