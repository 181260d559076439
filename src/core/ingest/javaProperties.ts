/**
 * A `.properties` file (the 2024 controller's `application.properties`) read as
 * `java.util.Properties.load` reads it: a logical line may continue over natural lines ending in
 * an odd number of backslashes (the next line's leading blanks dropped); `#` or `!` first makes a
 * comment line; the key ends at the first unescaped `=`, `:` or blank, then blanks and one `=` or
 * `:` are skipped; `\t \n \r \f \uXXXX` are escapes and a backslash before any other character
 * stands for that character (`http\://host`). The value keeps its trailing blanks.
 */

export interface PropertyLine {
  readonly key: string;
  readonly value: string;
  /** The 1-based line the logical line starts on. */
  readonly line: number;
}

const BLANK = new Set([' ', '\t', '\f']);
const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function withoutLeadingBlanks(line: string): string {
  let i = 0;
  while (i < line.length && BLANK.has(line[i]!)) i++;
  return line.slice(i);
}

/** A natural line that continues on the next one: it ends in an odd number of backslashes. */
function continues(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** `\t`, `\uXXXX`, `\:` … as the characters they stand for. */
function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[++i]!;
    const hex = next === 'u' ? /^[0-9a-fA-F]{4}/.exec(text.slice(i + 1, i + 5)) : null;
    if (hex) {
      out += String.fromCharCode(parseInt(hex[0], 16));
      i += 4;
    } else out += ESCAPES[next] ?? next;
  }
  return out;
}

/** Where the key ends and the value starts in a logical line (Properties.load0). */
function splitKey(line: string): { keyEnd: number; valueStart: number } {
  let keyEnd = 0;
  let valueStart = line.length;
  let separated = false;
  let escaped = false;
  for (; keyEnd < line.length; keyEnd++) {
    const c = line[keyEnd]!;
    if ((c === '=' || c === ':') && !escaped) {
      valueStart = keyEnd + 1;
      separated = true;
      break;
    }
    if (BLANK.has(c) && !escaped) {
      valueStart = keyEnd + 1;
      break;
    }
    escaped = c === '\\' ? !escaped : false;
  }
  for (; valueStart < line.length; valueStart++) {
    const c = line[valueStart]!;
    if (BLANK.has(c)) continue;
    if (!separated && (c === '=' || c === ':')) separated = true;
    else break;
  }
  return { keyEnd, valueStart };
}

/** Every key of the file with its value, in file order (a repeated key: each occurrence). */
export function readJavaProperties(text: string): PropertyLine[] {
  const natural = text.split(/\r\n|\r|\n/);
  const out: PropertyLine[] = [];
  for (let i = 0; i < natural.length; i++) {
    let part = withoutLeadingBlanks(natural[i]!);
    if (part === '' || part.startsWith('#') || part.startsWith('!')) continue;
    const line = i + 1;
    let logical = '';
    while (continues(part) && i + 1 < natural.length) {
      logical += part.slice(0, -1);
      part = withoutLeadingBlanks(natural[++i]!);
    }
    logical += continues(part) ? part.slice(0, -1) : part;
    const { keyEnd, valueStart } = splitKey(logical);
    out.push({
      key: unescape(logical.slice(0, keyEnd)),
      value: unescape(logical.slice(valueStart)),
      line,
    });
  }
  return out;
}
