/**
 * The comments Gson's lenient reader skips in 2024's `test_cases.json` (the controller reads it
 * with `new Gson().fromJson(JsonReader, …)`, which turns leniency on): `// …` and `# …` to the
 * end of the line and `/* … *\/`, anywhere outside a string. YAML, which reads the rest of that
 * file, knows only `#` after a blank. Each comment becomes blanks (line breaks kept), so lines and
 * columns stay where they were.
 */

export interface Uncommented {
  readonly text: string;
  /** The 1-based line of the first comment; undefined when there is none. */
  readonly firstLine?: number;
}

/** Blanks for `text`, keeping its line breaks. */
function blanks(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** `text` without its Gson comments (strings, in `"` or `'`, left alone). */
export function withoutGsonComments(text: string): Uncommented {
  let out = '';
  let quote: string | undefined;
  let firstAt = -1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quote) {
      const end = c === '\\' ? i + 2 : i + 1;
      if (c === quote) quote = undefined;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const end = commentEnd(text, i);
    if (end === undefined) {
      if (c === '"' || c === "'") quote = c;
      out += c;
      i++;
      continue;
    }
    if (firstAt < 0) firstAt = i;
    out += blanks(text.slice(i, end));
    i = end;
  }
  if (firstAt < 0) return { text };
  return { text: out, firstLine: text.slice(0, firstAt).split('\n').length };
}

/** Where a comment starting at `i` ends (exclusive), or undefined when none starts there. */
function commentEnd(text: string, i: number): number | undefined {
  const two = text.slice(i, i + 2);
  if (two === '/*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (two === '//' || text[i] === '#') {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl;
    return end > i && text[end - 1] === '\r' ? end - 1 : end;
  }
  return undefined;
}
