/**
 * JSON Schema (draft 2020-12) of the scenario file, generated from the zod schema, for editors
 * (yaml-language-server, VS Code) and other tools. It checks shape only; references between
 * sections and catalog ids are checked by `rampart validate`.
 */
import * as z from 'zod';
import { scenarioFileSchema } from './schema.js';

/** Where the committed copy lives, relative to the package root. */
export const SCHEMA_PATH = 'schema/scenario.schema.json';
export const SCHEMA_ID = 'https://rampart.invalid/schema/scenario-1.schema.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  // Top-level `x-…` keys are extension fields the loader ignores (a place for YAML anchors).
  const patternProperties = { '^x-': { description: 'Extension field, ignored by Rampart (e.g. a home for YAML anchors).' } };
  return { $schema, $id: SCHEMA_ID, title: 'Rampart scenario (format 1)', ...rest, patternProperties };
}

/** The schema as committed: 2-space JSON with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
