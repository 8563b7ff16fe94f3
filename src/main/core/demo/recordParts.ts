import type { KomboAddress } from './komboRecord'
import type { NameCity } from './namePools'
import type { Random } from './random'

/** Small value builders shared by the demo company's structure and its records. */

export const DAY_MS = 86_400_000
export const YEAR_MS = 365 * DAY_MS

export function address(street: string, street2: string | null, city: NameCity): KomboAddress {
  return {
    city: city.city,
    country: city.country,
    raw: `${street}${street2 ? `, ${street2}` : ''}, ${city.zip} ${city.city}, ${city.country}`,
    state: city.state,
    street_1: street,
    street_2: street2,
    zip_code: city.zip,
  }
}

export function digits(random: Random, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += String(random.int(0, 9))
  return text
}

export function letters(random: Random, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += String.fromCharCode(65 + random.int(0, 25))
  return text
}

/** Kombo's date fields are full ISO date-times at midnight UTC, never bare dates. */
export function day(ms: number): string {
  const dayNumber = Math.floor(ms / DAY_MS)
  let text = DAY_STRINGS.get(dayNumber)
  if (text === undefined) {
    text = new Date(dayNumber * DAY_MS).toISOString()
    DAY_STRINGS.set(dayNumber, text)
  }
  return text
}

/** A few thousand distinct days recur across 50,000 people; formatting each once is much cheaper. */
const DAY_STRINGS = new Map<number, string>()

export function timestamp(ms: number): string {
  return new Date(Math.floor(ms)).toISOString()
}
