import type { ParsedEmployee } from '../kombo/employeeRecord'
import type { WriteCounts } from './employeeWriter'
import type { RunEnd } from './syncRuns'

/** Messages between a sync and its writer thread (structured-cloned). */
export type ToWriter =
  | { type: 'open'; dbPath: string; nativeBinding?: string }
  | { type: 'begin'; integrationId: string; runId: number; now: string; maxJsonDepth: number }
  | { type: 'page'; seq: number; body: Uint8Array; resultCount: number; employees: ParsedEmployee[] }
  | {
      type: 'commit'
      markVanished: boolean
      watermark: string | null
      end: Omit<RunEnd, keyof WriteCounts> & { runId: number; integrationId: string }
    }
  | { type: 'rollback' }

export type FromWriter =
  | { type: 'opened' }
  | { type: 'ready' }
  | { type: 'written'; seq: number }
  | { type: 'committed'; counts: WriteCounts }
  | { type: 'rolled-back' }
  /** `refused`: the page itself was refused (a KomboError of kind 'refused'), not the write. */
  | { type: 'failed'; message: string; refused?: boolean }
