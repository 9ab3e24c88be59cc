/**
 * Public interface of the scenario stage: the scenario language (YAML/JSON, format `rampart: 1`),
 * its loader with path-precise errors, the resolved `Scenario` type the simulator consumes, the
 * notional catalog, and the JSON Schema for editors. See docs/scenario.md.
 */
export { checkScenario, checkScenarioFile, loadScenarioFile, parseScenario, readScenarioText, type CheckResult, type LoadOptions } from './load.js';
export { ScenarioError, formatProblem, didYouMean, damerauLevenshtein, type ScenarioProblem } from './problems.js';
export { scenarioJsonSchema, scenarioJsonSchemaText, SCHEMA_PATH } from './jsonschema.js';
export { loadCatalog, DEFAULT_CATALOG_URL, EARTH_EQUATORIAL_RADIUS } from './catalog.js';
export { DEFAULT_DOCTRINE, HARDNESS_PA, SENSOR_DEFAULTS, CRUISE_ALTITUDE_DEFAULT, layerOf } from './resolve.js';
export { parseIsoTime } from './time.js';
export {
  ASSET_KINDS,
  SENSOR_KINDS,
  THREAT_CATEGORIES,
  KILL_MECHANISMS,
  LAYERS,
  SIDES,
  WEAPONS_CONTROL,
  FIRE_MODES,
  FORMAT_VERSION,
  scenarioFileSchema,
  type ScenarioFile,
} from './schema.js';
export type * from './types.js';
