/** An employee as stored locally: the fields matching and diffing need (the raw record is kept aside). */
export interface StoredEmployee {
  id: string
  remote_id: string
  employee_number: string | null
  first_name: string | null
  last_name: string | null
  display_full_name: string | null
  work_email: string | null
  personal_email: string | null
  employment_status: string | null
  start_date: string | null
  termination_date: string | null
  date_of_birth: string | null
  changed_at: string | null
  remote_deleted_at: string | null
  /** When a full fetch stopped returning this employee (null while Kombo still returns it). */
  vanished_at: string | null
}
