/**
 * `rampart schema [--out file]`: the JSON Schema (draft 2020-12) of scenario files, for editors
 * (see docs/scenario.md, "Editor support").
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor completion and hover help)')
    .option('-o, --out <file>', 'write the schema to a file instead of stdout')
    .addHelpText(
      'after',
      `
VS Code (YAML extension): put this first line in a scenario file
  # yaml-language-server: $schema=<path or URL of the schema>
or map files to the schema with the "yaml.schemas" setting. See docs/scenario.md.`,
    )
    .action(async (opts: { out?: string }) => {
      const { scenarioJsonSchemaText } = await import('../../scenario/index.js');
      const text = scenarioJsonSchemaText();
      if (opts.out === undefined) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(opts.out, text);
      } catch (e) {
        throw new UserError(`cannot write ${opts.out}: ${(e as Error).message}`);
      }
      process.stderr.write(`wrote ${opts.out}\n`);
    });
}
