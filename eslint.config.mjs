// ESLint flat config. The key rules: `vscode` may only be imported from src/extension, and the
// import directions between the layers (docs/architecture.md, "Layers and boundaries"), which
// test/unit/architecture/imports.test.ts checks again without ESLint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscodePath = {
  name: 'vscode',
  message: 'Only src/extension may depend on VS Code.',
  allowTypeImports: false,
};

/** An import of the top-level folder `folder` of src/ (relative specifiers end in `<folder>/…`). */
const folderImport = folder => `(^|/)${folder}(/|$)`;

/**
 * `no-restricted-imports` for files that may not import the given src/ folders (type imports
 * included), the extra `also` patterns, nor VS Code.
 */
function restrict({ folders, message, also = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: [noVscodePath],
        patterns: [...folders.map(f => ({ regex: folderImport(f), message })), ...also],
      },
    ],
  };
}

/** The view-model type files of src/shared: only the builders in src/core/viewmodel know them. */
const VIEW_TYPES = ['(^|/)shared/reportModel$', '(^|/)shared/views(/|$)'].map(regex => ({
  regex,
  message:
    'Core analysis does not know the views: only src/core/viewmodel imports view-model types.',
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'samples/**',
      '.ci/work/**',
      '.e2e/**',
      'test-results/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: restrict({
      folders: ['core', 'extension', 'cli', 'generate'],
      message: 'A webview imports only src/shared and its own files (it runs in the browser).',
    }),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict({
      folders: ['core', 'extension', 'webview', 'cli', 'generate'],
      message: 'src/shared is the bottom layer: it imports nothing but itself.',
    }),
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/viewmodel/**'],
    rules: restrict({
      folders: ['extension', 'cli', 'webview', 'generate'],
      also: VIEW_TYPES,
      message:
        'src/core imports neither the hosts (extension, cli), the webviews nor the generators.',
    }),
  },
  {
    files: ['src/core/viewmodel/**/*.ts'],
    rules: restrict({
      folders: ['extension', 'cli', 'webview', 'generate'],
      message:
        'src/core imports neither the hosts (extension, cli), the webviews nor the generators.',
    }),
  },
  {
    files: ['src/generate/**/*.ts'],
    rules: restrict({
      folders: ['extension', 'webview', 'cli'],
      message: 'The generators are used by the CLI and the tests, not the other way round.',
    }),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict({
      folders: ['extension', 'webview'],
      message: 'The CLI runs without VS Code and draws no webview.',
    }),
  },
  {
    // Webview code, and browser-side callbacks (page.evaluate) in the DOM, e2e and bench scripts.
    files: ['src/webview/**/*.ts', 'test/dom/**/*.mjs', 'test/e2e/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
