/** Roles a legacy CSV column can play. */
export type LegacyRole =
  'user_id' | 'email' | 'first_name' | 'last_name' | 'full_name' | 'hris_id' | 'private_email' | 'status'

export const LEGACY_ROLES: readonly LegacyRole[] = [
  'user_id',
  'email',
  'first_name',
  'last_name',
  'full_name',
  'hris_id',
  'private_email',
  'status',
]

export interface LegacyUser {
  /** The product's own id, always text exactly as in the file (leading zeros kept). */
  user_id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  full_name: string | null
  hris_id: string | null
  private_email: string | null
  /** The product's own status for this user, when the export has one (e.g. active / disabled). */
  status: string | null
  /** 1-based line in the file where this user's record starts. */
  line: number
  /** Unknown columns, kept aside by header name (trimmed values; empty cells left out). */
  extra: Record<string, string>
}

/** Why a CSV file was refused; one file can have many problems, each reported on its own line. */
export type CsvProblemKind =
  | 'not_text'
  | 'empty_file'
  | 'malformed_csv'
  | 'field_count'
  | 'missing_user_id'
  | 'duplicate_user_id'
  | 'no_user_id_column'
  | 'no_identity_column'
  | 'ambiguous_column'
  | 'column_map'

export interface CsvProblem {
  /** 1-based line in the file (the header's line for problems with the columns). */
  line: number
  kind: CsvProblemKind
  /** One sentence, e.g. `duplicate user id 0042 (also on line 3)`. */
  reason: string
}

export interface LegacyImportSummary {
  fileName: string
  rows: number
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `windows-1252`. */
  encoding: string
  /** The CSV delimiter, or `json` / `ndjson` for an export of JSON records. */
  delimiter: string
  /** Which header plays each role, as detected or set by the request's map. */
  columns: Partial<Record<LegacyRole, string>>
  extraColumns: string[]
  /** Users of this file whose id was not in the previous import (all of them on a first import). */
  usersAdded: number
  /** Users of the previous import whose id is not in this file. */
  usersRemoved: number
  /** Decision events kept because their user ids are still in the new file. */
  decisionsKept: number
  /** Decision events of users who left the file: set aside (kept by user id) until they return. */
  decisionsDropped: number
  /** Rows that repeated a user with the same identity (one row per group) and were folded into one. */
  rowsCollapsed: number
  /** How the file was read where its headers alone did not say (the user id column chosen, a yes/no status). */
  notes: string[]
}
