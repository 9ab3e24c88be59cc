/**
 * The scenario file format (version `rampart: 1`) as zod schemas. These schemas check the SHAPE
 * of a file (types, ranges, allowed keys) and produce the JSON Schema for editors; the resolver
 * (`resolve.ts`) then checks references, fills the defaults that depend on the catalog, and
 * converts to the SI/radian `Scenario`. File units: geodetic DEGREES, metres, seconds, US dollars,
 * watts, hertz. Every `.describe()` text becomes hover help in an editor: keep units and defaults
 * in it.
 */
import * as z from 'zod';
import { describeValue } from './problems.js';
import { isIsoTime } from './time.js';

// ─── building blocks ────────────────────────────────────────────────────────────────────────────

/** Marker put in the message of an unknown-key issue; `issues.ts` decodes the allowed keys. */
export const ALLOWED_KEYS_MARK = '\u0000allowed:';

/** A strict object (unknown keys are errors) that remembers its allowed keys for "did you mean". */
function obj<S extends z.ZodRawShape>(shape: S, description: string) {
  const keys = Object.keys(shape);
  return z
    .strictObject(shape, {
      error: (iss) => (iss.code === 'unrecognized_keys' ? ALLOWED_KEYS_MARK + JSON.stringify(keys) : undefined),
    })
    .describe(description);
}

const got = (iss: { input?: unknown }): string => `(got ${describeValue(iss.input)})`;

/** A finite number in [min, max]. */
function between(min: number, max: number, unit = '') {
  const msg = (iss: { input?: unknown }) => `must be between ${min} and ${max}${unit} ${got(iss)}`;
  return z.number().min(min, { error: msg }).max(max, { error: msg });
}
/** A finite number in (0, max]. */
function positive(max: number, unit = '') {
  return z
    .number()
    .positive({ error: (iss) => `must be greater than 0 ${got(iss)}` })
    .max(max, { error: (iss) => `must be at most ${max}${unit} ${got(iss)}` });
}
/** A finite number in [0, max]. */
function nonNegative(max: number, unit = '') {
  return between(0, max, unit);
}
/** An integer in [min, max]. */
function integer(min: number, max: number) {
  const msg = (iss: { input?: unknown }) => `must be an integer between ${min} and ${max} ${got(iss)}`;
  return z.number().int({ error: msg }).min(min, { error: msg }).max(max, { error: msg });
}

/** Identifier of a scenario entity (force, asset, sensor, …). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const id = z
  .string()
  .max(64, { error: (iss) => `must be at most 64 characters ${got(iss)}` })
  .regex(ID_PATTERN, {
    error: (iss) => `must be an id: letters, digits and - _ . : starting with a letter or digit ${got(iss)}`,
  })
  .describe('Identifier, unique in the scenario: letters, digits and - _ . : (at most 64 characters).');
/** A reference to an id defined elsewhere (checked by the resolver, with a did-you-mean hint). */
const ref = (what: string) => z.string().min(1, { error: 'must not be empty' }).max(64).describe(`Id of ${what}.`);
const label = z.string().max(200).describe('Display name (default: the id).');

/** Seconds after the scenario epoch (a number) or an absolute ISO-8601 time with a zone. */
export const isoTime = z
  .string()
  .refine(isIsoTime, { error: (iss) => `must be an ISO-8601 time with a zone, e.g. "2024-06-01T02:00:00Z" ${got(iss)}` })
  .describe('ISO-8601 date and time with a zone (Z or ±hh:mm), e.g. 2024-06-01T02:00:00Z.');
const time = (what: string) =>
  z
    .union([nonNegative(MAX_DURATION_S, ' s'), isoTime], {
      error: (iss) => `must be seconds after the epoch (a number) or an ISO-8601 time ${got(iss)}`,
    })
    .describe(`${what}: seconds after the scenario epoch, or an absolute ISO-8601 time (UTC 'Z' or an offset) inside the run.`);

/** Longest run a scenario may describe: 30 days. */
export const MAX_DURATION_S = 30 * 86_400;

const lat = between(-90, 90).describe('Geodetic latitude, degrees north (WGS-84), −90…90.');
const lon = between(-180, 180).describe('Geodetic longitude, degrees east (WGS-84), −180…180.');
const alt = between(-500, 100_000, ' m').describe('Height above the WGS-84 ellipsoid, metres (default 0).');

export const geoLocation = obj(
  { lat, lon, alt: alt.default(0) },
  'A point on or above the Earth: geodetic latitude/longitude in degrees (WGS-84) and height in metres above the ellipsoid.',
);
const latLon = obj({ lat, lon }, 'A point on the Earth: geodetic latitude/longitude in degrees (WGS-84).');
const latLonPair = z.tuple([lat, lon]).describe('A vertex [lat, lon] in degrees.');
const polygon = z
  .array(latLonPair)
  .min(3, { error: (iss) => `a polygon needs at least 3 vertices [lat, lon] (got ${Array.isArray(iss.input) ? iss.input.length : 0})` })
  .max(10_000)
  .describe('Polygon vertices [[lat, lon], …] in degrees, at least 3, in order (closing vertex optional).');

const azimuth = between(-360, 360, '°').describe('Azimuth, degrees clockwise from true north.');
const sectorWidth = z
  .number()
  .positive({ error: (iss) => `must be greater than 0 ${got(iss)}` })
  .max(360, { error: (iss) => `must be at most 360° ${got(iss)}` });

// ─── enumerations ───────────────────────────────────────────────────────────────────────────────

