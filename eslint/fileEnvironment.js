// The environment of every file under src/ follows from its directory, and an import that leaves what
// that environment may use is a lint error. docs/architecture.md ("Layers and what each may import")
// explains why each layer is fenced the way it is; test/unit/lint/ shows every fence firing.
import { builtinModules } from 'node:module'
import { dirname, relative, resolve, sep } from 'node:path'

/** @typedef {'shared' | 'core' | 'host' | 'platform' | 'preload' | 'renderer' | 'web' | 'cli'} Environment */

/**
 * @typedef {object} Allowance
 * @property {Environment[]} imports source directories this environment may import at run time
 * @property {Environment[]} [typeImports] directories it may import types from (erased at build time)
 * @property {string[]} [runtimeFiles] files of a typeImports directory it may still import at run time
 * @property {string[]} [outsideFiles] project files outside src/ it may import (bundled in at build time)
 * @property {boolean} node Node built-ins (`fs`, `node:fs`, ...)
 * @property {boolean} electron
 * @property {string[] | 'any'} packages npm packages other than electron
 * @property {string[]} [deniedPackages] packages refused even when packages is 'any'
 * @property {string} why one clause the error message ends with
 */

/** Packages that only run in Node (a native addon, Node's HTTP client, the TS runner). */
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'undici', 'tsx']

/** @type {Record<Environment, Allowance>} */
export const ALLOWANCES = {
  shared: {
    imports: ['shared'],
    // The version, read once in src/shared/version.ts; the bundlers inline the one field.
    outsideFiles: ['package.json'],
    node: false,
    electron: false,
    packages: ['zod'],
    why: 'src/shared is the contract every environment loads, the browser included',
  },
  core: {
    imports: ['shared', 'core'],
    node: true,
    electron: false,
    packages: 'any',
    why: 'the core runs under plain Node behind every host and knows none of them',
  },
  host: {
    imports: ['shared', 'core', 'host'],
    node: true,
    electron: false,
    packages: 'any',
    why: 'src/main/host is the plumbing all three hosts share, so it cannot lean on any one of them',
  },
  platform: {
    imports: ['shared', 'core', 'host', 'platform'],
    node: true,
    electron: true,
    packages: 'any',
    why: 'the Electron host adapts the shared host plumbing; it does not reach into the other hosts',
  },
  preload: {
    imports: ['preload'],
    typeImports: ['shared'],
    runtimeFiles: ['src/shared/protocol.ts'],
    node: false,
    electron: true,
    packages: [],
    why: 'the sandboxed preload can load nothing but electron; it takes only types (and src/shared/protocol.ts) from the contract',
  },
  renderer: {
    imports: ['shared', 'renderer'],
    node: false,
    electron: false,
    packages: 'any',
    deniedPackages: NODE_ONLY_PACKAGES,
    why: 'the renderer runs in a browser sandbox and reaches the core only through lib/api.ts',
  },
  web: {
    imports: ['shared', 'core', 'host', 'web'],
    node: true,
    electron: false,
    packages: 'any',
    why: 'the web host adapts the shared host plumbing to HTTP and never loads Electron',
  },
  cli: {
    imports: ['shared', 'core', 'host', 'cli'],
    node: true,
    electron: false,
    packages: 'any',
    why: 'the CLI adapts the shared host plumbing to a terminal and never loads Electron',
  },
}

/** Most specific first: src/main/core is also under src/main. */
const ENVIRONMENT_DIRECTORIES = /** @type {const} */ ([
  ['src/shared/', 'shared'],
  ['src/main/core/', 'core'],
  ['src/main/host/', 'host'],
  ['src/main/platform/', 'platform'],
  ['src/main/index.ts', 'platform'],
  ['src/preload/', 'preload'],
  ['src/renderer/', 'renderer'],
  ['src/web/', 'web'],
  ['src/cli/', 'cli'],
])

/**
 * @param {string} projectPath a path relative to the project root, with forward slashes
 * @returns {Environment | null} null for files outside src/ (tests, benchmarks, scripts, configs)
 */
export function environmentOf(projectPath) {
  for (const [prefix, environment] of ENVIRONMENT_DIRECTORIES) {
    if (projectPath === prefix || projectPath.startsWith(prefix)) return environment
  }
  return null
}

