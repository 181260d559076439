import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without types
import { BUNDLE, bundleText } from '../../../scripts/l10n-bundle.mjs';

describe('l10n', () => {
  it('l10n/bundle.l10n.json lists every message the extension and webviews translate', () => {
    expect(readFileSync(BUNDLE as string, 'utf8')).toBe((bundleText as () => string)());
  });

  it('every %key% of package.json is in package.nls.json', () => {
    const manifest = readFileSync('package.json', 'utf8');
    const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map(m => m[1] as string);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter(k => !(k in nls))).toEqual([]);
  });
});
