// The column sets of the bulk registry import and the parsing of one cell. Rows arrive as records
// of strings after CSV parsing; an empty cell is an absent value. Limits are data like every
// policy, so a region with older housing stock or a different phone plan can change them.
import { DEFAULT_CADASTRAL_PATTERN, isPinfl, isTin } from '../common/identifiers.ts';
import type { ImportError } from '../common/import-error.ts';
import { LANGUAGES, type Language } from '../common/language.ts';

export const IMPORT_KINDS = ['buildings', 'apartments', 'owners'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Required then optional columns, the header row of each file kind. */
export const IMPORT_COLUMNS: Record<
  ImportKind,
  { required: readonly string[]; optional: readonly string[] }
> = {
  buildings: {
    required: [
      'cadastral_number',
      'district_code',
      'address',
      'year_built',
      'floors',
      'entrances',
      'total_area',
      'living_area',
    ],
    optional: ['management_organization_tin'],
  },
  apartments: {
    required: ['building_cadastral_number', 'number', 'entrance', 'floor', 'area'],
    optional: [],
  },
  owners: {
    required: [
      'building_cadastral_number',
      'apartment_number',
      'pinfl',
      'full_name',
      'share_numerator',
      'share_denominator',
    ],
    optional: ['email', 'phone', 'language'],
  },
};

/**
 * The natural key of each kind: a re-import updates the record with the same key instead of
 * adding one, so importing the same file twice changes nothing. An owner is a person in an
 * apartment: the same PINFL may own several apartments, and an apartment several owners.
 */
export const NATURAL_KEYS: Record<ImportKind, readonly string[]> = {
  buildings: ['cadastral_number'],
  apartments: ['building_cadastral_number', 'number'],
  owners: ['building_cadastral_number', 'apartment_number', 'pinfl'],
};

export interface ImportPolicy {
  /** [design] 1800: older buildings are not multi-apartment housing stock */
  minYearBuilt: number;
  /** [design] 100 floors, 50 entrances: above any building in the country, below a typo */
  maxFloors: number;
  maxEntrances: number;
  /** [design] national format; a string so policies stay JSON */
  cadastralPattern: string;
  /** [design] Uzbek numbers, +998 and 9 digits, as the register's dispatch phone */
  phonePattern: string;
  /** [design] 500 characters for an address, 200 for a name */
  maxAddressLength: number;
  maxNameLength: number;
}

export const DEFAULT_IMPORT_POLICY: ImportPolicy = {
  minYearBuilt: 1800,
  maxFloors: 100,
  maxEntrances: 50,
  cadastralPattern: DEFAULT_CADASTRAL_PATTERN.source,
  phonePattern: '^\\+998\\d{9}$',
  maxAddressLength: 500,
  maxNameLength: 200,
};

export function resolveImportPolicy(...layers: (Partial<ImportPolicy> | undefined)[]): ImportPolicy {
  let policy = DEFAULT_IMPORT_POLICY;
  for (const layer of layers) if (layer) policy = { ...policy, ...layer };
  return policy;
}

export type { ImportError };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INTEGER = /^-?\d+$/;
/** Spreadsheets in Uzbek and Russian locales write a decimal comma; both are read. */
const AREA = /^\d+([.,]\d{1,2})?$/;

/** Reads the cells of one row, collecting an error per bad cell instead of stopping at the first. */
export class CellReader {
  readonly errors: ImportError[] = [];
  readonly #record: Readonly<Record<string, string | undefined>>;
  readonly #row: number;
  readonly #policy: ImportPolicy;

  constructor(record: Readonly<Record<string, string | undefined>>, row: number, policy: ImportPolicy) {
    this.#record = record;
    this.#row = row;
    this.#policy = policy;
  }

  fail(field: string, message: string): void {
    this.errors.push({ row: this.#row, field, message });
  }

  optional(field: string): string | null {
    const v = (this.#record[field] ?? '').trim();
    return v === '' ? null : v;
  }

  text(field: string, max = this.#policy.maxNameLength): string {
    const v = this.optional(field);
    if (v === null) this.fail(field, 'is required');
    else if (v.length > max) this.fail(field, `must be at most ${max} characters`);
    return v ?? '';
  }

  integer(field: string, min: number, max: number): number {
    const v = this.text(field);
    if (v === '') return 0;
    const n = Number(v);
    if (!INTEGER.test(v) || n < min || n > max)
      this.fail(field, `must be a whole number from ${min} to ${max}`);
    return n;
  }

  area(field: string): number {
    const v = this.text(field);
    if (v === '') return 0;
    const n = Number(v.replace(',', '.'));
    if (!AREA.test(v) || n <= 0) this.fail(field, 'must be a positive number of m² with at most 2 decimals');
    return n;
  }

  cadastral(field: string): string {
    const v = this.text(field);
    if (v !== '' && !new RegExp(this.#policy.cadastralPattern).test(v)) {
      this.fail(field, 'is not a cadastral number in the national format');
    }
    return v;
  }

  pinfl(field: string): string {
    const v = this.text(field);
    if (v !== '' && !isPinfl(v)) this.fail(field, 'must be a PINFL of 14 digits');
    return v;
  }

  tin(field: string): string | null {
    const v = this.optional(field);
    if (v !== null && !isTin(v)) this.fail(field, 'must be a TIN of 9 digits');
    return v;
  }

  email(field: string): string | null {
    const v = this.optional(field);
    if (v !== null && !EMAIL.test(v)) this.fail(field, 'is not an e-mail address');
    return v;
  }

  phone(field: string): string | null {
    const v = this.optional(field)?.replace(/[\s()-]/g, '') ?? null;
    if (v !== null && !new RegExp(this.#policy.phonePattern).test(v))
      this.fail(field, 'is not a phone number');
    return v;
  }

  language(field: string): Language | null {
    const v = this.optional(field)?.toLowerCase() ?? null;
    if (v !== null && !(LANGUAGES as readonly string[]).includes(v)) {
      this.fail(field, `must be one of ${LANGUAGES.join(', ')}`);
    }
    return v as Language | null;
  }
}
