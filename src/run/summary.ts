/**
 * The end-of-run summary, computed from the World after the run (never from wall-clock state, so it
 * is deterministic except for the `performance` block).
 */
import { isEnergy, type World } from '../sim/world.js';
import { SensingStage } from '../sim/sensing.js';
import type { SiapMeasures } from '../track/siap.js';

export interface ClassCount {
  launched: number;
  impacted: number;
  destroyed: number;
  inFlight: number;
  notLaunched: number;
}

export interface RunSummary {
  scenario: string;
  seed: number;
  simulatedSeconds: number;
  ticks: number;
  stages: string[];
  threats: { total: number; byClass: Record<string, ClassCount> };
  /** Σ unit cost of the launched threats whose cost is public (USD). */
  attackerCostUsd: number;
  /** Launched threats of types with no public unit cost (not in attackerCostUsd), by type. */
  unpricedThreats: { type: string; count: number }[];
  assets: { id: string; kind: string; force: string; damage: number }[];
  power: { force: string; nominalMW: number; finalMW: number; minimumMW: number }[];
  /** Battle results: engagements, shots, intercepts, interceptors spent and who pays. */
  defense?: {
    engagements: number;
    shots: number;
    kills: number;
    misses: number;
    wastedOnFalseTracks: number;
    /** Interceptors that self-destructed because their target was already gone. */
    targetGone: number;
    interceptors: { force: string; type: string; count: number; costUsd: number }[];
    interceptorCostUsd: number;
    paidBy: { force: string; usd: number }[];
    /**
     * Interceptor cost / attacker cost of the launched threats; null when it cannot be stated —
     * no threat launched, or a launched threat has no public cost (the ratio would be overstated).
     */
    costExchangeRatio: number | null;
    /** Each force's picture against truth: mean GOSPA (c = 1 km, p = 1) and its parts, m. */
    picture: {
      force: string; samples: number; meanGospa: number; localisation: number; missed: number; false: number;
      siap: PictureSiap;
    }[];
  };
  /**
   * Data links between allied forces: messages delivered, track reports carried, mean latency (s),
   * messages sent and lost (all links), and the same counts per directed link.
   */
  dataLinks?: {
    messages: number; tracksShared: number; meanLatency: number; sent: number; lost: number;
    links: { from: string; to: string; sent: number; delivered: number; lost: number }[];
  };
  /** "How much warning": per threat, launch → first detection → launch report → impact (s). */
  earlyWarning?: WarningLine[];
  /** Sensor activity: scans/frames, detections and false alarms per sensor. */
  sensors?: { id: string; scans: number; detections: number; falseAlarms: number }[];
  recording?: string;
  performance?: { wallSeconds: number; ticksPerSecond: number; realTimeFactor: number };
}

export interface WarningLine {
  threat: string;
  class: string;
  launch: number;
  firstDetection: number | null;
  firstSensor: string | null;
  launchReport: number | null;
  /** First radar detection (s) and whether it came from a cued dwell (space-IR cue). */
  firstRadarDetection: number | null;
  firstRadarCued: boolean | null;
  firstTrack: number | null;
  impact: number | null;
  /** Intercept time, if it was destroyed. */
  destroyed: number | null;
  /** Time from first detection to the threat's end (impact or intercept), s: the warning the
   *  defense had and used. */
  warning: number | null;
}

