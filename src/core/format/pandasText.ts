/**
 * Cell texts exactly as pandas 1.5 `DataFrame.to_csv` writes them: float64 through numpy's repr
 * (Python's `repr(float)`: shortest round-trip digits, fixed notation for exponents −4…15,
 * otherwise `1e-05` / `1.5e+16`), NaN as an empty cell, int64 as integers, booleans as
 * `True`/`False`, and Python objects (dicts, lists) as their `str()`.
 */

/** Python's `repr(float)`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // Fast path: in [1e-4, 1e16) both languages print the shortest round-trip digits in plain
  // decimal; Python adds `.0` to integral values.
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    const text = String(x);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${int}.${frac || '0'}`;
}

/** A float64 cell: `repr`, NaN empty. */
export function floatCell(x: number): string {
  return Number.isNaN(x) ? '' : pyFloat(x);
}

/** An int64 cell. */
export function intCell(x: number): string {
  if (Number.isNaN(x)) return '';
  return Number.isSafeInteger(x) ? String(x) : BigInt(Math.trunc(x)).toString();
}

export function boolCell(x: boolean | undefined | null): string {
  return x === undefined || x === null ? '' : x ? 'True' : 'False';
}

/** Python's `repr(str)`. */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr` of a JSON number token as orjson parses it (int unless `.`/`e`). */
function pyNumberToken(token: string): string {
  return /[.eE]/.test(token) ? pyFloat(Number(token)) : token;
}

/**
 * `str()` of the Python value orjson makes of a JSON text: `{'a': 1, 'b': [True, None]}`.
 * Number tokens keep their int/float kind, which `JSON.parse` would lose.
 */
export function pyReprOfJson(text: string): string {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  /** A `{…}` or `[…]` (at its opening bracket), each item read by `item`, in Python's brackets. */
  const container = (item: () => string): string => {
    const open = text[i] as string;
    const close = open === '{' ? '}' : ']';
    i++;
    const parts: string[] = [];
    ws();
    if (text[i] === close) i++;
    else
      for (;;) {
        parts.push(item());
        ws();
        if (text[i++] === close) break;
      }
    return `${open}${parts.join(', ')}${close}`;
  };
  /** `key: value` of an object. */
  const entry = (): string => {
    ws();
    const key = value();
    ws();
    i++; // ':'
    return `${key}: ${value()}`;
  };
  const value = (): string => {
    ws();
    const c = text[i];
    if (c === '{') return container(entry);
    if (c === '[') return container(value);
    if (c === '"') {
      const start = i;
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      return pyStr(JSON.parse(text.slice(start, i)) as string);
    }
    const m = /^(true|false|null|-?[0-9][0-9.eE+-]*)/.exec(text.slice(i, i + 400)) ?? ['?'];
    i += m[0].length;
    return m[0] === 'true'
      ? 'True'
      : m[0] === 'false'
        ? 'False'
        : m[0] === 'null'
          ? 'None'
          : pyNumberToken(m[0]);
  };
  return value();
}
