/**
 * Noise jamming of radars: stand-off jammers (SOJ, usually in the radar's sidelobes) and
 * self-protection jammers (SPJ, carried by the target, in the main beam). Equations and sources:
 * docs/models/sensors.md ("Jamming").
 *
 * Received jamming power (one-way path; Skolnik, "Introduction to Radar Systems", 3rd ed., 2001,
 * electronic counter-countermeasures chapter; Schleher, "Electronic Warfare in the Information Age", 1999, ch. 3; Adamy, "EW 101", ch. 9):
 *     J = ERP_j · G_r(ψ) · λ² / ((4π)² · R_j² · L_j) · min(1, B_r / B_j)
 * where ERP_j = P_j·G_j is the jammer's effective radiated power toward the radar, G_r(ψ) the
 * radar's receive gain in the jammer's direction (ψ off the beam axis), B_r the radar's and B_j
 * the jammer's noise bandwidth (barrage noise spread wider than the receiver is partly wasted).
 * Receiver noise N = k·T₀·F·B_r, so
 *     J/N = ERP_j · G_r(ψ) · λ² / ((4π)² · R_j² · L_j · k·T₀·F · max(B_r, B_j)).
 * The signal follows the two-way radar equation S ∝ R⁻⁴ while J ∝ R_j⁻² (one way), so the
 * signal-to-jamming-plus-noise ratio SJNR = S/(N + J) = SNR/(1 + J/N) recovers as the target
 * closes: the burn-through range is where SJNR reaches the detection requirement — it emerges from
 * these equations, nothing sets it.
 *
 * Antenna pattern (notional): a Gaussian main lobe G(ψ)/G = exp(−4 ln 2 · (ψ/θ₃)²), floored at
 * a constant average sidelobe level (default −30 dB), a common simple model (the Gaussian
 * approximation of the main lobe, e.g. Barton, "Radar System Analysis and Modeling", 2005).
 * CFAR processing keeps the false-alarm rate constant under jamming (the threshold rides on the
 * raised noise), so jamming lowers Pd but does not add false alarms.
 */

/** Boltzmann constant, J/K (SI 2019 exact value). */
export const BOLTZMANN = 1.380649e-23;
/** Speed of light in vacuum, m/s (exact). */
export const SPEED_OF_LIGHT = 299_792_458;
const FOUR_PI = 4 * Math.PI;
const FOUR_LN2 = 4 * Math.LN2;

/**
 * Relative power gain G(ψ)/G_max of a Gaussian main lobe with 3 dB beamwidth θ₃ (rad), floored at
 * the average sidelobe level `sidelobeDb` (dB, negative). ψ is the angle off the beam axis (rad).
 */
export function beamPatternGain(offAxis: number, beamwidth: number, sidelobeDb = -30): number {
  const floor = Math.pow(10, sidelobeDb / 10);
  const x = offAxis / beamwidth;
  const g = Math.exp(-FOUR_LN2 * x * x);
  return g > floor ? g : floor;
}

export interface JammingGeometry {
  /** Jammer effective radiated power toward the radar, W. */
  erp: number;
  /** Jammer noise bandwidth, Hz. */
  jammerBandwidth: number;
  /** Jammer-to-radar distance, m. */
  range: number;
  /** Radar carrier frequency, Hz. */
  frequency: number;
  /** Radar receive gain toward the jammer (linear, main-lobe gain × pattern). */
  receiveGain: number;
  /** Radar receiver noise bandwidth, Hz. */
  receiverBandwidth: number;
  /** Noise figure (linear) and reference temperature (K): N = k·T₀·F·B_r. */
  noiseFigure: number;
  noiseTemperature: number;
  /** One-way losses on the jamming path (linear ≥ 1), default 1. */
  losses?: number;
}

