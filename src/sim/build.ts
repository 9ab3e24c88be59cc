/**
 * Scenario → World: defended assets in ECEF with their vulnerability and power, threats (single
 * launches plus expanded raids) with a flyer factory each, and the kill-chain stages that exist.
 */
import { readFileSync } from 'node:fs';
import { ForcePictureTracker } from '../track/picture-tracker.js';
import { isUserError, UserError } from '../errors.js';
import { geodeticToEcef } from '../geo/index.js';
import type { Flyer } from '../flight/types.js';
import type { Asset, Scenario, Threat } from '../scenario/index.js';
import type { EventSink } from './events.js';
import { expandRaid } from './raids.js';
import { SensingStage } from './sensing.js';
import { EngagementStage, type EngagementStageOptions } from './engagement.js';
import type { TrackStage } from './stages.js';
import { World, type WorldAsset, type WorldThreat } from './world.js';
import { createThreatFlyer, type FlyerFactory } from './flyers.js';

/** Radius (m) of the critical core of a point asset or of node-like infrastructure (notional). */
export const CRITICAL_CORE_RADIUS = 50;
/**
 * Asset kinds whose function hangs on a compact critical core at their location (transformers,
 * turbine hall, antenna, command post): their damage footprint is the core, not the whole fenced
 * area. Cities, airbases, ports and military areas are damaged over their whole area.
 */
export const NODE_KINDS: ReadonlySet<string> = new Set(['power-plant', 'substation', 'radar-site', 'command-post']);
/** TNT-equivalent fraction of a conventional warhead's mass (explosive fill; notional). */
export const TNT_FRACTION = 0.6;
/** Warhead mass (kg) assumed when the catalog gives none (not reliably public); notional. */
export const DEFAULT_WARHEAD_KG = 500;

export interface BuildOptions {
  seed: number;
  sink: EventSink;
  /** Replaces the truth flyer factory (tests). */
  flyerFactory?: FlyerFactory;
  /** Play without batteries: the undefended baseline (sensors still watch). */
  undefended?: boolean;
  /** Space-IR tracks cue radars and picture trackers (default true); false: the uncued baseline. */
  cueing?: boolean;
  /** Makes a force's tracker (default: the ECEF force picture tracker). */
  makeTracker?: (force: string) => TrackStage;
  /** Data-link report interval and track-to-track fusion settings (defaults: sim/datalink.ts, track/fusion.ts). */
  engagement?: EngagementStageOptions;
}

/** Rampart's version, recorded in every recording's header. */
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function buildWorld(scenario: Scenario, options: BuildOptions): World {
  const assets = scenario.assets.map(worldAsset);
  const byId = new Map(assets.map((a) => [a.id, a]));
  for (const src of scenario.assets) {
    for (const fed of src.power?.feeds ?? []) byId.get(fed)?.fedBy.push(byId.get(src.id)!);
  }
  const factory = options.flyerFactory ?? createThreatFlyer;
  const all: { threat: Threat; raid?: string }[] = [
    ...scenario.threats.map((threat) => ({ threat })),
    ...scenario.raids.flatMap((raid) => expandRaid(raid, options.seed).map((threat) => ({ threat, raid: raid.id }))),
  ];
  // Launch order is the queue's: (time, then this stable order).
  // Flyers are made (and their shots solved) up front, so an infeasible threat is a user error
  // reported before the recording starts, not halfway through a run.
  const threats: WorldThreat[] = all.map(({ threat, raid }) => {
    let flyer: Flyer;
    try {
      flyer = factory(threat, { seed: options.seed, epochMs: scenario.epochMs });
    } catch (e) {
      if (!isUserError(e)) throw e;
      const where = raid !== undefined ? `raid '${raid}' member '${threat.id}'` : `threat '${threat.id}'`;
      throw new UserError(`${scenario.source}: ${where}: ${e.message}`, e.details);
    }
    return {
      id: threat.id,
      force: threat.force,
      threatType: threat.typeId,
      class: threat.category,
      launchTime: threat.launch.time,
      launchLat: threat.launch.location.lat,
      launchLon: threat.launch.location.lon,
      target: threat.target.asset,
      aimLat: threat.target.point.lat,
      aimLon: threat.target.point.lon,
      tntKg: TNT_FRACTION * (threat.type.warheadMass ?? DEFAULT_WARHEAD_KG),
      unitCost: threat.type.unitCost,
      ...(raid !== undefined ? { raid } : {}),
      createFlyer: () => flyer,
    };
  });
  const threatInfo = new Map(all.map(({ threat, raid }) => [threat.id, { type: threat.type, ...(raid !== undefined ? { raid } : {}) }]));
  const sensing = new SensingStage(scenario, options.seed, threatInfo, { cueing: options.cueing ?? true });
  const makeTracker = options.makeTracker ?? defaultTracker;
  const engagement = !options.undefended && scenario.batteries.length > 0 ? new EngagementStage(scenario, options.seed, makeTracker, options.engagement) : undefined;
  if (engagement) {
    if (options.cueing ?? true) engagement.cueSource = (force) => sensing.cues(force);
    // The early-warning timeline's "first confirmed track" (scoring: from the GOSPA pairing).
    engagement.onFirstTrack = (threat, t, force) => {
      const m = sensing.milestones.get(threat) ?? {};
      if (!m.firstTrack) m.firstTrack = { t, force };
      sensing.milestones.set(threat, m);
    };
  }
  return new World(
    {
      header: {
        rampart: version,
        scenario: scenario.name,
        epoch: scenario.epoch,
        seed: options.seed,
        duration: scenario.duration,
        timeStep: scenario.timeStep,
        forces: scenario.forces.map((f) => ({ id: f.id, side: f.side })),
      },
      duration: scenario.duration,
      timeStep: scenario.timeStep,
      assets,
      threats,
      ...(sensing.active ? { sense: sensing } : {}),
      ...(engagement?.active ? { engagement } : {}),
    },
    options.sink,
  );
}

function worldAsset(a: Asset): WorldAsset {
  const { lat, lon, h } = a.location;
  let radius = CRITICAL_CORE_RADIUS;
  if (a.area.kind === 'circle') radius = a.area.radius;
  else if (a.area.kind === 'polygon') radius = Math.sqrt(polygonArea(a.area.polygon) / Math.PI);
  if (NODE_KINDS.has(a.kind)) radius = Math.min(radius, CRITICAL_CORE_RADIUS);
  return {
    id: a.id,
    force: a.force,
    kind: a.kind,
    lat,
    lon,
    position: geodeticToEcef({ lat, lon, h }),
    radius,
    p50: a.hardness,
    value: a.value,
    servesMW: (a.power?.serves ?? 0) / 1e6,
    generationMW: (a.power?.generation ?? 0) / 1e6,
    fedBy: [],
    restoreTime: a.power?.restoreTime ?? Number.POSITIVE_INFINITY,
    damage: 0,
  };
}

/** Area (m²) of a small lat/lon polygon on the mean-radius sphere (shoelace on an equirectangular map). */
function polygonArea(poly: readonly { lat: number; lon: number }[]): number {
  const R = 6_371_000;
  const lat0 = poly.reduce((s, p) => s + p.lat, 0) / poly.length;
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const xi = poly[i]!.lon * Math.cos(lat0) * R, yi = poly[i]!.lat * R;
    const xj = poly[j]!.lon * Math.cos(lat0) * R, yj = poly[j]!.lat * R;
    s += xj * yi - xi * yj;
  }
  return Math.abs(s) / 2;
}

function defaultTracker(force: string): TrackStage {
  return new ForcePictureTracker({ force });
}
