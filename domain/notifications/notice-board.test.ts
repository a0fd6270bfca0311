import { describe, expect, it } from 'vitest';
import { initialsOf, noticeBoard, tashkentDay } from './notice-board.ts';

describe('notice board', () => {
  it('shows initials only, in any script', () => {
    expect(initialsOf('Aliyev Karim Rustamovich')).toBe('A. K. R.');
    expect(initialsOf('  ʻomonov  Oʻtkir ')).toBe('O. O.');
    expect(initialsOf('Юсупова Малика')).toBe('Ю. М.');
  });

  it('takes the Tashkent day, five hours ahead of UTC', () => {
    expect(tashkentDay('2026-12-05T19:30:00Z')).toBe('06.12.2026');
    expect(tashkentDay('2026-12-05T18:59:00Z')).toBe('05.12.2026');
  });

  it('groups by mailing newest first, apartments in counting order, each owner once, title in the reader language', () => {
    const m = (id: string, at: string) => ({
      mailingId: id,
      mailedAt: at,
      titles: { uz: `${id} uz`, ru: `${id} ru` },
    });
    const sections = noticeBoard(
      [
        { ...m('a', '2026-12-01T10:00:00Z'), place: 'kv. 10', fullName: 'Bek Ali' },
        { ...m('a', '2026-12-01T10:00:00Z'), place: 'kv. 2', fullName: 'Vali Gani' },
        { ...m('a', '2026-12-01T10:00:00Z'), place: 'kv. 2', fullName: 'Vali Gani' },
        { ...m('b', '2026-12-03T10:00:00Z'), place: null, fullName: 'Olim Said' },
      ],
      'en',
      '—',
    );
    expect(sections).toEqual([
      { mailingId: 'b', title: 'b uz', day: '03.12.2026', lines: [{ place: '—', initials: 'O. S.' }] },
      {
        mailingId: 'a',
        title: 'a uz',
        day: '01.12.2026',
        lines: [
          { place: '2', initials: 'V. G.' },
          { place: '10', initials: 'B. A.' },
        ],
      },
    ]);
    expect(
      noticeBoard([{ ...m('a', '2026-12-01T10:00:00Z'), place: '5', fullName: 'X Y' }], 'ru', '—')[0]?.title,
    ).toBe('a ru');
  });
});