/** Jamming-to-noise ratio J/N (linear) at the radar receiver (see the file header). */
export function jammingToNoise(g: JammingGeometry): number {
  const lambda = SPEED_OF_LIGHT / g.frequency;
  const j = (g.erp * g.receiveGain * lambda * lambda) / (FOUR_PI * FOUR_PI * g.range * g.range * (g.losses ?? 1));
  const jInBand = j * Math.min(1, g.receiverBandwidth / g.jammerBandwidth);
  const n = BOLTZMANN * g.noiseTemperature * g.noiseFigure * g.receiverBandwidth;
  return jInBand / n;
}

/**
 * Jamming-to-signal ratio of a main-beam self-protection jammer on a target of RCS σ at range R.
 * Dividing J = ERP_j·G_r·λ²/((4π)²R²)·(B_r/B_j) by S = P_t·G_t·G_r·λ²·σ/((4π)³R⁴):
 *     J/S = (ERP_j / (P_t·G_t)) · (4π·R² / σ) · min(1, B_r/B_j)
 * with the radar's transmit ERP P_t·G_t (W); losses taken equal on both paths.
 */
export function selfScreeningJammingToSignal(p: {
  jammerErp: number;
  radarErp: number;
  rcs: number;
  range: number;
  receiverBandwidth: number;
  jammerBandwidth: number;
}): number {
  return ((p.jammerErp / p.radarErp) * (FOUR_PI * p.range * p.range)) / p.rcs * Math.min(1, p.receiverBandwidth / p.jammerBandwidth);
}

/**
 * Self-screening burn-through range (m): the range at which a main-beam self-protection jammer's
 * target reaches SJNR = `requiredSnr` (linear), for a radar whose unjammed SNR is
 * SNR(R) = snrConstant·σ/R⁴ and whose main-beam J/N from the jammer is jnConstant/R²:
 *     snrConstant·σ/R⁴ = X·(1 + jnConstant/R²)   ⇒   with u = R²:  X·u² + X·jn·u − C·σ = 0,
 *     u = (−X·jn + √(X²·jn² + 4·X·C·σ)) / (2X).
 * Without jamming (jn = 0) this is the free-space detection range (C·σ/X)^{1/4}.
 */
export function burnThroughRange(p: { snrConstant: number; rcs: number; jnConstant: number; requiredSnr: number }): number {
  const X = p.requiredSnr;
  const jn = p.jnConstant;
  const cs = p.snrConstant * p.rcs;
  const u = (-X * jn + Math.sqrt(X * X * jn * jn + 4 * X * cs)) / (2 * X);
  return Math.sqrt(u);
}

/** A noise jammer as the radar sees it at one instant (the suite builds these from the scenario). */
export interface JammerEmitter {
  id: string;
  force: string;
  kind: 'stand-off' | 'self-protection';
  /** ECEF position, m. */
  position: ArrayLike<number>;
  /** Effective radiated power toward the radar, W. */
  erp: number;
  /** Centre frequency and noise bandwidth, Hz. */
  frequency: number;
  bandwidth: number;
  /** Sensor ids aimed at; empty = every non-allied radar whose band it covers. */
  targets: readonly string[];
  /** Self-protection: id of the flyer carrying the jammer (scoring only, like truthId). */
  carrier?: string;
}

/**
 * Whether a jammer works against a radar: hostile forces only; a jammer with a target list jams
 * exactly those sensors; otherwise every radar whose passband [f − B_r/2, f + B_r/2] overlaps
 * the jammer's [f_j − B_j/2, f_j + B_j/2].
 */
export function jammerAffects(
  jammer: JammerEmitter,
  radar: { id: string; frequency: number; bandwidth: number; friendlyForces: ReadonlySet<string> },
): boolean {
  if (radar.friendlyForces.has(jammer.force)) return false;
  if (jammer.targets.length > 0) return jammer.targets.includes(radar.id);
  return Math.abs(radar.frequency - jammer.frequency) <= (radar.bandwidth + jammer.bandwidth) / 2;
}
