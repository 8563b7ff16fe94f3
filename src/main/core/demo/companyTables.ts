import type { NameCity } from './namePools'

/**
 * The demo company's data tables: company names, departments, legal entities with their work locations,
 * banks. Data only; companyStructure.ts and companyRecord.ts draw from them.
 */

export const COMPANY_NAMES = [
  'Nordwind Logistik',
  'Alpenglück Foods',
  'Meridian Mobility',
  'Kestrel Systems',
  'Lumen Health',
  'Fjordlys Energy',
  'Bergmann & Söhne',
  'Solaris Retail',
  'Helix Pharma',
  'Brückner Bau',
] as const

export interface DepartmentTemplate {
  name: string
  weight: number
  titles: readonly string[]
  leadTitle: string
  /** Operations staff are paid by the hour in most of Europe's logistics companies. */
  hourly: boolean
}

export const DEPARTMENTS: readonly DepartmentTemplate[] = [
  {
    name: 'Engineering',
    weight: 18,
    titles: [
      'Software Engineer',
      'Senior Software Engineer',
      'QA Engineer',
      'DevOps Engineer',
      'Data Engineer',
    ],
    leadTitle: 'Engineering Manager',
    hourly: false,
  },
  {
    name: 'Product',
    weight: 5,
    titles: ['Product Manager', 'Product Designer', 'UX Researcher'],
    leadTitle: 'Head of Product',
    hourly: false,
  },
  {
    name: 'Sales',
    weight: 12,
    titles: ['Account Executive', 'Sales Development Representative', 'Key Account Manager'],
    leadTitle: 'Head of Sales',
    hourly: false,
  },
  {
    name: 'Marketing',
    weight: 6,
    titles: ['Marketing Manager', 'Content Marketing Specialist', 'Performance Marketing Manager'],
    leadTitle: 'Head of Marketing',
    hourly: false,
  },
  {
    name: 'Customer Support',
    weight: 10,
    titles: ['Customer Support Agent', 'Customer Success Manager', 'Support Specialist'],
    leadTitle: 'Head of Customer Support',
    hourly: false,
  },
  {
    name: 'Operations',
    weight: 25,
    titles: [
      'Warehouse Associate',
      'Forklift Operator',
      'Logistics Coordinator',
      'Shift Supervisor',
      'Dispatcher',
    ],
    leadTitle: 'Head of Operations',
    hourly: true,
  },
  {
    name: 'Finance',
    weight: 5,
    titles: ['Accountant', 'Financial Controller', 'Payroll Specialist'],
    leadTitle: 'Chief Financial Officer',
    hourly: false,
  },
  {
    name: 'People & Culture',
    weight: 4,
    titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'],
    leadTitle: 'Head of People',
    hourly: false,
  },
  {
    name: 'Legal',
    weight: 2,
    titles: ['Legal Counsel', 'Compliance Officer'],
    leadTitle: 'General Counsel',
    hourly: false,
  },
  {
    name: 'Facilities',
    weight: 3,
    titles: ['Facility Manager', 'Office Manager', 'Caretaker'],
    leadTitle: 'Head of Facilities',
    hourly: false,
  },
]

export const TEAM_SUFFIXES = [
  'Nord',
  'Süd',
  'Core',
  'Growth',
  'Platform',
  'Enterprise',
  'Night Shift',
  'Day Shift',
]

export interface EntityTemplate {
  suffix: string
  country: string
  currency: string
  /** Converts a EUR salary into the local currency, roughly, so pay looks plausible per country. */
  eurRate: number
  /** Smaller companies have fewer subsidiaries. */
  minCompanySize: number
  locations: readonly { name: string; type: string; city: NameCity; street: string; weight: number }[]
}