export const SIDES = ['blue', 'red', 'green', 'neutral'] as const;
export const ASSET_KINDS = ['city', 'power-plant', 'substation', 'airbase', 'port', 'command-post', 'radar-site', 'military', 'other'] as const;
export const HARDNESS_LEVELS = ['soft', 'medium', 'hard', 'hardened'] as const;
export const SENSOR_KINDS = ['radar', 'early-warning-radar', 'ir-satellite', 'passive'] as const;
export const THREAT_CATEGORIES = ['ballistic', 'glide', 'cruise', 'drone', 'aircraft'] as const;
export const KILL_MECHANISMS = ['hit-to-kill', 'blast-fragmentation', 'gun'] as const;
export const LAYERS = ['upper', 'lower', 'point', 'gun'] as const;
export const WEAPONS_CONTROL = ['free', 'tight', 'hold'] as const;
export const FIRE_MODES = ['shoot-look-shoot', 'salvo'] as const;
export const TRAJECTORY_SHAPES = ['minimum-energy', 'lofted', 'depressed'] as const;
export const RADAR_BANDS = ['VHF', 'UHF', 'L', 'S', 'C', 'X', 'Ku', 'Ka'] as const;
export const DATA_LINK_SHARES = ['tracks', 'engagements', 'kill-assessments'] as const;
export const JAMMER_KINDS = ['stand-off', 'self-protection'] as const;

// ─── catalog type fields (shared by `catalog:` entries and per-entity `overrides:`) ─────────────

const usd = nonNegative(1e12, ' USD');

export const interceptorFields = {
  name: label,
  country: z.string().max(100).describe('Country of origin (informational).'),
  role: z.string().max(200).describe('Role, free text (informational).'),
  minRange: nonNegative(2e7, ' m').describe('Minimum engagement range, metres.'),
  maxRange: positive(2e7, ' m').describe('Maximum engagement range, metres.'),
  minAltitude: nonNegative(2e6, ' m').describe('Minimum intercept altitude, metres.'),
  maxAltitude: positive(2e6, ' m').describe('Maximum intercept altitude, metres.'),
  maxSpeed: positive(12_000, ' m/s').describe('Maximum (burnout) speed, m/s (muzzle velocity for a gun).'),
  killMechanism: z.string().max(200).describe('Kill mechanism as published, free text.'),
  kill: z.enum(KILL_MECHANISMS).describe('Kill mechanism class: hit-to-kill, blast-fragmentation or gun (default: derived from killMechanism).'),
  unitCost: usd.nullable().describe('Cost of one interceptor (one ROUND for a gun), US dollars; null = not public.'),
  missilesPerLauncher: integer(0, 100_000).nullable().describe('Interceptors per launcher (rounds carried for a gun); null = not public.'),
  launchersPerBattery: integer(1, 1000).describe('Launchers in a typical battery / fire unit.'),
  pk: between(0, 1).describe('Single-shot probability of kill (per interceptor, or per burst for a gun). Default 0.7 (0.3 for guns); NOTIONAL — public Pk figures are not reliable.'),
  reactionTime: nonNegative(600, ' s').describe('Time from engagement order to first launch, seconds (default 5).'),
  launchInterval: nonNegative(600, ' s').describe('Minimum time between two launches of one battery, seconds (default 2; 0 for a gun).'),
  roundsPerShot: integer(1, 10_000).describe('Rounds expended per shot (a burst for a gun; default 1, 30 for guns).'),
  notes: z.string().max(2000).describe('Free-text notes.'),
};

const calibration = obj(
  {
    rcs: positive(1e4, ' m²').describe('Reference radar cross section, m².'),
    range: positive(5e7, ' m').describe('Range at which the reference RCS is detected with probability pd, metres.'),
    pd: between(0.01, 0.999).default(0.9).describe('Single-look probability of detection at that range (default 0.9).'),
    pfa: between(1e-12, 0.1).default(1e-6).describe('Probability of false alarm per resolution cell (default 1e-6).'),
  },
  'Radar calibration point: the radar detects `rcs` at `range` with probability `pd` at false-alarm probability `pfa`. Other ranges follow the radar equation, R ∝ σ^(1/4) (Skolnik, ch. 2).',
);

export const sensorFields = {
  name: label,
  country: z.string().max(100).describe('Country of origin (informational).'),
  kind: z.enum(SENSOR_KINDS).describe('Sensor kind: radar (fire control / multifunction), early-warning-radar, ir-satellite (space-based infrared), passive (ESM).'),
  description: z.string().max(500).describe('Free-text description of the sensor kind (informational).'),
  band: z.string().max(50).nullable().describe('Band name, free text (e.g. "X", "UHF").'),
  frequency: positive(1e15, ' Hz').nullable().describe('Carrier frequency, Hz.'),
  maxDetectionRange: positive(5e7, ' m').nullable().describe('Published detection range, metres (against referenceRcs).'),
  referenceRcs: positive(1e4, ' m²').nullable().describe('RCS the published detection range refers to, m².'),
  calibration: calibration.nullable(),
  peakPower: positive(1e9, ' W').nullable().describe('Radar-equation parameter: peak transmitted power, W.'),
  gainDb: between(-20, 80, ' dB').nullable().describe('Radar-equation parameter: antenna gain, dBi.'),
  bandwidth: positive(1e11, ' Hz').nullable().describe('Radar-equation parameter: receiver noise bandwidth, Hz.'),
  noiseFigureDb: between(0, 30, ' dB').describe('Radar-equation parameter: receiver noise figure, dB (default 3).'),
  noiseTemperature: positive(1e5, ' K').describe('Radar-equation parameter: reference noise temperature, K (default 290).'),
  lossesDb: between(0, 60, ' dB').describe('Radar-equation parameter: total system losses, dB (default 0).'),
  fieldOfRegard: sectorWidth.describe('Azimuth width one face/antenna covers, degrees (default 360).'),
  forwardBasedRange: positive(5e7, ' m').nullable().describe('Detection range in forward-based mode, metres (AN/TPY-2).'),
  rangeSigma: positive(1e5, ' m').nullable().describe('Range measurement standard deviation, metres (null: derived from SNR by the sensor model).'),
  angleSigma: positive(10, '°').nullable().describe('Angle (or line-of-sight) measurement standard deviation, degrees (null: derived from SNR / pixel size by the sensor model).'),
  rangeRateSigma: positive(1e4, ' m/s').nullable().describe('Range-rate measurement standard deviation, m/s (null: no Doppler measurement).'),
  notes: z.string().max(2000).describe('Free-text notes.'),
};

