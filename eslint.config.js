// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// Layer rules from DESIGN.md, enforced here so a wrong import fails `npm test`:
// the renderer knows only the contract; the core never imports Electron.
const rendererRestrictions = {
  patterns: [
    { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
    { group: ['electron'], message: 'The renderer talks only to the API contract.' },
    { group: ['**/main/**', '**/db/**', '**/preload/**'], message: 'The renderer knows only contract/ and the pure analysis/ functions.' },
  ],
};
const coreRestrictions = {
  patterns: [{ group: ['electron'], message: 'Only main/electron/ and preload/ may import Electron.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'data/', 'bench/results/', '.scratch/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['renderer/src/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererRestrictions] },
  },
  {
    files: ['db/**', 'main/**', 'contract/**', 'analysis/**', 'bench/**'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', coreRestrictions] },
  },
  {
    // TensorFlow.js is loaded in one place, main/engine/worker/tf.mjs (tfWasm.mjs for the wasm
    // backend), with require(): an `import` of it makes Node scan its ~7 MB for export names,
    // over a second of a worker's start-up. Types may still come straight from the packages.
    files: ['main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/tfjs', '@tensorflow/tfjs-*'],
              allowTypeImports: true,
              message: "Import { tf } from main/engine/worker/tf.mjs (or { tfWasm } from tfWasm.mjs): it requires TensorFlow.js without Node's slow export scan.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['contract/**', 'analysis/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', '**/main/**', '**/db/**'], message: 'contract/ and analysis/ are shared with the browser.' }] },
      ],
    },
  },
);
