// The `loadtest-lens` executable (dist/cli.js): runs `main` on the process's arguments. Kept apart
// from main.ts so that bundles importing the command table (benchmarks, tests) do not run it.
import { EXIT } from './exit';
import { internalError, main } from './main';
import { processIo } from './io';
import { readWithBlockingCalls } from '../core/util/readCalls';

// The CLI's thread waits for its reads anyway: blocking calls spare the thread-pool round trips.
readWithBlockingCalls();

main(process.argv.slice(2), processIo).then(
  code => process.exit(code),
  (err: unknown) => {
    internalError(err, processIo);
    process.exit(EXIT.internal);
  },
);