export const threatFields = {
  name: label,
  country: z.string().max(100).describe('Country of origin (informational).'),
  threatClass: z.string().max(200).describe('Threat class as published, free text.'),
  category: z.enum(THREAT_CATEGORIES).describe('Flight category: ballistic, glide (boost-glide), cruise, drone or aircraft (default: derived from threatClass).'),
  maxSpeed: positive(12_000, ' m/s').describe('Maximum speed, m/s (burnout speed for a ballistic missile).'),
  cruiseSpeed: positive(12_000, ' m/s').nullable().describe('Cruise (or glide) speed, m/s (default: maxSpeed).'),
  maxRange: positive(2.1e7, ' m').describe('Maximum range, metres.'),
  minAltitude: nonNegative(2e6, ' m').describe('Minimum flight altitude, metres.'),
  maxAltitude: positive(2e6, ' m').describe('Maximum flight altitude (apogee for a ballistic missile), metres.'),
  warheadMass: positive(1e5, ' kg').nullable().describe('Warhead mass, kg; null = not public.'),
  unitCost: usd.nullable().describe('Cost of one threat, US dollars; null = not public.'),
  rcs: positive(1e4, ' m²').describe('Radar cross section (notional, nose-on), m².'),
  notes: z.string().max(2000).describe('Free-text notes.'),
};

const partialOf = <S extends z.ZodRawShape>(shape: S) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as { [K in keyof S]: z.ZodOptional<S[K]> };

export const interceptorOverrides = obj(partialOf(interceptorFields), 'Parameters that replace the catalog values of this interceptor type (same names and units as in `catalog.interceptors`).');
export const sensorOverrides = obj(partialOf(sensorFields), 'Parameters that replace the catalog values of this sensor type; for a custom sensor (no `type`), its parameters.');
export const threatOverrides = obj(partialOf(threatFields), 'Parameters that replace the catalog values of this threat type (same names and units as in `catalog.threats`).');

const catalogEntry = <S extends z.ZodRawShape>(shape: S, what: string) =>
  obj(
    {
      id: id.describe(`Id of the ${what} type. An existing catalog id is overridden in place; a new id adds a type.`),
      base: ref(`an existing ${what} type whose parameters this one starts from`).optional(),
      ...partialOf(shape),
    },
    `A scenario-local ${what} type: a new id (from \`base\` plus fields, or all required fields) or an override of an existing id.`,
  );

export const catalogSection = obj(
  {
    interceptors: z.array(catalogEntry(interceptorFields, 'interceptor')).max(1000).default([]).describe('Local interceptor types. New types without `base` need maxRange, maxAltitude, maxSpeed and kill.'),
    sensors: z.array(catalogEntry(sensorFields, 'sensor')).max(1000).default([]).describe('Local sensor types. New types without `base` need kind (and for radars a calibration, or maxDetectionRange + referenceRcs, or the radar-equation set).'),
    threats: z.array(catalogEntry(threatFields, 'threat')).max(1000).default([]).describe('Local threat types. New types without `base` need category, maxSpeed, maxRange, maxAltitude and rcs.'),
  },
  'Scenario-local additions to and overrides of the built-in notional catalog (catalog/catalog.json).',
);

// ─── forces ─────────────────────────────────────────────────────────────────────────────────────

