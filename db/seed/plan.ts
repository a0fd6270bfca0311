// What the demo districts look like: their addresses, managers, building stock, apartment sizes,
// condition by age, co-ownership patterns and identifier formats. Numbers are plausible for
// Tashkent's Soviet-era and newer housing, not statistics.
import type { Language } from '../../domain/common/language.ts';
import type { RegisterStatus } from '../../domain/common/register-status.ts';
import type { ConditionClass } from '../../domain/registry/types.ts';
import type { PlotGrid } from './plots.ts';
import type { Rng } from './random.ts';

export interface DistrictPlan {
  key: 'yunusobod' | 'chilonzor';
  /** SOATO-style code (synthetic). */
  code: string;
  name: string;
  /** District part of the cadastral number. */
  cadastral: string;
  council: { name: string; email: string };
  address: (block: number, house: number) => string;
  blocks: number;
  houses: number;
  /** Which organizations (index into ORGANIZATIONS; null = none) manage how many buildings. */
  managers: { orgs: readonly (number | null)[]; weights: readonly number[] };
  /** Where its blocks and houses stand (plots.ts). */
  plots: PlotGrid;
}

export const DISTRICTS: readonly DistrictPlan[] = [
  {
    key: 'yunusobod',
    code: '1726266',
    name: 'Yunusobod tumani',
    cadastral: '01',
    council: { name: 'Yunusobod tumani xalq deputatlari Kengashi', email: 'kengash@yunusobod.toshkent.uz' },
    address: (b, h) => `Yunusobod ${b}-mavze, ${h}-uy`,
    blocks: 19,
    houses: 120,
    managers: { orgs: [0, 1, 2, 3, null], weights: [40, 25, 20, 8, 7] },
    plots: { lon: 69.2869, lat: 41.3672, blockColumns: 6, houseColumns: 11, cell: 55 },
  },
  {
    key: 'chilonzor',
    code: '1726294',
    name: 'Chilonzor tumani',
    cadastral: '07',
    council: { name: 'Chilonzor tumani xalq deputatlari Kengashi', email: 'kengash@chilonzor.toshkent.uz' },
    address: (b, h) => `Chilonzor ${b}-kvartal, ${h}-uy`,
    blocks: 30,
    houses: 80,
    managers: { orgs: [4, 1, null], weights: [60, 30, 10] },
    plots: { lon: 69.2036, lat: 41.2856, blockColumns: 6, houseColumns: 9, cell: 65 },
  },
];

/** How many lots the demo district is topped up to hold (docs/domain/lots.md). */
export const LOTS_DEMO_LOTS = 2;

/**
 * Room above the minimum, as a factor, so the balancing has borders to move: a district of exactly
 * two minimums would split only one way.
 */
export const LOTS_DEMO_HEADROOM = 1.1;

/**
 * The apartments the demo district holds at least, so that it splits into LOTS_DEMO_LOTS lots of
 * the configured minimum (15,400 for the default 7,000). New quarters (blocks after the plan's
 * last) top it up when the configured size leaves it short.
 */
export const lotsDemoApartments = (minApartments: number): number =>
  Math.ceil(minApartments * LOTS_DEMO_LOTS * LOTS_DEMO_HEADROOM);

/** Share of the apartments that lie in Chilonzor (the small second district). */
export const CHILONZOR_SHARE = 0.12;

export const ORGANIZATIONS: readonly { name: string; domain: string; status: RegisterStatus }[] = [
  { name: '"Yunusobod Servis Uy-Joy" MChJ', domain: 'yunusobodservis.uz', status: 'registered' },
  { name: '"Obod Xonadon Boshqaruv" MChJ', domain: 'obodxonadon.uz', status: 'registered' },
  { name: '"Shinam Makon" MChJ', domain: 'shinammakon.uz', status: 'registered' },
  // Suspended from the e-register yet still recorded as manager of a few buildings, as happens in
  // real transitions, so the demo shows what the system does about it.
  { name: '"Toza Hovli Xizmat" XK', domain: 'tozahovli.uz', status: 'suspended' },
  { name: '"Chilonzor Komfort" MChJ', domain: 'chilonzorkomfort.uz', status: 'registered' },
];

