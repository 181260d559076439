// ESLint flat config. The key rule: `vscode` may only be imported from src/extension.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'vscode',
          message: 'src/core, src/shared, src/webview and src/cli must not depend on VS Code.',
          allowTypeImports: false,
        },
      ],
    },
  ],
};

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
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/webview/**/*.ts', 'src/cli/**/*.ts'],
    rules: noVscode,
  },
  {
    // Webview code, and browser-side callbacks (page.evaluate) in the DOM, e2e and bench scripts.
    files: ['src/webview/**/*.ts', 'test/dom/**/*.mjs', 'test/e2e/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
