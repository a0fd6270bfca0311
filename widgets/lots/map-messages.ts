// What the district's map in <mu-lots> says, in Uzbek (Latin, with U+02BB), Russian and English.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  mapTitle: 'Map of the lots',
  mapLabel:
    'Map of the district: {count} buildings; each lot has its own colour and pattern, each condition its own shape.',
  mapTable: 'The map as a table',
  colAddress: 'Address',
  colLot: 'Lot',
  colApartments: 'Apartments',
  colCondition: 'Condition',
  noLot: 'in no lot',
  noPlace: '{n} buildings have no land plot yet and are not drawn.',
  class_green: 'Good (circle)',
  class_yellow: 'Worn (triangle)',
  class_red: 'Poor (square)',
  class_unassessed: 'Not assessed (diamond)',
  buildingTitle: '{address}: {lot}, {condition}',
};

export type MapMessageKey = keyof typeof en;

export const mapMessages: Catalogs<MapMessageKey> = {
  en,
  uz: {
    mapTitle: 'Lotlar xaritasi',
    mapLabel:
      'Tuman xaritasi: {count} ta uy; har bir lotning oʻz rangi va naqshi, har bir holatning oʻz shakli bor.',
    mapTable: 'Xarita jadval koʻrinishida',
    colAddress: 'Manzil',
    colLot: 'Lot',
    colApartments: 'Xonadonlar',
    colCondition: 'Holati',
    noLot: 'lotga kirmagan',
    noPlace: '{n} ta uyning yer uchastkasi hali yoʻq, ular chizilmagan.',
    class_green: 'Yaxshi (doira)',
    class_yellow: 'Eskirgan (uchburchak)',
    class_red: 'Yomon (kvadrat)',
    class_unassessed: 'Baholanmagan (romb)',
    buildingTitle: '{address}: {lot}, {condition}',
  },
  ru: {
    mapTitle: 'Карта лотов',
    mapLabel: 'Карта района: домов {count}; у каждого лота свой цвет и узор, у каждого состояния своя форма.',
    mapTable: 'Карта в виде таблицы',
    colAddress: 'Адрес',
    colLot: 'Лот',
    colApartments: 'Квартиры',
    colCondition: 'Состояние',
    noLot: 'вне лотов',
    noPlace: 'Домов без земельного участка: {n}; они не нарисованы.',
    class_green: 'Хорошее (круг)',
    class_yellow: 'Изношенное (треугольник)',
    class_red: 'Плохое (квадрат)',
    class_unassessed: 'Не оценено (ромб)',
    buildingTitle: '{address}: {lot}, {condition}',
  },
};