/**
 * Not in the register yet, so the demo can show an application from the start; kept apart from
 * ORGANIZATIONS (and generated last) so that adding it reshuffled none of the other rows.
 */
export const APPLICANT_ORGANIZATION = { name: '"Anhor Uy-Joy Xizmat" MChJ', domain: 'anhoruyjoy.uz' };

export interface Layout {
  floors: number;
  entrances: number;
  perFloor: number;
  yearBuilt: number;
}

/** Five-storey blocks of the 1960s–80s, nine-storey panels, some towers of the 2000s and later. */
export function pickLayout(rng: Rng): Layout {
  const floors = rng.weighted([4, 5, 9, 12, 16], [20, 35, 30, 10, 5]);
  if (floors <= 5) return { floors, entrances: rng.int(1, 4), perFloor: 3, yearBuilt: rng.int(1965, 1990) };
  if (floors === 9) {
    const yearBuilt = rng.chance(0.15) ? rng.int(2010, 2024) : rng.int(1975, 1995);
    return { floors, entrances: rng.int(1, 3), perFloor: 4, yearBuilt };
  }
  if (floors === 12) return { floors, entrances: rng.int(1, 2), perFloor: 4, yearBuilt: rng.int(1980, 2000) };
  return { floors, entrances: 1, perFloor: 4, yearBuilt: rng.int(2005, 2024) };
}

const CLASSES = ['red', 'yellow', 'green', null] as const;

/** Older buildings are more often yellow or red; a few are not assessed yet (null). */
export function conditionOf(rng: Rng, year: number): ConditionClass | null {
  if (year < 1980) return rng.weighted(CLASSES, [25, 45, 20, 10]);
  if (year < 2000) return rng.weighted(CLASSES, [10, 40, 42, 8]);
  return rng.weighted(CLASSES, [2, 13, 80, 5]);
}

/** Rooms → [min, max] m² of an apartment. */
export const AREA_BY_ROOMS: Record<number, readonly [number, number]> = {
  1: [28, 40],
  2: [42, 60],
  3: [60, 85],
  4: [85, 120],
};

/** Rooms of the apartments on one landing, by apartments per floor. */
export const ROOM_PATTERNS: Record<number, readonly (readonly number[])[]> = {
  3: [
    [1, 2, 3],
    [2, 3, 2],
    [2, 2, 3],
  ],
  4: [
    [1, 2, 3, 2],
    [2, 3, 3, 2],
    [1, 3, 2, 4],
    [2, 2, 3, 3],
  ],
};

const parseShares = (s: string) => s.split(' ').map((f) => f.split('/').map(Number) as [number, number]);

/** How co-owned apartments are split, and how often. */
export const SHARE_PATTERNS = {
  values: ['1/2 1/2', '2/3 1/3', '3/4 1/4', '1/3 1/3 1/3', '1/2 1/4 1/4'].map(parseShares),
  weights: [55, 20, 10, 10, 5],
};

export function languageOf(rng: Rng, ethnic: 'uz' | 'ru'): Language {
  return ethnic === 'uz'
    ? rng.weighted(['uz', 'ru', 'en'], [85, 12, 3])
    : rng.weighted(['ru', 'uz', 'en'], [90, 8, 2]);
}

/** Appends a 7-3-1 weighted check digit (synthetic: the national algorithm is not published). */
export function withCheckDigit(body: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * weights[i % 3]!;
  return body + (sum % 10);
}

/** A 14-digit PINFL shaped like the real one: sex and century, birth date, district, serial, check. */
export function pinflOf(rng: Rng, female: boolean, birth: Date): string {
  const century = birth.getUTCFullYear() >= 2000 ? (female ? 6 : 5) : female ? 4 : 3;
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(birth.getUTCFullYear() % 100).padStart(2, '0');
  return withCheckDigit(`${century}${dd}${mm}${yy}${rng.digits(3)}${rng.digits(3)}`);
}

/** k distinct indices below n, in draw order (partial Fisher–Yates). */
export function sample(rng: Rng, n: number, k: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = rng.int(i, n - 1);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    out.push(idx[i]!);
  }
  return out;
}
