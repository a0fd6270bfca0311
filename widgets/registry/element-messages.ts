// The names of a building's elements and systems, as inspectors write them in their acts: the
// condition card and the assessment form use them, and other capabilities through public.ts (a
// lot's repairs, a report's works), so they are a catalog of their own and those pages download
// no condition words. Uzbek in Latin script with U+02BB / U+02BC.
import type { BuildingElement } from '../../domain/registry/assessment.ts';
import type { Catalogs } from '../core/i18n.ts';

const en = {
  el_roof: 'Roof',
  el_facade: 'Facade',
  el_foundation: 'Foundation',
  el_heating: 'Heating',
  el_water_supply: 'Water supply',
  el_sewerage: 'Sewerage',
  el_electricity: 'Electricity supply',
  el_gas: 'Gas supply',
  el_elevators: 'Elevators',
} as const;

export type ElementMessageKey = keyof typeof en;

export const elementKey = (e: BuildingElement) => `el_${e}` as ElementMessageKey;

export const elementMessages: Catalogs<ElementMessageKey> = {
  en,
  uz: {
    el_roof: 'Tom',
    el_facade: 'Fasad',
    el_foundation: 'Poydevor',
    el_heating: 'Isitish tizimi',
    el_water_supply: 'Suv taʼminoti',
    el_sewerage: 'Kanalizatsiya',
    el_electricity: 'Elektr taʼminoti',
    el_gas: 'Gaz taʼminoti',
    el_elevators: 'Liftlar',
  },
  ru: {
    el_roof: 'Кровля',
    el_facade: 'Фасад',
    el_foundation: 'Фундамент',
    el_heating: 'Отопление',
    el_water_supply: 'Водоснабжение',
    el_sewerage: 'Канализация',
    el_electricity: 'Электроснабжение',
    el_gas: 'Газоснабжение',
    el_elevators: 'Лифты',
  },
};
