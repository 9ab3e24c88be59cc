/** Public interface of the run stage: one run of a scenario, its recording and its summary. */
export { runScenario, type RunOptions, type RunResult } from './runner.js';
export { NdjsonRecorder, readRecording } from './recording.js';
export { summarize, formatSummary, type RunSummary, type WarningLine, type ClassCount } from './summary.js';
