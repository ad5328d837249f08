// ESLint flat config: the JavaScript and TypeScript recommended rules over sources, tests, examples,
// bench and scripts. Build output, recordings and results are not ours to lint (and keep it fast).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'bench/results*',
      'bench/.cache/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are the conventional "deliberately unused" (callback arity, destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A patched function keeps the caller's `this` for the original and reaches the capture that
      // patched it through this one name (the wrappers of fetch and node:http2).
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['capture'] }],
    },
  },
  {
    // CommonJS on purpose (the CommonJS app under test, the bench's --require loads): require() is their import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/viewer/ui/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
