/**
 * The exact WTA solver (./wta `solveWtaExact`, HiGHS) called synchronously from the battle
 * manager's decision cycle. The World steps synchronously and HiGHS loads asynchronously (a
 * WebAssembly module), so the solve runs on a worker thread while the planner blocks on a shared
 * flag (`Atomics.wait`) and then reads the answer off its port (`receiveMessageOnPort`) — the
 * usual synchronous bridge over an asynchronous API.
 *
 * Determinism: no clock reaches the solver. Its limits are counts — column-generation iterations
 * and columns — and HiGHS is single-threaded with a fixed seed, so the same instance always gives
 * the same assignment and bound. The only wall-clock wait is a generous safety net (10 min) that
 * turns a dead worker into an error instead of a hang.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { WtaInstance, WtaInstanceSpec, WtaStatus } from './wta/index.js';

export interface ExactSyncLimits {
  /** Column-generation iterations (default 40). */
  maxCgIterations?: number;
  /** Largest column family for the final MIP (default 20 000). */
  maxColumns?: number;
}

export interface ExactSyncResult {
  assignment: Int32Array;
  objective: number;
  lowerBound: number | null;
  status: WtaStatus;
  note: string;
}

let bridge: { worker: Worker; port: MessagePort; flag: Int32Array } | null = null;

function open(): { worker: Worker; port: MessagePort; flag: Int32Array } {
  if (bridge) return bridge;
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  // From dist/ the worker is compiled JavaScript. From src/ (tests) it is TypeScript, loaded by
  // tsx's tsImport inside the worker (a worker's `--import tsx` does not reach its entry on Node 20).
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(ts ? './exactWorker.ts' : './exactWorker.js', import.meta.url);
  const options = { workerData: { port: port2, flag }, transferList: [port2] };
  let worker: Worker;
  if (ts) {
    const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
    worker = new Worker(`import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`, { ...options, eval: true });
  } else worker = new Worker(entry, options);
  worker.unref();
  port1.unref();
  bridge = { worker, port: port1, flag };
  return bridge;
}

/** Solve `inst` exactly (deterministic work limits), blocking until the worker answers. */
export function solveWtaExactSync(inst: WtaInstance, limits: ExactSyncLimits = {}): ExactSyncResult {
  const b = open();
  const spec: WtaInstanceSpec = {
    weapons: inst.weapons, targets: inst.targets, values: inst.values, pk: inst.pk,
    ...(inst.feasible ? { feasible: inst.feasible } : {}),
    ...(inst.shotCost ? { shotCost: inst.shotCost } : {}),
    ...(inst.costWeight !== undefined ? { costWeight: inst.costWeight } : {}),
    ...(inst.reserveValue ? { reserveValue: inst.reserveValue } : {}),
  } as WtaInstanceSpec;
  Atomics.store(b.flag, 0, 0);
  b.port.postMessage({ spec, opts: { maxCgIterations: limits.maxCgIterations ?? 40, maxColumns: limits.maxColumns ?? 20_000 } });
  if (Atomics.wait(b.flag, 0, 0, 600_000) === 'timed-out') throw new Error('exact WTA worker did not answer within 10 min');
  const msg = receiveMessageOnPort(b.port)?.message as (ExactSyncResult & { error?: string }) | undefined;
  if (!msg) throw new Error('exact WTA worker answered nothing');
  if (msg.error) throw new Error(`exact WTA worker: ${msg.error}`);
  return { ...msg, assignment: Int32Array.from(msg.assignment) };
}
