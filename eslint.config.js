import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { fileEnvironmentConfigs } from './eslint/fileEnvironment.js'

/**
 * A focused or skipped test silently shrinks what `npm test` checks, so neither lands: `.only`, `.skip`
 * and their conditional and placeholder forms (vitest's skipIf/runIf/todo, Playwright's fixme) are errors
 * in tests and benchmarks. vitest (allowOnly: false) and Playwright (forbidOnly) refuse `.only` as well.
 */
const FOCUS_OR_SKIP =
  'MemberExpression[property.name=/^(only|skip|skipIf|runIf|todo|fixme)$/]:matches([object.name=/^(it|test|describe|suite|bench)$/], [object.object.name=/^(it|test|describe|suite)$/])'

/**
 * Small units: no file in src over 500 lines and no function over 100 (blank lines and comments not
 * counted), so each can be read in one sitting (docs/architecture.md, "Size limits"). Data tables read
 * better whole, and each migration's `up` is one ordered script that must never change once shipped.
 */
const SIZE_LIMITS = {
  'max-lines': ['error', { max: 500 }],
  'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }],
}
const DATA_TABLES = ['src/main/core/demo/namePools.ts', 'src/main/core/demo/companyTables.ts']
const MIGRATIONS = 'src/main/core/store/migrations.ts'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.tmp/**',
      'node_modules/**',
      'bench/.data/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The CLI's entry is CommonJS (bin/package.json): require is how it loads.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // src/: what each directory may import (eslint/fileEnvironment.js).
  ...fileEnvironmentConfigs(),
  {
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    ignores: [...DATA_TABLES, MIGRATIONS],
    rules: SIZE_LIMITS,
  },
  {
    // The migrations' file is held to the file limit; only its `up` scripts may run long.
    files: [MIGRATIONS],
    rules: { 'max-lines': SIZE_LIMITS['max-lines'] },
  },
  {
    // Tests and tools: Electron stays at the edge here too (tests stub it instead of loading it).
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Loading electron outside Electron tries to download it: stub it (test/unit/host/electronStub.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: FOCUS_OR_SKIP,
          message: 'Focused or skipped tests do not land: every test runs in npm test.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
)
