/**
 * Battery bookkeeping: launchers, loaded rounds, reload stock and timers, launch interval, shots
 * fired by interceptor type. The World calls `launch` when it executes an order; the battle manager
 * reads `readiness(t)` (decide/ `BatteryReadiness`) each decision cycle.
 *
 * Model (notional, docs/models/battle-management.md "Endgame, kill assessment, cost"):
 * - `launchers` launchers, each loaded with up to `interceptorsPerLauncher` rounds at the start
 *   (filled in order until `inventory` is exhausted); the rest of `inventory` is reload stock.
 * - A shot expends `roundsPerShot` rounds (1 for a missile, a burst of 30 for a gun) from one
 *   launcher holding at least that many; launches of one battery are at least `launchInterval` apart.
 * - When a launcher can no longer fire a shot and stock remains, it is reloaded (to full, or with
 *   what is left) `reloadTime` s after its last launch; one launcher at a time is not enforced
 *   (each launcher has its own crew). `reloadTime` null: no reloading during the run.
 */
import type { BatteryReadiness } from '../decide/types.js';

/** The fields of a resolved scenario `Battery` this bookkeeping needs. */
export interface BatterySpec {
  id: string;
  launchers: number;
  interceptorsPerLauncher: number;
  inventory: number;
  reloadTime: number | null;
  interceptor: { id: string; launchInterval: number; roundsPerShot: number; unitCost: number | null };
}

export class BatteryState {
  readonly id: string;
  readonly interceptorId: string;
  readonly roundsPerShot: number;
  readonly launchInterval: number;
  readonly reloadTime: number | null;
  readonly capacity: number;
  /** Rounds loaded on each launcher. */
  readonly loaded: number[];
  /** Time each launcher's reload completes (NaN: none pending). */
  readonly reloadAt: number[];
  /** Rounds in reload stock (not on a launcher). */
  stock: number;
  readonly initialRounds: number;
  lastLaunch = -Infinity;
  /** Shots and rounds fired so far. */
  shotsFired = 0;
  roundsFired = 0;

  constructor(spec: BatterySpec) {
    this.id = spec.id;
    this.interceptorId = spec.interceptor.id;
    this.roundsPerShot = Math.max(1, spec.interceptor.roundsPerShot);
    this.launchInterval = Math.max(0, spec.interceptor.launchInterval);
    this.reloadTime = spec.reloadTime;
    this.capacity = spec.interceptorsPerLauncher;
    let left = spec.inventory;
    this.loaded = [];
    this.reloadAt = [];
    for (let i = 0; i < spec.launchers; i++) {
      const n = Math.min(this.capacity, left);
      this.loaded.push(n);
      this.reloadAt.push(NaN);
      left -= n;
    }
    this.stock = left;
    this.initialRounds = spec.inventory;
  }

  /** Completes reloads due by time t. */
  update(t: number): void {
    for (let i = 0; i < this.loaded.length; i++) {
      if (this.reloadAt[i] <= t) {
        const n = Math.min(this.capacity - this.loaded[i], this.stock);
        this.loaded[i] += n;
        this.stock -= n;
        this.reloadAt[i] = NaN;
      }
    }
  }

  /** Rounds loaded on launchers (after reloads due by the last update). */
  get loadedRounds(): number {
    return this.loaded.reduce((a, b) => a + b, 0);
  }

  /** Total rounds left (loaded + stock). */
  get rounds(): number {
    return this.loadedRounds + this.stock;
  }

  private launcherFor(): number {
    let best = -1;
    for (let i = 0; i < this.loaded.length; i++) {
      if (this.loaded[i] >= this.roundsPerShot && (best < 0 || this.loaded[i] > this.loaded[best])) best = i;
    }
    return best;
  }

  /** True if a shot can leave at time t (a loaded launcher and the launch interval respected). */
  canLaunch(t: number): boolean {
    this.update(t);
    return t >= this.lastLaunch + this.launchInterval - 1e-9 && this.launcherFor() >= 0;
  }

  /** Fires one shot at time t; throws if it cannot (the World must check `canLaunch`). */
  launch(t: number): { launcher: number; rounds: number } {
    if (!this.canLaunch(t)) {
      throw new Error(`battery ${this.id}: cannot launch at t=${t} (interval or no loaded launcher)`);
    }
    const i = this.launcherFor();
    this.loaded[i] -= this.roundsPerShot;
    this.lastLaunch = t;
    this.shotsFired++;
    this.roundsFired += this.roundsPerShot;
    if (this.loaded[i] < this.roundsPerShot && this.stock > 0 && this.reloadTime !== null && Number.isNaN(this.reloadAt[i])) {
      this.reloadAt[i] = t + this.reloadTime;
    }
    return { launcher: i, rounds: this.roundsPerShot };
  }

  /** What the battle manager may know about this battery at time t (decide/ `BatteryReadiness`). */
  readiness(t: number): BatteryReadiness {
    this.update(t);
    const rps = this.roundsPerShot;
    let loadedShots = 0;
    for (const n of this.loaded) loadedShots += Math.floor(n / rps);
    let next = Math.max(t, this.lastLaunch + this.launchInterval);
    if (loadedShots === 0) {
      const pending = this.reloadAt.filter((x) => !Number.isNaN(x));
      next = pending.length > 0 ? Math.max(next, Math.min(...pending)) : Infinity;
    }
    return {
      battery: this.id,
      loadedShots,
      inventoryShots: Math.floor(this.rounds / rps),
      initialShots: Math.floor(this.initialRounds / rps),
      nextLaunchTime: next,
    };
  }
}
