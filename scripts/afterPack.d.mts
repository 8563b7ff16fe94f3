import type { FuseConfig, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContext {
  appOutDir: string
  electronPlatformName: string
  /** electron-builder's Arch: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
  arch: number
  packager: { appInfo: { productFilename: string }; executableName?: string }
}

export interface FuseIo {
  flip(pathToElectron: string, config: FuseConfig): Promise<unknown>
  read: typeof getCurrentFuseWire
}

export declare const FUSES: Readonly<Record<FuseV1Options, boolean>>
export declare function electronBinaryPath(context: AfterPackContext): string
export declare function fuseConfig(context: AfterPackContext): FuseConfig
export declare function flipElectronFuses(context: AfterPackContext, io?: FuseIo): Promise<void>
export declare function afterPack(context: AfterPackContext): Promise<void>
export default afterPack