export const forceSchema = obj(
  {
    id: id.describe('Force id (e.g. a nation or service).'),
    name: label.optional(),
    side: z.enum(SIDES).describe('Side: blue, red, green or neutral. Forces of one side are not automatically allies; list them in `allies`.'),
    allies: z.array(ref('another force')).max(100).default([]).describe('Coalition partners. An alliance is mutual: listing it on one force is enough.'),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: (iss) => `must be a colour like "#1f77b4" ${got(iss)}` }).optional().describe('Display colour, "#rrggbb".'),
    dataLink: obj(
      {
        latency: nonNegative(600, ' s').default(2).describe('Delay before shared data reaches partners, seconds (default 2).'),
        shares: z.array(z.enum(DATA_LINK_SHARES)).max(3).default(['tracks']).describe('What is shared: tracks, engagements, kill-assessments (default [tracks]).'),
        with: z.array(ref('an allied force')).max(100).optional().describe('Partners that receive the data (default: all allies).'),
        messageLoss: z
          .number({ error: (iss) => `must be a number ${got(iss)}` })
          .min(0, { error: (iss) => `must be a probability in [0, 1) ${got(iss)}` })
          .lt(1, { error: (iss) => `must be a probability in [0, 1): 1 would lose every message ${got(iss)}` })
          .default(0)
          .describe('Probability in [0, 1) that one message of this force to one partner is lost (independent per message and partner; default 0: no loss).'),
        trackCapacity: integer(1, 100_000).optional().describe('Most tracks one track report of this force carries (default: no limit). Over it, the highest-priority tracks are sent (docs/models/battle-management.md, "Data links").'),
        staleAfter: positive(3600, ' s').optional().describe('Seconds after which a partner drops a track of this force that no report has refreshed (default: 3 × the report interval = 6 s).'),
      },
      'Tactical data link to allies (Link 16-like): what this force shares, with whom, and how late.',
    ).optional(),
    funding: z
      .array(
        obj(
          {
            force: ref('the force whose costs are paid'),
            share: between(0, 1).default(1).describe('Fraction of those costs this force pays, 0…1 (default 1 = 100%).'),
            costs: z.enum(['interceptors']).default('interceptors').describe('Which costs: interceptors (default).'),
          },
          'This force pays `share` of force `force`\u2019s `costs` (e.g. a donor paying a partner\u2019s interceptors).',
        ),
      )
      .max(100)
      .default([])
      .describe('Costs of other forces this force pays for.'),
  },
  'A force: a nation or service with its own picture, assets and weapons.',
);

// ─── defended assets ────────────────────────────────────────────────────────────────────────────

export const areaSchema = z
  .union(
    [
      obj({ radius: positive(1e6, ' m').describe('Radius around `location`, metres.') }, 'A circular area around the asset location.'),
      obj({ polygon }, 'A polygonal area.'),
    ],
    { error: (iss) => `must be {radius: metres} or {polygon: [[lat, lon], …]} ${got(iss)}` },
  )
  .describe('Extent of the asset (default: a point).');

export const assetSchema = obj(
  {
    id: id.describe('Asset id.'),
    name: label.optional(),
    force: ref('the force that owns and defends the asset'),
    kind: z.enum(ASSET_KINDS).describe('Asset kind: city, power-plant, substation, airbase, port, command-post, radar-site, military, other.'),
    location: geoLocation.describe('Reference point of the asset (aimpoint of attacks on it).'),
    area: areaSchema.optional(),
    value: nonNegative(1e6).default(1).describe('Relative value used by threat evaluation and scoring (default 1).'),
    valueUsd: usd.optional().describe('Value in US dollars, used by the cost-aware doctrine rule (optional).'),
    hardness: z
      .union([z.enum(HARDNESS_LEVELS), positive(1e8, ' Pa')], {
        error: (iss) => `must be soft, medium, hard, hardened or an overpressure in Pa ${got(iss)}`,
      })
      .default('soft')
      .describe('Resistance to blast: soft (34.5 kPa, 5 psi), medium (69 kPa, 10 psi), hard (345 kPa, 50 psi), hardened (2.07 MPa, 300 psi), or the overpressure in pascals that causes severe damage (default soft).'),
    power: obj(
      {
        generationMW: nonNegative(1e5, ' MW').optional().describe('Electric generation capacity, MW (power plants).'),
        servesMW: nonNegative(1e5, ' MW').optional().describe('Load served, MW (substations, cities).'),
        feeds: z.array(ref('an asset this one supplies with power')).max(1000).default([]).describe('Assets supplied through this one; they lose power when it is damaged.'),
        restoreTime: positive(MAX_DURATION_S, ' s').optional().describe('Time to restore service after damage, seconds (default: not restored during the run).'),
      },
      'Role in the electric grid.',
    ).optional(),
  },
  'A defended asset.',
);

// ─── sensors ────────────────────────────────────────────────────────────────────────────────────

const orbitShape = {
  semiMajorAxis: between(6_478_137, 1e9, ' m').optional().describe('Semi-major axis, metres (at least 100 km above the equatorial radius).'),
  altitude: between(100_000, 1e9, ' m').optional().describe('Circular orbit: height above the WGS-84 equatorial radius (6,378,137 m), metres.'),
  apogeeAltitude: between(100_000, 1e9, ' m').optional().describe('Elliptic orbit: apogee height above the equatorial radius, metres (with perigeeAltitude).'),
  perigeeAltitude: between(100_000, 1e9, ' m').optional().describe('Elliptic orbit: perigee height above the equatorial radius, metres (with apogeeAltitude).'),
  eccentricity: z.number().min(0, { error: (iss) => `must be between 0 and 0.99 ${got(iss)}` }).max(0.99, { error: (iss) => `must be between 0 and 0.99 ${got(iss)}` }).optional().describe('Eccentricity (with semiMajorAxis; default 0).'),
};

export const elementsSchema = obj(
  {
    ...orbitShape,
    inclination: between(0, 180, '°').describe('Inclination, degrees.'),
    raan: between(-360, 360, '°').default(0).describe('Right ascension of the ascending node, degrees (default 0).'),
    argumentOfPerigee: between(-360, 360, '°').default(0).describe('Argument of perigee, degrees (default 0).'),
    meanAnomaly: between(-360, 360, '°').default(0).describe('Mean anomaly at the element epoch, degrees (default 0).'),
    epoch: time('Element epoch').optional(),
  },
  'Classical (Keplerian) orbital elements in the true-equator, mean-equinox frame. Give the size as semiMajorAxis (+ eccentricity), altitude (circular) or apogeeAltitude + perigeeAltitude.',
);

