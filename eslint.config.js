// ESLint flat config: `npm run lint` (part of `npm test`).
// TypeScript files get typescript-eslint's type-aware `recommendedTypeChecked` rules, using the
// project's tsconfig.json through the project service. Plain JavaScript (scripts, benchmarks,
// config files) gets ESLint's recommended rules. Formatting is Prettier's job (`npm run format`),
// so eslint-config-prettier switches off every stylistic rule that could disagree with it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Generated code (`npm run codegen`), build output and scratch space are never linted.
    ignores: ['src/generated/**', 'dist/**', 'coverage/**', 'docs/api/**', '.tmp/**', 'node_modules/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names mark parameters and bindings that are deliberately unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Type-only imports stay type-only (verbatimModuleSyntax relies on it).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/client/sleep.ts'],
    rules: {
      // Rejecting with `signal.reason` (typed `any`) is the platform's own convention
      // (AbortSignal.throwIfAborted, timers/promises): callers get the reason they aborted with.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true }],
    },
  },
  {
    files: ['src/policy/schema.ts'],
    rules: {
      // The `messages` table's entries (src/policy/messages.ts) are method-shorthand functions
      // that never use `this`; schema.ts hands them to zod unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', '**/*.test-d.ts'],
    rules: {
      // Tests inspect raw, untyped GraphQL/JSON payloads (`any`) and make deliberately ill-typed
      // calls under @ts-expect-error; their expect() assertions are the type check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // expect(obj.method) / expectTypeOf(client.tokens.create) reference methods without calling them.
      '@typescript-eslint/unbound-method': 'off',
      // Fakes implement Promise-returning interfaces (fetch, stores) with async functions that need no await.
      '@typescript-eslint/require-await': 'off',
      // Tests interpolate secret holders and builders into strings on purpose, to check their redaction / toString.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // graphql's Kind enum compared with its string value when walking parsed documents.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