export const ENTITY_TEMPLATES: readonly EntityTemplate[] = [
  {
    suffix: 'GmbH',
    country: 'DE',
    currency: 'EUR',
    eurRate: 1,
    minCompanySize: 0,
    locations: [
      {
        name: 'Berlin HQ',
        type: 'OFFICE',
        city: { city: 'Berlin', zip: '10117', country: 'DE', state: 'Berlin' },
        street: 'Friedrichstraße 68',
        weight: 30,
      },
      {
        name: 'Hamburg Lager',
        type: 'WAREHOUSE',
        city: { city: 'Hamburg', zip: '21107', country: 'DE', state: 'Hamburg' },
        street: 'Am Veringhafen 4',
        weight: 25,
      },
      {
        name: 'Remote (Deutschland)',
        type: 'REMOTE',
        city: { city: 'Berlin', zip: '10117', country: 'DE', state: 'Berlin' },
        street: 'Friedrichstraße 68',
        weight: 8,
      },
    ],
  },
  {
    suffix: 'France SAS',
    country: 'FR',
    currency: 'EUR',
    eurRate: 1,
    minCompanySize: 30,
    locations: [
      {
        name: 'Paris Bureau',
        type: 'OFFICE',
        city: { city: 'Paris', zip: '75009', country: 'FR', state: 'Île-de-France' },
        street: '12 rue de Châteaudun',
        weight: 6,
      },
    ],
  },
  {
    suffix: 'Iberia S.L.',
    country: 'ES',
    currency: 'EUR',
    eurRate: 1,
    minCompanySize: 30,
    locations: [
      {
        name: 'Madrid Oficina',
        type: 'OFFICE',
        city: { city: 'Madrid', zip: '28013', country: 'ES', state: 'Comunidad de Madrid' },
        street: 'Calle de Alcalá 21',
        weight: 6,
      },
    ],
  },
  {
    suffix: 'Polska sp. z o.o.',
    country: 'PL',
    currency: 'PLN',
    eurRate: 4.3,
    minCompanySize: 60,
    locations: [
      {
        name: 'Wrocław Magazyn',
        type: 'WAREHOUSE',
        city: { city: 'Wrocław', zip: '50-079', country: 'PL', state: 'dolnośląskie' },
        street: 'ul. Świdnicka 40',
        weight: 8,
      },
    ],
  },
  {
    suffix: 'Nordic AB',
    country: 'SE',
    currency: 'SEK',
    eurRate: 11.2,
    minCompanySize: 200,
    locations: [
      {
        name: 'Göteborg Kontor',
        type: 'OFFICE',
        city: { city: 'Göteborg', zip: '411 05', country: 'SE', state: null },
        street: 'Östra Hamngatan 16',
        weight: 4,
      },
    ],
  },
  {
    suffix: 'UK Ltd',
    country: 'GB',
    currency: 'GBP',
    eurRate: 0.85,
    minCompanySize: 200,
    locations: [
      {
        name: 'London Office',
        type: 'OFFICE',
        city: { city: 'London', zip: 'EC2A 4NE', country: 'GB', state: 'England' },
        street: '1 Finsbury Avenue',
        weight: 4,
      },
    ],
  },
  {
    suffix: 'Czech s.r.o.',
    country: 'CZ',
    currency: 'CZK',
    eurRate: 25,
    minCompanySize: 500,
    locations: [
      {
        name: 'Brno Sklad',
        type: 'WAREHOUSE',
        city: { city: 'Brno', zip: '602 00', country: 'CZ', state: null },
        street: 'Křenová 65',
        weight: 5,
      },
    ],
  },
]

export const BANKS_BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  DE: ['Sparkasse Berlin', 'Deutsche Bank', 'Commerzbank', 'ING-DiBa', 'Volksbank Lübeck'],
  FR: ['BNP Paribas', 'Société Générale', 'Crédit Agricole'],
  ES: ['Banco Santander', 'BBVA', 'CaixaBank'],
  PL: ['PKO Bank Polski', 'mBank', 'Bank Pekao'],
  SE: ['Nordea', 'Handelsbanken', 'SEB'],
  GB: ['Barclays', 'HSBC UK', 'Lloyds Bank'],
  CZ: ['Česká spořitelna', 'Komerční banka'],
}

export const SHIRT_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const
