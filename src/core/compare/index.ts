/**
 * Comparison of load-test runs (docs/compare.md): comparability, per-metric verdicts with effect
 * sizes and Holm's correction, load knees and capacity, failure taxonomy, and the verdict.json
 * document. No `vscode`; I/O only in `source.ts` (through the ingest).
 */
export * from './metrics';
export * from './verdict';
export * from './proportion';
export * from './knee';
export * from './timeline';
export * from './comparability';
export * from './taxonomy';
export * from './compare';
export * from './source';
export * from './document';
export * from './progress';
export * from './relativeCapacity';
export * from './configDiff';
export * from './crossRun';
