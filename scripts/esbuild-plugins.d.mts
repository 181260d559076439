// Types of scripts/esbuild-plugins.mjs, for the benchmark and the tests that build with it.
import type { Plugin } from 'esbuild';

export const LAZY_YAML: string;
export const lazyYaml: Plugin;
export const CHART_GLOBAL: string;
export const CHART_MODULES: readonly string[];
export const sharedChart: Plugin;
export const CHART_ENTRY: string;
