/**
 * Terminal seekers of interceptors (NOTIONAL): by kill mechanism, and the long-range seekers of
 * exo-atmospheric kill vehicles by interceptor model. The World's engagement stage flies them
 * (sim/engagement.ts: acquisition, homing, seeker error); the planner reads them for the handover
 * a kill vehicle can take (decide/planner.ts, firm track).
 */
/**
 * Notional terminal seekers by kill mechanism: acquisition range (m) and 1σ per-axis error of the
 * seeker's estimate of the target's position (m). Hit-to-kill seekers must resolve the body.
 */
export const SEEKERS: Readonly<Record<string, { acquisitionRange: number; sigma: number }>> = {
  'hit-to-kill': { acquisitionRange: 20_000, sigma: 0.15 },
  'blast-fragmentation': { acquisitionRange: 10_000, sigma: 2 },
  gun: { acquisitionRange: 0, sigma: 0 },
};

/**
 * Seekers of exo-atmospheric kill vehicles, by interceptor model (the built-in catalog type a
 * battery's interceptor derives from), where the kill-mechanism default above is wrong. GMD's EKV
 * and SM-3's kinetic warhead carry long-wave infrared seekers that acquire a warhead-sized body
 * against the cold space background at hundreds of km (public descriptions); the ranges here are
 * NOTIONAL order-of-magnitude figures: 300 km for the GBI's kill vehicle (~54 s before intercept at
 * the ~5.6 km/s closing of icbm-early-warning), 200 km for SM-3 Block IIA. Accuracy (sigma) stays the
 * mechanism's. A kill vehicle with such a seeker homes on what it sees from acquisition on
 * (flight/interceptor.ts `seekerLock`: terminal PN, divert normal to the line of sight) and keeps the
 * object once acquired. Every other type keeps `SEEKERS[kill]` exactly.
 */
export const KILL_VEHICLE_SEEKERS: Readonly<Record<string, { acquisitionRange: number }>> = {
  'gmd-gbi': { acquisitionRange: 300_000 },
  'sm3-2a': { acquisitionRange: 200_000 },
};

/** The seeker of an interceptor type: its model's kill-vehicle seeker if it has one, else its mechanism's. */
export function seekerOf(t: { model: string; kill: string }): {
  acquisitionRange: number; sigma: number; homesOnAcquisition: boolean;
} {
  const base = SEEKERS[t.kill]!;
  const kv = KILL_VEHICLE_SEEKERS[t.model];
  return kv
    ? { acquisitionRange: kv.acquisitionRange, sigma: base.sigma, homesOnAcquisition: true }
    : { acquisitionRange: base.acquisitionRange, sigma: base.sigma, homesOnAcquisition: false };
}

