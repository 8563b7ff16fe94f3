/** Roles a legacy CSV column can play. */
export type LegacyRole =
  'user_id' | 'email' | 'first_name' | 'last_name' | 'full_name' | 'hris_id' | 'private_email' | 'status'

export interface LegacyUser {
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
  /** Unknown columns, kept aside verbatim. */
  extra: Record<string, string>
}

export interface CsvProblem {
  line: number
  reason: string
}

export interface LegacyImportSummary {
  fileName: string
  rows: number
  encoding: string
  delimiter: string
  columns: Partial<Record<LegacyRole, string>>
  extraColumns: string[]
  /** Decisions kept because their user ids are still in the new file. */
  decisionsKept: number
  decisionsDropped: number
}
