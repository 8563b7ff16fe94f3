// electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of the packed app
// before it is signed. Plain JavaScript because electron-builder loads hooks with require/import.
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { join } from 'node:path'

/**
 * The fuses a release build ships with. Fuses are bits in the Electron binary itself, read before
 * any of the app's code runs, so an environment variable or a command-line flag cannot undo them:
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node interpreter.
 * - NODE_OPTIONS and --inspect/--inspect-brk off: both let whoever starts the app run code in main.
 * - Cookie encryption on: cookies on disk are encrypted with the OS keychain key, like safeStorage.
 * - Embedded asar integrity validation on, and only load the app from the asar: a modified
 *   app.asar (or a loose app folder beside it) is refused. Electron checks the integrity on macOS and
 *   Windows, where electron-builder records the asar's hash in the bundle and the executable.
 * - File protocol extra privileges off: the renderer comes from app:// and never needs file://.
 * - The browser-process-specific V8 snapshot stays off (the app ships none).
 */
export const FUSES = Object.freeze({
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
})

/** @electron/fuses' FuseState values for a fuse that is on or off ('1' and '0' in the wire). */
const ENABLED = 49
const DISABLED = 48

/** electron-builder's Arch enum value for arm64 and universal macOS builds (builder-util's Arch). */
const ARM64_ARCHES = new Set([3, 4])

/** Where the packed Electron executable is, named as electron-builder names it for each platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const productFilename = packager.appInfo.productFilename
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${productFilename}.app`)
    case 'win32':
      return join(appOutDir, `${productFilename}.exe`)
    case 'linux':
      return join(appOutDir, packager.executableName ?? productFilename)
    default:
      throw new Error(`afterPack: no Electron fuses for platform "${electronPlatformName}"`)
  }
}

/** The fuse configuration handed to @electron/fuses for one packed app. */
export function fuseConfig(context) {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  return {
    version: FuseVersion.V1,
    // Flipping fuses changes the binary, which breaks the ad-hoc signature Apple silicon requires to
    // run at all; re-sign ad hoc here (a real identity signs later, after this hook).
    resetAdHocDarwinSignature: isMac && ARM64_ARCHES.has(context.arch),
    // Not strict: a newer Electron may carry fuses this @electron/fuses does not know; those keep
    // Electron's defaults, and every fuse named above is still set and checked below.
    strictlyRequireAllFuses: false,
    ...FUSES,
  }
}

/**
 * Flips the fuses, then reads the wire back and fails the build if any fuse did not take.
 * `io` swaps the binary access for tests.
 */
export async function flipElectronFuses(context, io = { flip: flipFuses, read: getCurrentFuseWire }) {
  const binary = electronBinaryPath(context)
  await io.flip(binary, fuseConfig(context))
  const wire = await io.read(binary)
  const wrong = Object.entries(FUSES).filter(
    ([index, enabled]) => wire[index] !== (enabled ? ENABLED : DISABLED),
  )
  if (wrong.length > 0) {
    const names = wrong.map(([index]) => FuseV1Options[index]).join(', ')
    throw new Error(`afterPack: the Electron fuses ${names} are not set as configured in ${binary}`)
  }
}

export async function afterPack(context) {
  await flipElectronFuses(context)
}

export default afterPack
