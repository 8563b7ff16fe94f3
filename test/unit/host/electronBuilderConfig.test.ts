import { Ajv } from 'ajv'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

/**
 * electron-builder.yml against the JSON schema electron-builder itself ships (app-builder-lib's
 * scheme.json, the one it validates with before building), plus the promises the file makes to the rest
 * of the project. Nothing here needs the Electron binary or the network.
 */
const root = join(import.meta.dirname, '..', '..', '..')
const require = createRequire(join(root, 'package.json'))
const schemaPath = join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json')
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object
// Like electron-builder: the schema uses its own `typeof` keyword, which strict mode would reject.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

interface BuilderConfig {
  directories: { output: string; buildResources: string }
  files: string[]
  asar: boolean
  asarUnpack: string[]
  afterPack: string
  electronFuses?: unknown
  linux: { target: string[]; icon: string; maintainer: string }
  mac: { target: string; icon: string }
  win: { target: string; icon: string }
}
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig

function errorsOf(candidate: unknown): string[] {
  return validate(candidate)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`)
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(errorsOf(config)).toEqual([])
  })

  it('would be caught with a misspelt option or a wrong type (the check is real)', () => {
    expect(errorsOf({ ...config, asarUnpak: config.asarUnpack })).not.toEqual([])
    expect(errorsOf({ ...config, linux: { ...config.linux, category: 42 } })).not.toEqual([])
    expect(errorsOf({ ...config, nsis: { oneClick: 'no' } })).not.toEqual([])
  })

  it('builds AppImage and deb for Linux, dmg for macOS and NSIS for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>$/)
  })

  it('uses the committed icons from resources/', () => {
    const resources = join(root, config.directories.buildResources)
    expect(statSync(join(resources, config.linux.icon)).isDirectory()).toBe(true)
    expect(existsSync(join(resources, config.linux.icon, '512x512.png'))).toBe(true)
    expect(existsSync(join(resources, config.mac.icon))).toBe(true)
    expect(existsSync(join(resources, config.win.icon))).toBe(true)
    // The window icon the main process loads from the app (src/main/index.ts) is packed.
    expect(config.files).toContain('resources/icon.png')
  })

  it("packs the built app that package.json's main points into", () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }
    expect(manifest.main).toBe('./out/main/index.js')
    for (const part of ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'])
      expect(config.files).toContain(part)
  })

  it('packs into an asar and unpacks the installed better-sqlite3 addon from it', () => {
    expect(config.asar).toBe(true)
    const addon = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release')
    const addonFile = join(addon, 'better_sqlite3.node')
    expect(existsSync(addonFile)).toBe(true)
    const relativeAddon = addonFile
      .slice(root.length + 1)
      .split('\\')
      .join('/')
    const unpacked = config.asarUnpack.some((pattern) => {
      const expression = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')
      return new RegExp(`^${expression}$`).test(relativeAddon)
    })
    expect(unpacked).toBe(true)
  })

  it('flips the fuses in its own afterPack hook, not a second time through electronFuses', async () => {
    expect(config.electronFuses).toBeUndefined()
    const hookPath = join(root, config.afterPack)
    expect(existsSync(hookPath)).toBe(true)
    const hook = (await import(hookPath)) as { afterPack?: unknown }
    expect(typeof hook.afterPack).toBe('function')
  })
})
