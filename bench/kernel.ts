/**
 * Kernel speed: ticks per second and real-time factor of the whole World on built-in scenarios,
 * defended (the full kill chain) and undefended (truth flight and sensors only), recording kept in
 * memory so disk speed does not count. The default scenario is timed best of 3 after a warm-up
 * (which also pays the one-off interceptor envelope computation); the energy-grid raid once each.
 */
import { loadScenarioFile } from '../src/scenario/index.js';
import { runScenario } from '../src/run/runner.js';

function time(file: string, undefended: boolean, reps: number): void {
  const scenario = loadScenarioFile(file);
  if (reps > 1) runScenario(scenario, { undefended }); // warm-up
  let best = Infinity;
  let ticks = 0;
  let events = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const r = runScenario(scenario, { undefended });
    best = Math.min(best, (performance.now() - t0) / 1000);
    ticks = r.summary.ticks;
    events = r.events?.length ?? 0;
  }
  const threats = scenario.threats.length + scenario.raids.reduce((s, r) => s + r.count, 0);
  const mem = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `${file} ${undefended ? 'undefended' : 'defended  '}: ${ticks} ticks (${scenario.duration} s simulated, ${threats} threats) in ${best.toFixed(2)} s` +
      `${reps > 1 ? ` best of ${reps}` : ''} → ${(ticks / best).toFixed(0)} ticks/s, ${(scenario.duration / best).toFixed(0)}× real time, ${events} events, heap ${mem.toFixed(0)} MiB`,
  );
}

export async function run(): Promise<void> {
  time('scenarios/default.yaml', false, 3);
  time('scenarios/default.yaml', true, 3);
  time('scenarios/energy-grid-night-raid.yaml', true, 1);
  time('scenarios/energy-grid-night-raid.yaml', false, 1);
}
