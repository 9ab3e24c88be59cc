/**
 * `npm run bench`: runs every benchmark and prints its figures. Benchmarks measure speed and
 * memory; they are not tests and never fail on a number. Run one with `npm run bench -- <name>`.
 * Each module exports `run(): Promise<void>` and prints its own figures.
 */
const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  kernel: () => import('./kernel.js'),
  math: () => import('./math.js'),
  geo: () => import('./geo.js'),
  flight: () => import('./flight.js'),
  'flight-b': () => import('./flight-b.js'),
  track: () => import('./track.js'),
  picture: () => import('./picture.js'),
  wta: () => import('./wta.js'),
  sense: () => import('./sense.js'),
};

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, load] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  await (await load()).run();
}
