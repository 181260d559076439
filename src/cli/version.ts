/** The package's version, set by scripts/build.mjs from package.json (`dev` when not bundled). */
declare const __LTL_VERSION__: string | undefined;
export const VERSION = typeof __LTL_VERSION__ === 'string' ? __LTL_VERSION__ : 'dev';
