// Writes l10n/bundle.l10n.json: every message passed as a literal to `vscode.l10n.t` (host) or
// `l10n.t` (@vscode/l10n in webviews), the English text as both key and value — the file a
// translator copies to bundle.l10n.<locale>.json. `--check` fails when the file is out of date.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');
const DIRS = ['src/extension', 'src/webview'];
/** `l10n.t('…'` or `l10n.t("…"` with only simple escapes inside. */
const CALL = /\bl10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g;

function unescape(text, quote) {
  return text.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c === quote ? quote : c));
}

/** The messages found in the sources, sorted, as { message: message }. */
export function extractMessages() {
  const messages = new Set();
  for (const dir of DIRS) {
    for (const name of readdirSync(path.join(ROOT, dir), { recursive: true })) {
      if (!String(name).endsWith('.ts')) continue;
      const text = readFileSync(path.join(ROOT, dir, String(name)), 'utf8');
      for (const m of text.matchAll(CALL)) messages.add(unescape(m[2], m[1]));
    }
  }
  return Object.fromEntries([...messages].sort().map(m => [m, m]));
}

export function bundleText() {
  return `${JSON.stringify(extractMessages(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = bundleText();
  if (process.argv.includes('--check')) {
    if (readFileSync(BUNDLE, 'utf8') !== text) {
      console.error('l10n/bundle.l10n.json is out of date: run node scripts/l10n-bundle.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(BUNDLE, text);
    console.log(
      `${Object.keys(JSON.parse(text)).length} messages → ${path.relative(ROOT, BUNDLE)}`,
    );
  }
}
