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
  // src/: what each directory may import (eslint/fileEnvironment.js).
  ...fileEnvironmentConfigs(),
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
