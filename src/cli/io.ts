/** Where a CLI command writes; tests pass collectors instead of the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: progress lines are shown only then (or with --progress). */
  readonly isTerminal?: boolean;
}

export const processIo: CliIo = {
  stdout: text => void process.stdout.write(text),
  stderr: text => void process.stderr.write(text),
  isTerminal: process.stderr.isTTY === true,
};

/** Where progress lines go: stderr on a terminal or when asked (`--progress`), else nowhere. */
export function progressOf(io: CliIo, asked: boolean): (text: string) => void {
  return asked || io.isTerminal === true ? text => io.stderr(text) : () => undefined;
}