export const constellationSchema = obj(
  {
    count: integer(1, 1000).optional().describe('Number of satellites (default: the catalog count).'),
    planes: integer(1, 1000).default(1).describe('Number of orbital planes; satellites are spread evenly over them (default 1).'),
    planeSpacing: between(0, 360, '°').optional().describe('RAAN step between planes, degrees (default 360 / planes).'),
    phasing: integer(0, 999).default(0).describe('Walker phasing factor F: mean-anomaly offset F·360/count between adjacent planes (default 0).'),
    ...orbitShape,
    inclination: between(0, 180, '°').optional().describe('Inclination, degrees (default: catalog).'),
    raan: between(-360, 360, '°').default(0).describe('RAAN of the first plane, degrees (default 0).'),
    argumentOfPerigee: between(-360, 360, '°').optional().describe('Argument of perigee, degrees (default 270 for an eccentric orbit — apogee over the north, like Molniya — else 0).'),
    meanAnomaly: between(-360, 360, '°').default(0).describe('Mean anomaly of the first satellite, degrees (default 0).'),
    epoch: time('Element epoch').optional(),
  },
  'A generated constellation (Walker-style): `count` satellites in `planes` planes. Orbit size and inclination default to the catalog type\u2019s platform orbit (e.g. SBIRS GEO: 6 at 35,786 km, 0°).',
);

export const orbitSchema = z
  .union(
    [
      obj({ tle: z.tuple([z.string().max(80), z.string().max(80)]).describe('Two-line element set [line 1, line 2] (69 characters each, valid checksums).') }, 'One satellite from a two-line element set.'),
      obj({ elements: elementsSchema }, 'One satellite from classical orbital elements.'),
      obj({ constellation: constellationSchema }, 'Several satellites from a constellation generator.'),
    ],
    { error: (iss) => `must be {tle: [line1, line2]}, {elements: {…}} or {constellation: {…}} ${got(iss)}` },
  )
  .describe('Orbit of a space-based sensor (default: a constellation from the catalog type\u2019s platform orbit).');

export const sensorSchema = obj(
  {
    id: id.describe('Sensor id.'),
    name: label.optional(),
    force: ref('the force that operates the sensor'),
    type: ref('a sensor type in the catalog (e.g. an-mpq-65, uewr, sbirs-geo)').optional().describe('Catalog sensor type. Omit it for a custom sensor and give `kind` and the parameters in `overrides`.'),
    kind: z.enum(SENSOR_KINDS).optional().describe('Sensor kind (default: from the catalog type). Required for a custom sensor.'),
    overrides: sensorOverrides.optional(),
    location: geoLocation.optional().describe('Site of a ground (or airborne) sensor. Required for radars and passive sensors; not allowed for satellites.'),
    boresight: azimuth.default(0).describe('Azimuth of the face centre, degrees clockwise from north (default 0).'),
    sector: obj(
      {
        width: sectorWidth.optional().describe('Azimuth width centred on the boresight, degrees (default: the type\u2019s fieldOfRegard, else 360).'),
        elevationMin: between(-10, 90, '°')
          .optional()
          .describe('Lowest elevation covered, degrees (default: down to the radar horizon, −√(2h/(kR)) with k = 4/3 for an antenna h metres up; 0 at ground level).'),
        elevationMax: between(-10, 90, '°').default(90).describe('Highest elevation covered, degrees (default 90).'),
      },
      'Field of regard of a ground sensor.',
    ).optional(),
    revisit: positive(3600, ' s').optional().describe('Time between looks at a target, seconds (default: radar 1, early-warning-radar 5, ir-satellite 10, passive 1).'),
    maxTracks: integer(1, 1_000_000).optional().describe('Most targets tracked at once (default: radar 100, early-warning-radar 500, ir-satellite 1000, passive 50).'),
    orbit: orbitSchema.optional(),
  },
  'A sensor: ground/airborne radar, early-warning radar, passive receiver, or space-based infrared satellite(s).',
);

// ─── batteries ──────────────────────────────────────────────────────────────────────────────────

export const batterySchema = obj(
  {
    id: id.describe('Battery (fire unit) id.'),
    name: label.optional(),
    force: ref('the force that operates the battery'),
    interceptor: ref('an interceptor type in the catalog (e.g. pac3-mse, iris-t-slm, gepard)'),
    overrides: interceptorOverrides.optional(),
    location: geoLocation.describe('Battery site (launchers and fire-control centre).'),
    launchers: integer(1, 1000).optional().describe('Number of launchers (default: catalog launchersPerBattery).'),
    interceptorsPerLauncher: integer(0, 100_000).optional().describe('Ready interceptors per launcher (default: catalog missilesPerLauncher; required when that is not public).'),
    inventory: integer(0, 10_000_000).optional().describe('All interceptors the battery has: loaded first, the rest is reload stock (default: launchers × interceptorsPerLauncher).'),
    reloadTime: positive(MAX_DURATION_S, ' s').optional().describe('Time to reload one empty launcher from stock, seconds (default: no reloading during the run).'),
    sector: obj(
      {
        boresight: azimuth.default(0).describe('Centre of the engagement sector, degrees clockwise from north (default 0).'),
        width: sectorWidth.default(360).describe('Azimuth width of the engagement sector, degrees (default 360).'),
      },
      'Engagement sector (default: all around).',
    ).optional(),
    radar: ref('the battery\u2019s fire-control radar (a sensor)').optional(),
    cuedBy: z.array(ref('a sensor')).max(1000).default([]).describe('Other sensors whose tracks cue this battery (default: none beyond its radar and the force picture).'),
    defends: z.array(ref('an asset')).max(10_000).optional().describe('Assets this battery defends, in priority order (default: all assets of its force and allies).'),
    weaponsControl: z.enum(WEAPONS_CONTROL).optional().describe('Weapons-control status for this battery (overrides doctrine).'),
    layer: z.enum(LAYERS).optional().describe('Defense layer: upper, lower, point or gun (default: derived from the interceptor — gun kill → gun; min altitude ≥ 30 km → upper; max range ≤ 10 km → point; else lower).'),
  },
  'An interceptor battery / fire unit.',
);

