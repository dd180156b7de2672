import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports the pure layers (src/engine, src/export, src/analysis) may not use. */
const PURE_PATTERNS = [
  { group: ['react', 'react-*', 'zustand', 'zustand/*', '@xyflow/*', 'd3', 'd3-*'], message: 'src/engine and src/export must not depend on UI libraries.' },
  { group: ['**/store/**', '**/view/**', '**/i18n/**'], message: 'src/engine and src/export must not import from the store, view or i18n layers.' },
  { group: ['node:*', 'fs', 'path', 'process', 'os'], message: 'src/engine and src/export run in browsers too: no Node built-ins.' },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results', 'dist-offline', 'dist-scorm', 'dist-bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/view/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The engine, the exporters and the analyses are pure TypeScript: no React, DOM, store, view or Node built-ins.
    files: ['src/engine/**/*.ts', 'src/export/**/*.ts', 'src/analysis/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/export/**/*.test.ts', 'src/analysis/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: PURE_PATTERNS }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'performance', 'navigator'],
    },
  },
  {
    // The engine's core has no Hyper-V names: src/engine/model may import core, never the reverse.
    files: ['src/engine/core/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...PURE_PATTERNS,
            { group: ['**/model/**', '**/model', '**/views/**', '**/views', '../simulation', '../scenarios', '../costs', '../topology', '../packets'], message: 'src/engine/core must not import the model (model imports core, never the reverse).' },
          ],
        },
      ],
    },
  },
);
