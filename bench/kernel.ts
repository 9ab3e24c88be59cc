/**
 * Kernel speed: ticks per second and real-time factor of the whole World on the built-in default
 * scenario (and on the energy-grid raid), recording kept in memory so disk speed does not count.
 */
import { loadScenarioFile } from '../src/scenario/index.js';
import { runScenario } from '../src/run/runner.js';

export async function run(): Promise<void> {
  for (const file of ['scenarios/default.yaml', 'scenarios/energy-grid-night-raid.yaml']) {
    const scenario = loadScenarioFile(file);
    runScenario(scenario); // warm-up
    const reps = 3;
    let best = Infinity;
    let ticks = 0;
    let events = 0;
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const r = runScenario(scenario);
      const wall = (performance.now() - t0) / 1000;
      best = Math.min(best, wall);
      ticks = r.summary.ticks;
      events = r.events?.length ?? 0;
    }
    const mem = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `${file}: ${ticks} ticks (${scenario.duration} s simulated, ${scenario.threats.length + scenario.raids.reduce((s, r) => s + r.count, 0)} threats) in ${best.toFixed(3)} s best of ${reps}` +
        ` → ${(ticks / best).toFixed(0)} ticks/s, ${(scenario.duration / best).toFixed(0)}× real time, ${events} events, heap ${mem.toFixed(0)} MiB`,
    );
  }
}
