import { FuseV1Options, getCurrentFuseWire, type FuseConfig } from '@electron/fuses'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  afterPack,
  electronBinaryPath,
  flipElectronFuses,
  type AfterPackContext,
} from '../../../scripts/afterPack.mjs'

/**
 * The afterPack hook electron-builder runs on every packed app. There is no Electron binary here, so
 * the hook runs twice: once with @electron/fuses' flipFuses stubbed, to see the configuration it asks
 * for, and once for real on a stand-in executable that carries a fuse wire where Electron's does.
 */
const ARCH = { x64: 1, arm64: 3 } as const
const ENABLED = 49
const DISABLED = 48

const context = (electronPlatformName: string, arch: number, appOutDir = '/build/out'): AfterPackContext => ({
  appOutDir,
  electronPlatformName,
  arch,
  packager: {
    appInfo: { productFilename: 'HRIS Reconciliation Desk' },
    ...(electronPlatformName === 'linux' ? { executableName: 'hris-reconciliation-desk' } : {}),
  },
})

/** What each fuse named in the release checklist must be in a packaged app. */
const EXPECTED: [FuseV1Options, boolean][] = [
  [FuseV1Options.RunAsNode, false],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  [FuseV1Options.EnableCookieEncryption, true],
  [FuseV1Options.OnlyLoadAppFromAsar, true],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, false],
]

/** A stand-in executable: filler, the sentinel @electron/fuses looks for, then a V1 wire. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's shipped defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on. */
const ELECTRON_DEFAULT_WIRE = '10110001'
function fakeElectron(path: string, wire: string): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.alloc(4096, 0xcc),
      Buffer.from(SENTINEL, 'ascii'),
      Buffer.from([1, wire.length]),
      Buffer.from(wire, 'ascii'),
      Buffer.alloc(4096, 0xcc),
    ]),
  )
}

describe('the afterPack hook, with flipFuses stubbed', () => {
  function run(ctx: AfterPackContext) {
    const flip = vi.fn(async (_path: string, _config: FuseConfig) => 1)
    // The stubbed read answers what a successful flip leaves behind.
    const read = vi.fn(async () => {
      const config = flip.mock.calls[0]![1] as Record<number, boolean>
      return Object.fromEntries(
        Object.entries(config)
          .filter(([key]) => /^\d+$/.test(key))
          .map(([key, on]) => [key, on ? ENABLED : DISABLED]),
      ) as never
    })
    return { flip, promise: flipElectronFuses(ctx, { flip, read }) }
  }

  it('sets each fuse of the release checklist on the packed executable', async () => {
    const { flip, promise } = run(context('linux', ARCH.x64))
    await promise
    expect(flip).toHaveBeenCalledTimes(1)
    const [path, config] = flip.mock.calls[0]!
    expect(path).toBe(join('/build/out', 'hris-reconciliation-desk'))
    expect(config.version).toBe('1')
    for (const [fuse, enabled] of EXPECTED)
      expect({ fuse: FuseV1Options[fuse], enabled: config[fuse] }).toEqual({
        fuse: FuseV1Options[fuse],
        enabled,
      })
    expect(config.resetAdHocDarwinSignature).toBe(false)
  })

  it('finds the executable on each platform and re-signs ad hoc only on Apple silicon', async () => {
    expect(electronBinaryPath(context('win32', ARCH.x64))).toBe(
      join('/build/out', 'HRIS Reconciliation Desk.exe'),
    )
    expect(electronBinaryPath(context('darwin', ARCH.x64))).toBe(
      join('/build/out', 'HRIS Reconciliation Desk.app'),
    )
    const arm = run(context('darwin', ARCH.arm64))
    await arm.promise
    expect(arm.flip.mock.calls[0]![1].resetAdHocDarwinSignature).toBe(true)
    const intel = run(context('darwin', ARCH.x64))
    await intel.promise
    expect(intel.flip.mock.calls[0]![1].resetAdHocDarwinSignature).toBe(false)
  })

  it('fails the build when a fuse did not take', async () => {
    const flip = vi.fn(async () => 1)
    const read = vi.fn(async () => ({ version: '1', 0: ENABLED, 1: DISABLED }) as never)
    await expect(flipElectronFuses(context('linux', ARCH.x64), { flip, read })).rejects.toThrow(
      /the Electron fuses RunAsNode, EnableCookieEncryption, .* are not set/,
    )
  })
})

describe('the afterPack hook on a stand-in Electron binary', () => {
  it('flips every fuse in the wire through @electron/fuses', async () => {
    const out = mkdtempSync(join(tmpdir(), 'desk-fuses-'))
    const binary = join(out, 'hris-reconciliation-desk')
    fakeElectron(binary, ELECTRON_DEFAULT_WIRE)
    await afterPack(context('linux', ARCH.x64, out))
    const wire = await getCurrentFuseWire(binary)
    for (const [fuse, enabled] of EXPECTED)
      expect({ fuse: FuseV1Options[fuse], state: wire[fuse] }).toEqual({
        fuse: FuseV1Options[fuse],
        state: enabled ? ENABLED : DISABLED,
      })
    // Only the wire changed: the rest of the executable is byte for byte the same.
    const bytes = readFileSync(binary)
    expect(bytes.subarray(0, 4096).every((byte) => byte === 0xcc)).toBe(true)
    expect(bytes.length).toBe(4096 + SENTINEL.length + 2 + 8 + 4096)
  })

  it('leaves fuses of a newer Electron it does not know at their defaults', async () => {
    const out = mkdtempSync(join(tmpdir(), 'desk-fuses-'))
    const binary = join(out, 'HRIS Reconciliation Desk.exe')
    fakeElectron(binary, `${ELECTRON_DEFAULT_WIRE}1`)
    await afterPack(context('win32', ARCH.x64, out))
    const wire = await getCurrentFuseWire(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED)
    expect((wire as Record<number, number>)[8]).toBe(ENABLED)
  })

  it('stops the build on a file that is not an Electron binary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'desk-fuses-'))
    writeFileSync(join(out, 'hris-reconciliation-desk'), 'not electron')
    await expect(afterPack(context('linux', ARCH.x64, out))).rejects.toThrow(/sentinel/)
  })
})