export function summarize(world: World, scenarioName: string, seed: number, minimumPower: Map<string, number>): RunSummary {
  const byClass: Record<string, ClassCount> = {};
  let attackerCost = 0;
  const unpriced = new Map<string, number>();
  for (const threat of world.setup.threats) {
    const o = world.outcomes.get(threat.id)!;
    const c = (byClass[o.class] ??= { launched: 0, impacted: 0, destroyed: 0, inFlight: 0, notLaunched: 0 });
    if (o.launched) {
      c.launched++;
      if (threat.unitCost === null) unpriced.set(threat.threatType, (unpriced.get(threat.threatType) ?? 0) + 1);
      else attackerCost += threat.unitCost;
    } else c.notLaunched++;
    if (o.status === 'impact') c.impacted++;
    else if (o.status === 'destroyed') c.destroyed++;
    else if (o.status === 'flying') c.inFlight++;
  }
  const stages = ['flight'];
  if (world.setup.sense) stages.push('sense');
  const eng = world.setup.engagement;
  if (eng) stages.push('track', 'decide', 'engage');
  const forces = [...new Set(world.assets.filter(isEnergy).map((a) => a.force))].sort();
  const sense = world.setup.sense;
  let earlyWarning: WarningLine[] | undefined;
  if (sense instanceof SensingStage) {
    earlyWarning = world.setup.threats
      .filter((th) => world.outcomes.get(th.id)!.launched)
      .map((th) => {
        const o = world.outcomes.get(th.id)!;
        const m = sense.milestones.get(th.id) ?? {};
        const end = o.impactTime ?? o.destroyedTime ?? null;
        return {
          threat: th.id,
          class: th.class,
          launch: th.launchTime,
          firstDetection: m.firstDetection?.t ?? null,
          firstSensor: m.firstDetection?.sensor ?? null,
          launchReport: m.launchReport?.t ?? null,
          firstRadarDetection: m.firstRadarDetection?.t ?? null,
          firstRadarCued: m.firstRadarDetection ? m.firstRadarDetection.cued : null,
          firstTrack: m.firstTrack?.t ?? null,
          impact: o.impactTime ?? null,
          destroyed: o.destroyedTime ?? null,
          warning: m.firstDetection && end !== null ? round(end - m.firstDetection.t, 3) : null,
        };
      });
  }
  let defense: RunSummary['defense'];
  if (eng) {
    const lines = eng.ledger.interceptorLines().sort((a, b) => a.force.localeCompare(b.force) || a.type.localeCompare(b.type));
    const payers = world.setup.header.forces.map((f) => ({ force: f.id, usd: eng.ledger.paidBy(f.id) })).filter((p) => p.usd > 0);
    defense = {
      engagements: eng.tally.engagements,
      shots: eng.tally.shots,
      kills: eng.tally.kills,
      misses: eng.tally.misses,
      wastedOnFalseTracks: eng.tally.wasted,
      targetGone: eng.tally.targetGone,
      interceptors: lines.map((l) => ({ force: l.force, type: l.type, count: l.count, costUsd: l.cost })),
      interceptorCostUsd: eng.ledger.interceptorCost(),
      paidBy: payers,
      costExchangeRatio: attackerCost > 0 && unpriced.size === 0 ? round(eng.ledger.interceptorCost() / attackerCost, 4) : null,
      picture: [...eng.scores.values()].map((x) => ({
        force: x.force,
        samples: x.samples,
        meanGospa: round(x.gospa / x.samples, 3),
        localisation: round(x.localisation / x.samples, 3),
        missed: round(x.missed / x.samples, 3),
        false: round(x.false / x.samples, 3),
        siap: siapSummary(x.siap.result()),
      })),
    };
  }
  return {
    scenario: scenarioName,
    ...(defense ? { defense } : {}),
    seed,
    simulatedSeconds: world.time,
    ticks: world.ticks,
    stages,
    threats: { total: world.setup.threats.length, byClass },
    attackerCostUsd: attackerCost,
    unpricedThreats: [...unpriced].sort((a, b) => a[0].localeCompare(b[0])).map(([type, count]) => ({ type, count })),
    ...(eng && eng.dataLink.stats.sent > 0
      ? {
          dataLinks: {
            messages: eng.dataLink.stats.messages,
            tracksShared: eng.dataLink.stats.tracks,
            meanLatency: eng.dataLink.stats.messages > 0 ? round(eng.dataLink.stats.latency / eng.dataLink.stats.messages, 6) : 0,
            sent: eng.dataLink.stats.sent,
            lost: eng.dataLink.stats.lost,
            links: eng.dataLink.allLinkCounts(),
          },
        }
      : {}),
    ...(earlyWarning ? { earlyWarning } : {}),
    ...(world.sensorTally.size > 0 ? { sensors: [...world.sensorTally].map(([id, v]) => ({ id, ...v })) } : {}),
    assets: world.assets.map((a) => ({ id: a.id, kind: a.kind, force: a.force, damage: round(a.damage, 4) })),
    power: forces.map((force) => {
      const p = world.powerServed(force);
      return { force, nominalMW: p.nominal, finalMW: round(p.total, 3), minimumMW: round(minimumPower.get(force) ?? p.total, 3) };
    }),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A terse human-readable rendering of the summary. */
export function formatSummary(s: RunSummary): string {
  const lines: string[] = [];
  lines.push(`Scenario: ${s.scenario}   seed ${s.seed}   ${s.simulatedSeconds.toFixed(0)} s simulated in ${s.ticks} ticks`);
  lines.push(`Stages played: ${s.stages.join(' → ')}`);
  lines.push('');
  lines.push('Threats        launched  leaked (impact)  destroyed  in flight  not launched');
  for (const [cls, c] of Object.entries(s.threats.byClass).sort()) {
    lines.push(
      `  ${cls.padEnd(12)} ${String(c.launched).padStart(8)}  ${String(c.impacted).padStart(15)}  ${String(c.destroyed).padStart(9)}  ${String(c.inFlight).padStart(9)}  ${String(c.notLaunched).padStart(12)}`,
    );
  }
  const unpricedText = s.unpricedThreats.map((u) => `${u.type} ×${u.count}`).join(', ');
  lines.push(
    `Attacker cost of launched threats: $${(s.attackerCostUsd / 1e6).toFixed(2)}M (notional)` +
      (unpricedText ? `; no public unit cost for ${unpricedText} (not counted)` : ''),
  );
  if (s.defense) {
    const d = s.defense;
    lines.push('');
    lines.push(
      `Defense: ${d.engagements} engagements, ${d.shots} shots: ${d.kills} kills, ${d.misses} misses, ${d.targetGone} target already gone` +
        (d.wastedOnFalseTracks ? `, ${d.wastedOnFalseTracks} at false tracks` : ''),
    );
    for (const l of d.interceptors) lines.push(`  ${l.force.padEnd(12)} ${l.type.padEnd(20)} ${String(l.count).padStart(5)} spent  $${(l.costUsd / 1e6).toFixed(2)}M`);
    lines.push(`  interceptor cost $${(d.interceptorCostUsd / 1e6).toFixed(2)}M; cost-exchange ratio ${d.costExchangeRatio === null ? (unpricedText ? 'n/a (attacker cost incomplete)' : 'n/a (no threat launched)') : d.costExchangeRatio.toFixed(2)} (defender $ per attacker $)`);
    for (const p of d.paidBy) lines.push(`  paid by ${p.force}: $${(p.usd / 1e6).toFixed(2)}M`);
    for (const p of d.picture) {
      lines.push(
        `  picture ${p.force}: mean GOSPA ${p.meanGospa.toFixed(0)} m (c = 1 km, p = 1): localisation ${p.localisation.toFixed(0)}, missed ${p.missed.toFixed(0)}, false ${p.false.toFixed(0)}`,
      );
      const q = p.siap;
      lines.push(
        `  SIAP ${p.force}: completeness ${q.completeness.toFixed(2)}, ambiguity ${q.ambiguity.toFixed(2)}, spuriousness ${q.spuriousness.toFixed(2)}, ` +
          `accuracy ${q.positionAccuracy.toFixed(0)} m, track breaks ${q.breaks}, id swaps ${q.swaps}`,
      );
    }
  }
  if (s.dataLinks) {
    lines.push(`Data links: ${s.dataLinks.messages} messages, ${s.dataLinks.tracksShared} track reports shared, mean latency ${s.dataLinks.meanLatency.toFixed(1)} s`);
    if (s.dataLinks.lost > 0) {
      lines.push(`  lost ${s.dataLinks.lost} of ${s.dataLinks.sent} messages sent (${((100 * s.dataLinks.lost) / s.dataLinks.sent).toFixed(1)}%): ` +
        s.dataLinks.links.map((l) => `${l.from}→${l.to} ${l.lost}/${l.sent}`).join(', '));
    }
  }
  if (s.earlyWarning && s.earlyWarning.length > 0) {
    lines.push('');
    lines.push('Early warning (s after epoch)   launch  1st detection (sensor)        launch report  1st track  impact/K  warning');
    const shown = s.earlyWarning.filter((w) => w.class === 'ballistic' || w.class === 'glide').slice(0, 12);
    const rest = s.earlyWarning.filter((w) => !shown.includes(w));
    const f = (x: number | null, w: number) => (x === null ? '—' : x.toFixed(0)).padStart(w);
    for (const w of shown) {
      const det = w.firstDetection === null ? '—'.padStart(6) + ' '.repeat(23) : `${f(w.firstDetection, 6)} (${(w.firstSensor ?? '').slice(0, 20)})`.padEnd(29);
      const end = w.impact !== null ? f(w.impact, 7) : w.destroyed !== null ? `${w.destroyed.toFixed(0)}K`.padStart(7) : f(null, 7);
      lines.push(`  ${w.threat.slice(0, 26).padEnd(26)} ${f(w.launch, 8)}  ${det} ${f(w.launchReport, 12)} ${f(w.firstTrack, 10)} ${end} ${f(w.warning, 9)}`);
    }
    if (shown.some((w) => w.impact === null && w.destroyed !== null)) lines.push('  (nnnK: destroyed by an intercept at that time)');
    const byClass = new Map<string, WarningLine[]>();
    for (const w of rest) {
      const list = byClass.get(w.class) ?? [];
      list.push(w);
      byClass.set(w.class, list);
    }
    for (const [cls, ws] of byClass) {
      const detected = ws.filter((w) => w.firstDetection !== null);
      const warn = ws.map((w) => w.warning).filter((x): x is number => x !== null).sort((a, b) => a - b);
      const med = warn.length > 0 ? warn[Math.floor(warn.length / 2)]!.toFixed(0) + ' s' : '—';
      lines.push(`  ${cls.padEnd(12)} ${detected.length} of ${ws.length} detected; median warning ${med} (first detection → impact or kill)`);
    }
  }
  if (s.sensors && s.sensors.length > 0) {
    lines.push('');
    lines.push('Sensors                    scans  detections  false alarms');
    for (const x of s.sensors) lines.push(`  ${x.id.slice(0, 24).padEnd(24)} ${String(x.scans).padStart(6)}  ${String(x.detections).padStart(10)}  ${String(x.falseAlarms).padStart(12)}`);
  }
  const hit = s.assets.filter((a) => a.damage > 0);
  lines.push('');
  lines.push(hit.length === 0 ? 'Assets: none damaged' : `Assets damaged (${hit.length} of ${s.assets.length}):`);
  for (const a of hit) lines.push(`  ${a.id.padEnd(24)} ${a.kind.padEnd(14)} ${(a.damage * 100).toFixed(1)} % destroyed`);
  for (const p of s.power) {
    lines.push(`Power (${p.force}): ${p.finalMW.toFixed(0)} of ${p.nominalMW.toFixed(0)} MW served at the end, minimum ${p.minimumMW.toFixed(0)} MW`);
  }
  if (s.performance) {
    lines.push('');
    lines.push(
      `Wall time ${s.performance.wallSeconds.toFixed(2)} s  (${s.performance.ticksPerSecond.toFixed(0)} ticks/s, ${s.performance.realTimeFactor.toFixed(0)}× real time)`,
    );
  }
  if (s.recording) lines.push(`Recording: ${s.recording}`);
  return lines.join('\n');
}

/** SIAP measures of a force's picture (track/siap.ts; association distance 1 km, sampled every decision cycle). */
export interface PictureSiap {
  completeness: number;
  ambiguity: number;
  spuriousness: number;
  /** Mean position (m) and velocity (m/s) error of associated tracks. */
  positionAccuracy: number;
  velocityAccuracy: number | null;
  /** Track-number changes per truth per second held; longest segment fraction; breaks; id swaps. */
  idChangeRate: number;
  longestSegment: number;
  breaks: number;
  swaps: number;
}

function siapSummary(m: SiapMeasures): PictureSiap {
  return {
    completeness: round(m.completeness, 4),
    ambiguity: round(m.ambiguity, 4),
    spuriousness: round(m.spuriousness, 4),
    positionAccuracy: round(m.positionAccuracy, 1),
    velocityAccuracy: m.velocityAccuracy === null ? null : round(m.velocityAccuracy, 2),
    idChangeRate: round(m.idChangeRate, 5),
    longestSegment: round(m.longestSegment, 4),
    breaks: m.breaks,
    swaps: m.swaps,
  };
}
