import { describe, expect, it } from 'vitest';
import { reportsBoardExportRows } from './export.ts';

const row = {
  buildingId: 'b1',
  address: 'Yunusobod 4-mavze, 12-uy',
  organizationId: 'o1',
  organizationName: '“Obod Yunusobod” MChJ',
  status: 'submitted' as const,
  late: true,
  // 21:30 UTC is 02:30 of the next day in Tashkent (UTC+5 all year).
  enteredAt: '2027-04-10T21:30:00.000Z',
  suspendedMonths: ['2027-04'],
  keptMonths: [],
  liftedFrom: '2027-05',
  lostMonths: [{ period: '2027-04' }],
  lostTiyin: 125_000,
};

describe('the reports board as a spreadsheet', () => {
  it('speaks the reader language and tells the submission in Tashkent time', () => {
    const [, ru] = reportsBoardExportRows([row], 'ru');
    expect(ru).toEqual([
      'b1',
      'Yunusobod 4-mavze, 12-uy',
      '“Obod Yunusobod” MChJ',
      'o1',
      'Сдан',
      'да',
      '2027-04-11 02:30',
      '2027-04',
      '',
      '2027-05',
      '2027-04',
      '1250.00',
    ]);
    const [header, uz] = reportsBoardExportRows([{ ...row, late: false }], 'uz');
    expect(header?.[6]).toBe('Topshirilgan (Toshkent vaqti)');
    expect(header?.[11]).toBe('Yoʻqotilgan summa (soʻm)');
    expect(uz?.slice(4, 7)).toEqual(['Topshirilgan', 'yoʻq', '2027-04-11 02:30']);
  });
});
