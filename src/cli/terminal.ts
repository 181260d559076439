/**
 * Text the CLI prints carries names from the data (test, session and file names, log excerpts);
 * a name holding ESC, another C0 or C1 control or DEL could drive the terminal (move the cursor,
 * rewrite lines, set the title). Every such character is printed as `\u00XX` instead, which
 * reads plainly and is also the same character's escape inside a JSON string (so --json output
 * stays valid JSON). Newline and tab, which the CLI's own layout uses, pass.
 */
import type { CliIo } from './io';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same streams, every text made terminal-safe. */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    stdout: text => io.stdout(terminalSafe(text)),
    stderr: text => io.stderr(terminalSafe(text)),
    ...(io.isTerminal !== undefined ? { isTerminal: io.isTerminal } : {}),
  };
}
