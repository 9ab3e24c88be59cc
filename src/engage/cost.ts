/**
 * Cost ledger: interceptors spent by type and force with their cost, the attacker's cost (the
 * threats launched), the cost-exchange ratio and who pays (burden sharing).
 *
 * Burden sharing: a force's `funding` entry {force: G, share: s} means it pays the share s of G's
 * interceptor costs (scenario.md "forces"). G itself pays 1 − Σ s over all its payers (the loader
 * guarantees Σ s ≤ 1). So for each force F:
 *   paid(F) = (1 − Σ_{payers P of F} s_PF) · cost(F) + Σ_{G funded by F} s_FG · cost(G).
 * Σ paid = Σ cost (nothing is lost or double-counted).
 *
 * Cost-exchange ratio: defender's interceptor cost / attacker's cost of the threats launched
 * (> 1: the defence spends more than the attack). A type whose unit cost is not public (null) is
 * counted but costs 0; it is listed in `unpricedTypes` so a report can say so.
 */
export interface FundingSpec {
  force: string;
  share: number;
}

export interface LedgerForce {
  id: string;
  funding: readonly FundingSpec[];
}

export interface SpendLine {
  force: string;
  type: string;
  count: number;
  /** USD. */
  cost: number;
}

export class CostLedger {
  private readonly forces: Map<string, LedgerForce>;
  private readonly spent = new Map<string, SpendLine>();
  private readonly attacks = new Map<string, SpendLine>();
  readonly unpricedTypes = new Set<string>();

  constructor(forces: readonly LedgerForce[]) {
    this.forces = new Map(forces.map((f) => [f.id, f]));
  }

  private add(map: Map<string, SpendLine>, force: string, type: string, unitCost: number | null, count: number): void {
    if (!(count >= 0)) throw new RangeError(`cost ledger: count must be ≥ 0, got ${count}`);
    if (unitCost === null) this.unpricedTypes.add(type);
    const key = `${force}\u0000${type}`;
    const line = map.get(key) ?? { force, type, count: 0, cost: 0 };
    line.count += count;
    line.cost += (unitCost ?? 0) * count;
    map.set(key, line);
  }

  /** `count` interceptors (or rounds) of `type` at `unitCost` USD each spent by `force`. */
  recordInterceptors(force: string, type: string, unitCost: number | null, count = 1): void {
    this.add(this.spent, force, type, unitCost, count);
  }

  /** A threat of `type` launched by the attacking `force` at `unitCost` USD. */
  recordThreat(force: string, type: string, unitCost: number | null, count = 1): void {
    this.add(this.attacks, force, type, unitCost, count);
  }

  /** Interceptors spent, by force and type. */
  interceptorLines(): SpendLine[] {
    return [...this.spent.values()].map((l) => ({ ...l }));
  }

  /** Threats launched, by force and type. */
  threatLines(): SpendLine[] {
    return [...this.attacks.values()].map((l) => ({ ...l }));
  }

  /** Interceptor cost incurred by a force's own batteries (USD). */
  interceptorCost(force?: string): number {
    let s = 0;
    for (const l of this.spent.values()) if (force === undefined || l.force === force) s += l.cost;
    return s;
  }

  /** Attacker's cost of the threats launched (by one force, or all). */
  attackerCost(force?: string): number {
    let s = 0;
    for (const l of this.attacks.values()) if (force === undefined || l.force === force) s += l.cost;
    return s;
  }

  /** Share of `force`'s interceptor costs paid by others. */
  private fundedShare(force: string): number {
    let s = 0;
    for (const f of this.forces.values()) for (const e of f.funding) if (e.force === force) s += e.share;
    return Math.min(1, s);
  }

  /** What `force` pays (USD) for interceptors after burden sharing (see the header). */
  paidBy(force: string): number {
    let paid = (1 - this.fundedShare(force)) * this.interceptorCost(force);
    const f = this.forces.get(force);
    if (f) for (const e of f.funding) paid += e.share * this.interceptorCost(e.force);
    return paid;
  }

  /** Cost-exchange ratio: interceptor cost (of the given defending forces, or all) / attacker cost. */
  costExchangeRatio(defenders?: readonly string[], attackers?: readonly string[]): number {
    const d = defenders ? defenders.reduce((a, f) => a + this.interceptorCost(f), 0) : this.interceptorCost();
    const a = attackers ? attackers.reduce((s, f) => s + this.attackerCost(f), 0) : this.attackerCost();
    return a > 0 ? d / a : d > 0 ? Infinity : 0;
  }
}
