/**
 * The wire shape of one `GET /v1/hris/employees` result, as the demo HRIS and the stand-in server emit it
 * (Kombo's documented employee model). Dates are full ISO date-time strings. Keys marked optional may be absent on the
 * wire, which Kombo does for these fields; everything else is always present, possibly null.
 *
 * This is a plain data description for fixtures, not the app's parser: the client must still parse
 * leniently, since real Kombo sends open enums and the stand-in can be told to send malformed records.
 */

export type KomboEmploymentStatus = 'ACTIVE' | 'PENDING' | 'INACTIVE' | 'LEAVE'
export type KomboEmploymentType =
  | 'FULL_TIME'
  | 'PART_TIME'
  | 'CONTRACT'
  | 'INTERNSHIP'
  | 'FREELANCE'
  | 'WORKING_STUDENT'
  | 'APPRENTICESHIP'
  | 'TRAINING'
export type KomboGender = 'MALE' | 'FEMALE' | 'NON_BINARY' | 'NOT_SPECIFIED'
export type KomboMaritalStatus =
  'SINGLE' | 'MARRIED' | 'DOMESTIC_PARTNERSHIP' | 'WIDOWED' | 'DIVORCED' | 'SEPARATED' | 'NOT_MARRIED'
export type KomboGroupType = 'DEPARTMENT' | 'TEAM' | 'COST_CENTER'
export type KomboPayPeriod = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR'
export type KomboPayFrequency = 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY' | 'SEMIMONTHLY'
export type KomboBalanceUnit = 'HOURS' | 'DAYS'

export interface KomboAddress {
  city: string | null
  country: string | null
  raw: string | null
  state: string | null
  street_1: string | null
  street_2: string | null
  zip_code: string | null
}

export interface KomboBankAccount {
  iban: string | null
  bic: string | null
  account_number: string | null
  holder_name: string | null
  bank_name: string | null
  domestic_bank_routing: { number: string; type: string | null } | null
}

export interface KomboEmployment {
  id: string
  remote_id: string | null
  employee_id: string
  job_title: string | null
  pay_rate: number | null
  pay_period?: KomboPayPeriod | null
  pay_frequency?: KomboPayFrequency | null
  employment_type?: KomboEmploymentType | null
  pay_currency: string | null
  effective_date: string | null
  changed_at: string
  remote_deleted_at: string | null
  custom_fields: Record<string, unknown> | null
}

export interface KomboTimeOffBalance {
  id: string
  remote_id: string | null
  employee_id: string
  type_id: string
  balance: number | null
  balance_unit: KomboBalanceUnit | null
  used: number | null
  used_unit: KomboBalanceUnit | null
  changed_at: string
  remote_deleted_at: string | null
}

export interface KomboManagerRef {
  id: string
  remote_id: string
  employee_number: string | null
  first_name: string | null
  last_name: string | null
  display_full_name: string | null
  work_email?: string | null
  employment_status?: KomboEmploymentStatus | null
  termination_date: string | null
}

export interface KomboGroupRef {
  id: string
  remote_id: string
  name: string | null
  type: KomboGroupType | null
}

export interface KomboLegalEntityRef {
  id: string
  remote_id: string | null
  name: string | null
  address?: KomboAddress | null
}

export interface KomboWorkLocationRef {
  id: string
  remote_id: string | null
  name: string | null
  address?: KomboAddress | null
  type: string | null
  changed_at: string
  remote_deleted_at: string | null
}

/** A passthrough field as in the OpenAPI spec (the TS SDK strips these; a raw client sees them). */
export interface KomboIntegrationField {
  id: string
  key: string
  type: 'DEFAULT' | 'CUSTOM'
  value: string | number | boolean | null
  label: string | null
}

export interface KomboEmployeeRecord {
  id: string
  remote_id: string
  employee_number: string | null
  first_name: string | null
  last_name: string | null
  display_full_name: string | null
  nationality: string | null
  job_title: string | null
  work_email?: string | null
  personal_email?: string | null
  mobile_phone_number: string | null
  ssn: string | null
  tax_id: string | null
  gender?: KomboGender | null
  ethnicity?: string | null
  marital_status?: KomboMaritalStatus | null
  employment_status?: KomboEmploymentStatus | null
  employment_type?: KomboEmploymentType | null
  weekly_hours: number | null
  avatar: string | null
  work_location_id: string | null
  legal_entity_id: string | null
  manager_id: string | null
  home_address?: KomboAddress | null
  bank_accounts?: KomboBankAccount[] | null
  date_of_birth: string | null
  start_date: string | null
  termination_date: string | null
  remote_created_at: string | null
  changed_at: string
  remote_deleted_at: string | null
  custom_fields: Record<string, unknown> | null
  integration_fields?: KomboIntegrationField[]
  remote_data?: Record<string, unknown> | null
  employments: KomboEmployment[]
  time_off_balances: KomboTimeOffBalance[]
  manager: KomboManagerRef | null
  groups: KomboGroupRef[]
  legal_entity: KomboLegalEntityRef | null
  work_location: KomboWorkLocationRef | null
}
