import type { Command } from 'commander';
export function register(program: Command): void {
  program.command('run <scenario>').description('run a scenario (pending)').action(() => {});
}