// ─── threats and raids ──────────────────────────────────────────────────────────────────────────

export const trajectorySchema = z
  .union(
    [
      z.enum(TRAJECTORY_SHAPES),
      obj({ flightPathAngle: between(1, 89, '°').describe('Burnout flight-path angle above the local horizontal, degrees.') }, 'An explicit burnout flight-path angle.'),
      obj(
        {
          shape: z.enum(['lofted', 'depressed']).describe('Lofted (steeper) or depressed (flatter) than minimum-energy.'),
          offset: between(0.5, 45, '°').default(10).describe('Flight-path angle difference from the minimum-energy angle, degrees (default 10).'),
        },
        'A lofted or depressed trajectory with an explicit offset from the minimum-energy flight-path angle.',
      ),
    ],
    { error: (iss) => `must be minimum-energy, lofted, depressed, {flightPathAngle: degrees} or {shape, offset} ${got(iss)}` },
  )
  .describe('Ballistic (or boost) trajectory: minimum-energy (default for ballistic), lofted/depressed (±10° flight-path angle from minimum-energy unless `offset` is given), or an explicit flight-path angle.');

const maneuverCommon = {
  start: nonNegative(MAX_DURATION_S, ' s').optional().describe('Seconds after launch when the maneuver begins (default: the flight model\u2019s choice — start of glide, terminal or midcourse phase).'),
  maxLoad: positive(100, ' g').default(3).describe('Largest lateral acceleration, in g (default 3).'),
};
export const maneuverSchema = z
  .discriminatedUnion(
    'kind',
    [
      obj({ kind: z.literal('weave'), ...maneuverCommon, amplitude: positive(1e6, ' m').default(5000).describe('Lateral amplitude, metres (default 5,000).'), period: positive(3600, ' s').default(60).describe('Weave period, seconds (default 60).') }, 'Periodic S-turns across the track.'),
      obj({ kind: z.literal('dogleg'), ...maneuverCommon, crossrange: between(-1e6, 1e6, ' m').default(50_000).describe('Lateral offset, metres, positive to the right (default 50,000).') }, 'One lateral offset (a dog-leg) that changes the apparent aimpoint.'),
      obj({ kind: z.literal('pull-up'), ...maneuverCommon }, 'A terminal pull-up followed by a steep dive.'),
    ],
    { error: (iss) => `must be one of weave, dogleg, pull-up ${got(iss)}` },
  )
  .describe('Maneuver flown by the threat: weave, dogleg or pull-up.');

const cruiseAltitude = between(1, 50_000, ' m').describe('Cruise height above the ellipsoid, metres (default 100 for cruise missiles, 500 for drones and 5,000 for aircraft, clamped to the type\u2019s altitude limits). Cruise/drone/aircraft only.');
const route = z.array(geoLocation.extend({ alt: alt.optional().describe('Waypoint height, metres (default: cruiseAltitude).') })).max(1000);

export const targetSchema = z
  .union(
    [
      obj({ asset: ref('the targeted asset') }, 'Aim at an asset\u2019s reference point.'),
      obj({ aimpoint: geoLocation }, 'Aim at a point.'),
    ],
    { error: (iss) => `must be {asset: id} or {aimpoint: {lat, lon}} ${got(iss)}` },
  )
  .describe('What the threat flies at.');

export const threatSchema = obj(
  {
    id: id.describe('Threat id.'),
    name: label.optional(),
    force: ref('the force that launches the threat'),
    type: ref('a threat type in the catalog (e.g. shahed-136, kh-101, iskander-m, df-17)'),
    overrides: threatOverrides.optional(),
    launch: obj(
      {
        time: time('Launch time'),
        lat,
        lon,
        alt: alt.default(0).describe('Launch height, metres (e.g. 10,000 for an air-launched cruise missile; default 0).'),
      },
      'Where and when the threat is launched.',
    ),
    target: targetSchema,
    trajectory: trajectorySchema.optional(),
    route: route.optional().describe('Waypoints flown in order before turning to the target (cruise/drone/aircraft only).'),
    cruiseAltitude: cruiseAltitude.optional(),
    maneuver: maneuverSchema.optional(),
  },
  'A single launch.',
);

