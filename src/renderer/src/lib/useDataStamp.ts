import { useLegacyStore } from '../stores/legacyStore'
import { useSyncStore } from '../stores/syncStore'

/**
 * What the match results rest on in this session: a sync or an import bumps it. Screens pass it to
 * loads so results are recomputed after new data, and reused (not re-matched) otherwise.
 */
export function useDataStamp(): string {
  const syncVersion = useSyncStore((state) => state.dataVersion)
  const legacyVersion = useLegacyStore((state) => state.dataVersion)
  return `${syncVersion}:${legacyVersion}`
}
