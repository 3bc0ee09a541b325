// Lint run by `npm test` (see docs/decisions): typescript-eslint's recommended rules, plus the type-aware
// checks the core leans on: every switch over a union handles each member, no promise left floating.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/out/**', 'coverage/**', 'docs/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      // The packages are CommonJS; a `require` inside a function loads an optional or heavy package only when
      // a command needs it (exceljs, gRPC, PostgreSQL drivers, a bench peer), so it is allowed for those.
      '@typescript-eslint/no-require-imports': [
        'error',
        { allow: ['^@licheng/', '^@event-driven-io/', '^@electric-sql/', '^js-yaml$'] },
      ],
      // A leading underscore names what is deliberately left out (a destructured field dropped from a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // A report's order, an example's placements: the same on every machine, whatever its locale (LANG).
    files: ['packages/*/src/**/*.ts', 'examples/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='localeCompare'][arguments.length<2]",
          message: "localeCompare without a locale follows the process's locale: use byCodeUnits, or name the locale.",
        },
      ],
    },
  },
);