export const raidSchema = obj(
  {
    id: id.describe('Raid id (the launches it generates are numbered after it).'),
    name: label.optional(),
    force: ref('the force that launches the raid'),
    type: ref('a threat type in the catalog'),
    overrides: threatOverrides.optional(),
    count: integer(1, 100_000).describe('Number of launches.'),
    launchArea: z
      .union(
        [
          obj({ center: latLon, radius: nonNegative(2e6, ' m').describe('Radius, metres (0: all from the centre).'), alt: alt.default(0) }, 'Launch points drawn uniformly in a circle.'),
          obj({ polygon, alt: alt.default(0) }, 'Launch points drawn uniformly in a polygon.'),
        ],
        { error: (iss) => `must be {center: {lat, lon}, radius} or {polygon: [[lat, lon], …]} ${got(iss)}` },
      )
      .describe('Where launches happen (drawn from the scenario seed).'),
    window: obj({ start: time('Window start'), end: time('Window end') }, 'Launch times fall within [start, end].'),
    spacing: z.enum(['uniform', 'random']).default('uniform').describe('uniform: launches evenly spaced over the window; random: uniformly random times (seeded) (default uniform).'),
    targets: z
      .union(
        [
          obj(
            {
              assets: z.array(ref('a targeted asset')).min(1).max(10_000).describe('Targeted assets.'),
              weights: z.array(nonNegative(1e9)).max(10_000).optional().describe('Relative share of launches per asset (default equal).'),
            },
            'Launches are shared among assets.',
          ),
          obj(
            {
              aimpoints: z.array(geoLocation).min(1).max(10_000).describe('Aimpoints.'),
              weights: z.array(nonNegative(1e9)).max(10_000).optional().describe('Relative share of launches per aimpoint (default equal).'),
            },
            'Launches are shared among aimpoints.',
          ),
        ],
        { error: (iss) => `must be {assets: [ids]} or {aimpoints: [{lat, lon}, …]} ${got(iss)}` },
      )
      .describe('What the raid attacks.'),
    routing: z
      .union([z.literal('direct'), obj({ via: route.min(1).describe('Waypoints every launch flies through, in order.') }, 'Route through waypoints.')], {
        error: (iss) => `must be direct or {via: [{lat, lon}, …]} ${got(iss)}` ,
      })
      .default('direct')
      .describe('direct: along the geodesic (great circle) from launch to target (default); {via: […]}: through waypoints.'),
    dispersion: nonNegative(1e6, ' m').default(0).describe('Aimpoint scatter, 1-sigma circular, metres (default 0).'),
    trajectory: trajectorySchema.optional(),
    cruiseAltitude: cruiseAltitude.optional(),
    maneuver: maneuverSchema.optional(),
  },
  'A raid generator: `count` launches of one type spread over a launch area and a time window (expanded deterministically from the seed).',
);

// ─── jammers ────────────────────────────────────────────────────────────────────────────────────

export const jammerSchema = obj(
  {
    id: id.describe('Jammer id.'),
    name: label.optional(),
    force: ref('the force that operates the jammer'),
    kind: z.enum(JAMMER_KINDS).describe('stand-off (fixed or airborne platform at `location`) or self-protection (carried by the threats/raids in `escorts`).'),
    location: geoLocation.optional().describe('Position of a stand-off jammer.'),
    escorts: z.array(ref('a threat or raid')).max(10_000).optional().describe('Self-protection: the threats or raids that carry the jammer.'),
    erp: positive(1e10, ' W').describe('Effective radiated power (transmit power × antenna gain), W.'),
    band: z.enum(RADAR_BANDS).optional().describe('Radar letter band jammed (IEEE 521): centre and width of the band unless frequency/bandwidth are given.'),
    frequency: positive(1e12, ' Hz').optional().describe('Centre frequency, Hz.'),
    bandwidth: positive(1e11, ' Hz').optional().describe('Jamming bandwidth, Hz (default: the band\u2019s width).'),
    active: obj({ start: time('Switch-on time').default(0), end: time('Switch-off time').optional().describe('Switch-off time (default: end of run).') }, 'When the jammer radiates (default: the whole run).').optional(),
    targets: z.array(ref('a sensor')).max(1000).optional().describe('Sensors aimed at (default: every sensor of a non-allied force in the band).'),
  },
  'A noise jammer.',
);

// ─── doctrine ───────────────────────────────────────────────────────────────────────────────────

const doctrineFields = {
  weaponsControl: z.enum(WEAPONS_CONTROL).optional().describe('free: engage any track not identified friendly; tight: only tracks identified hostile; hold: fire only in self-defence (default free).'),
  fire: obj(
    {
      mode: z.enum(FIRE_MODES).describe('shoot-look-shoot: one interceptor, assess, re-engage if time allows; salvo: `salvoSize` interceptors at once, then assess (shoot-shoot-look).'),
      salvoSize: integer(1, 16).optional().describe('Interceptors per engagement in salvo mode (default 2; must be 1 or absent in shoot-look-shoot).'),
    },
    'Firing doctrine (default shoot-look-shoot).',
  ).optional(),
  maxShotsPerThreat: integer(1, 100).optional().describe('Most interceptors fired at one threat in total (default 4).'),
  reserve: z
    .union([obj({ share: between(0, 0.99).describe('Fraction of each battery\u2019s inventory held back.') }, 'Hold back a fraction.'), obj({ perBattery: integer(0, 100_000).describe('Interceptors held back per battery.') }, 'Hold back a fixed number.')], {
      error: (iss) => `must be {share: 0…1} or {perBattery: n} ${got(iss)}` ,
    })
    .optional()
    .describe('Interceptors held in reserve, used only against threats to the highest-priority asset kind (default {share: 0}).'),
  priorities: obj(
    {
      threats: z.array(z.enum(THREAT_CATEGORIES)).max(5).optional().describe('Threat categories, most urgent first; unlisted ones follow in default order (default ballistic, glide, cruise, aircraft, drone).'),
      assets: z.array(z.enum(ASSET_KINDS)).max(9).optional().describe('Asset kinds, most important first; unlisted ones follow in default order (default command-post, power-plant, substation, radar-site, airbase, military, port, city, other).'),
    },
    'Engagement priorities.',
  ).optional(),
  costAware: z
    .union([z.boolean(), obj({ maxCostRatio: positive(1e6).default(1).describe('Largest allowed (interceptor cost × shots) / (value at risk in USD) (default 1).') }, 'Cost-aware with an explicit threshold.')], {
      error: (iss) => `must be true, false or {maxCostRatio: number} ${got(iss)}`,
    })
    .optional()
    .describe('Cost-aware engagement: when on, a threat is engaged only if the interceptors cost at most maxCostRatio × the USD value at risk (asset valueUsd, else the threat\u2019s unit cost) (default false; true means maxCostRatio 1).'),
  killAssessmentDelay: nonNegative(600, ' s').optional().describe('Time after an intercept before its outcome is known to the battle manager, seconds (default 3).'),
  minPk: between(0, 1).optional().describe('Smallest predicted probability of kill for which an engagement is ordered (default 0).'),
};