/** Globals that exist only in Node, refused where the code also runs in a browser or the preload. */
export const NODE_GLOBALS = [
  'process',
  'Buffer',
  'global',
  'require',
  'module',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
]

const builtins = new Set(builtinModules)

/** @param {string} specifier */
function packageName(specifier) {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

/** @param {string} specifier */
function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || builtins.has(packageName(specifier))
}

/**
 * Why this import is refused, or null when the environment may make it.
 * @param {Environment} from
 * @param {string} specifier as written in the source
 * @param {string | null} targetPath the resolved project path for a relative import
 * @param {boolean} typeOnly the import is erased at build time (`import type`, or every name is a type)
 * @returns {string | null}
 */
export function refusal(from, specifier, targetPath, typeOnly) {
  const allowance = ALLOWANCES[from]
  const refuse = (what) => `${from} may not import ${what}: ${allowance.why}.`
  if (targetPath !== null) {
    const target = environmentOf(targetPath)
    if (target === null)
      return allowance.outsideFiles?.includes(targetPath) ? null : refuse(`'${specifier}' (outside src/)`)
    if (allowance.imports.includes(target)) return null
    if (allowance.typeImports?.includes(target)) {
      if (
        typeOnly ||
        allowance.runtimeFiles?.some((file) => targetPath === file || `${targetPath}.ts` === file)
      )
        return null
      return refuse(`'${specifier}' at run time (use \`import type\`)`)
    }
    return refuse(`'${specifier}' (${target})`)
  }
  if (isNodeBuiltin(specifier)) return allowance.node ? null : refuse(`the Node module '${specifier}'`)
  const name = packageName(specifier)
  if (name === 'electron') return allowance.electron ? null : refuse(`electron`)
  // A type-only import of a package is erased at build time, so it loads nothing where this file runs.
  if (typeOnly) return null
  if (allowance.packages !== 'any' && !allowance.packages.includes(name))
    return refuse(`the package '${name}'`)
  if (allowance.deniedPackages?.includes(name)) return refuse(`the package '${name}'`)
  return null
}

/** @param {import('estree').Node & { importKind?: string, specifiers?: Array<{ importKind?: string }> }} node */
function isTypeOnly(node) {
  if (node.importKind === 'type' || /** @type {{ exportKind?: string }} */ (node).exportKind === 'type')
    return true
  const specifiers = node.specifiers ?? []
  return (
    specifiers.length > 0 &&
    specifiers.every(
      (specifier) =>
        specifier.importKind === 'type' ||
        /** @type {{ exportKind?: string }} */ (specifier).exportKind === 'type',
    )
  )
}

/** @type {import('eslint').Rule.RuleModule} */
export const fileEnvironmentRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each directory under src/ imports only what its environment allows' },
    schema: [],
    messages: { refused: '{{reason}}' },
  },
  create(context) {
    const root = context.cwd
    const filename = context.filename
    const toProjectPath = (absolute) => relative(root, absolute).split(sep).join('/')
    const from = environmentOf(toProjectPath(filename))
    if (from === null) return {}

    /** @param {import('estree').Node} node @param {unknown} source @param {boolean} typeOnly */
    function check(node, source, typeOnly) {
      if (typeof source !== 'string') return
      const targetPath = source.startsWith('.') ? toProjectPath(resolve(dirname(filename), source)) : null
      const reason = refusal(from, source, targetPath, typeOnly)
      if (reason) context.report({ node, messageId: 'refused', data: { reason } })
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      CallExpression: (node) => {
        const [first] = node.arguments
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal')
          check(node, first.value, false)
      },
    }
  },
}

/** The per-directory ESLint config: the environment rule everywhere in src/, Node globals fenced off. */
export function fileEnvironmentConfigs() {
  const nodeGlobalsRefused = NODE_GLOBALS.map((name) => ({
    name,
    message: `${name} exists only in Node; this file also runs in a browser or the sandboxed preload.`,
  }))
  return [
    {
      files: ['src/**/*.{ts,tsx,js,mjs,cjs}'],
      plugins: { desk: { rules: { 'file-environment': fileEnvironmentRule } } },
      rules: { 'desk/file-environment': 'error' },
    },
    {
      files: ['src/shared/**', 'src/renderer/**', 'src/preload/**'],
      rules: { 'no-restricted-globals': ['error', ...nodeGlobalsRefused] },
    },
  ]
}
