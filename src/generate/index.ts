// Sample result-root generator: planRoot (pure) → writeRoot (disk).
export { planRoot, batchOf } from './plan';
export { writeRoot, writeTruth, assertWritableRoot, isInside, OutputExistsError } from './writer';
export type { WriteSummary } from './writer';
export { defaultOptions, parseTestName, validateOptions, notebookIsPublisher } from './options';
export type { GenerateOptions, Generation, TestSpec } from './options';
export type * from './model';
export { truthSummary } from './truth';