const doctrineOverride = obj(doctrineFields, 'Doctrine settings that replace the defaults for this force or battery.');

export const doctrineSchema = obj(
  {
    ...doctrineFields,
    forces: z.record(z.string(), doctrineOverride).optional().describe('Per-force doctrine: force id → settings.'),
    batteries: z.record(z.string(), doctrineOverride).optional().describe('Per-battery doctrine: battery id → settings (applied after the force\u2019s).'),
  },
  'Battle-management doctrine. The settings at this level are the defaults for every force; `forces` and `batteries` refine them.',
);

// ─── the whole file ─────────────────────────────────────────────────────────────────────────────

export const FORMAT_VERSION = 1;

export const scenarioFileSchema = obj(
  {
    $schema: z.string().max(2000).optional().describe('JSON Schema reference for editors (ignored).'),
    rampart: z.literal(FORMAT_VERSION, { error: (iss) => (iss.input === undefined ? 'required: the format version, `rampart: 1`' : `unsupported format version ${describeValue(iss.input)}; this Rampart reads \`rampart: 1\``) }).describe('Scenario format version: 1.'),
    name: z.string().min(1, { error: 'must not be empty' }).max(200).describe('Scenario name.'),
    description: z.string().max(20_000).default('').describe('What the scenario is about.'),
    notional: z.boolean().default(true).describe('True if the scenario is notional (fictional places, public figures) (default true).'),
    epoch: isoTime.describe('Start of the run (t = 0): ISO-8601 date-time with a zone, e.g. 2024-06-01T00:00:00Z.'),
    duration: positive(MAX_DURATION_S, ' s').describe('Length of the run, seconds (at most 30 days).'),
    timeStep: positive(3600, ' s').default(1).describe('Simulation tick, seconds (default 1; at most the duration).'),
    seed: integer(0, 4_294_967_295).default(0).describe('Random seed (32-bit unsigned); same scenario + seed ⇒ same run (default 0).'),
    forces: z.array(forceSchema).min(1, { error: 'at least one force is needed' }).max(1000).describe('Forces (at least one).'),
    assets: z.array(assetSchema).max(100_000).default([]).describe('Defended assets.'),
    sensors: z.array(sensorSchema).max(100_000).default([]).describe('Sensors.'),
    batteries: z.array(batterySchema).max(100_000).default([]).describe('Interceptor batteries.'),
    threats: z.array(threatSchema).max(100_000).default([]).describe('Single launches.'),
    raids: z.array(raidSchema).max(10_000).default([]).describe('Raid generators.'),
    jammers: z.array(jammerSchema).max(10_000).default([]).describe('Jammers.'),
    doctrine: doctrineSchema.optional(),
    catalog: catalogSection.optional(),
  },
  'A Rampart scenario (format 1): forces, defended assets, sensors, batteries, threats, raids, jammers and doctrine. Geodetic degrees, metres, seconds, US dollars.',
);

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type ForceFile = z.output<typeof forceSchema>;
export type AssetFile = z.output<typeof assetSchema>;
export type SensorFile = z.output<typeof sensorSchema>;
export type BatteryFile = z.output<typeof batterySchema>;
export type ThreatFile = z.output<typeof threatSchema>;
export type RaidFile = z.output<typeof raidSchema>;
export type JammerFile = z.output<typeof jammerSchema>;
export type DoctrineFile = z.output<typeof doctrineSchema>;
export type DoctrineOverrideFile = z.output<typeof doctrineOverride>;
export type CatalogSectionFile = z.output<typeof catalogSection>;
export type TimeFile = number | string;
export type GeoLocationFile = z.output<typeof geoLocation>;
export type ManeuverFile = z.output<typeof maneuverSchema>;
export type TrajectoryFile = z.output<typeof trajectorySchema>;
export type OrbitFile = z.output<typeof orbitSchema>;
export type InterceptorFieldsFile = z.output<typeof interceptorOverrides>;
export type SensorFieldsFile = z.output<typeof sensorOverrides>;
export type ThreatFieldsFile = z.output<typeof threatOverrides>;

/** The per-section entry schemas, used by the resolver to salvage valid entries of an invalid file. */
export const SECTION_SCHEMAS = {
  forces: forceSchema,
  assets: assetSchema,
  sensors: sensorSchema,
  batteries: batterySchema,
  threats: threatSchema,
  raids: raidSchema,
  jammers: jammerSchema,
} as const;
