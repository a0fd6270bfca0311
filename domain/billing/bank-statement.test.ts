import { describe, expect, it } from 'vitest';
import {
  autoMatch,
  classifyLine,
  purposeCandidates,
  type SettlementPolicy,
  validateStatement,
} from './bank-statement.ts';
import {
  isPersonalAccount,
  luhnDigit,
  personalAccountNumber,
  personalAccountSerial,
} from './personal-account.ts';

describe('personal account numbers', () => {
  it('nine digits of serial and a Luhn check digit', () => {
    expect(luhnDigit('7992739871')).toBe(3); // the textbook example
    expect(personalAccountNumber(42)).toBe('0000000422');
    expect(personalAccountNumber(123_456_789)).toBe('1234567897');
    expect(personalAccountSerial('1234567897')).toBe(123_456_789);
    expect(() => personalAccountNumber(0)).toThrow(RangeError);
    expect(() => personalAccountNumber(1_000_000_000)).toThrow(RangeError);
  });

  it('catches every single-digit typo and a swap of neighbours', () => {
    const good = personalAccountNumber(123_456_789);
    for (let i = 0; i < 10; i++)
      for (let d = 0; d < 10; d++) {
        const typo = good.slice(0, i) + d + good.slice(i + 1);
        if (typo !== good) expect(isPersonalAccount(typo)).toBe(false);
      }
    expect(isPersonalAccount('2134567897')).toBe(false);
    expect(isPersonalAccount('0000000000')).toBe(false);
    expect(isPersonalAccount('123456789')).toBe(false);
  });
});

describe('payment purpose', () => {
  const kinds = (purpose: string) =>
    purposeCandidates(purpose).map(
      (c) => `${c.kind}:${'account' in c ? c.account : c.number}:${c.confidence}`,
    );

  it('reads labelled personal accounts in Russian, Uzbek and English forms', () => {
    for (const p of [
      'Оплата взносов л/с 0000000422 за июль',
      'л.с. 0000000422',
      'ЛС:0000000422',
      'лицевой счёт № 0000000422',
      'Sh/h 0000000422 uchun',
      'shaxsiy hisobi 0000000422',
      'Account #0000000422',
      'l/s0000000422',
    ])
      expect(kinds(p)).toEqual(['personal_account:0000000422:high']);
  });

  it('a bare valid number is medium, a bare invalid one is ignored, a labelled invalid one is low', () => {
    expect(kinds('Взнос 0000000422 июль')).toEqual(['personal_account:0000000422:medium']);
    expect(kinds('тел 9012345678')).toEqual([]);
    expect(kinds('л/с 0000000423')).toEqual(['personal_account:0000000423:low']);
  });

  it('other labelled lengths are the previous manager`s accounts', () => {
    expect(kinds('л/с 1234567 за июль')).toEqual(['legacy_account:1234567:medium']);
  });

  it('apartments: medium when one is named, low when several', () => {
    expect(kinds('кв. 12 за июль 2026')).toEqual(['apartment:12:medium']);
    expect(kinds('kv 12a')).toEqual(['apartment:12a:medium']);
    expect(kinds('за квартиру 7, Иванов')).toEqual(['apartment:7:medium']);
    expect(kinds('kv.12 va kv.14')).toEqual(['apartment:12:low', 'apartment:14:low']);
    expect(kinds('квартплата 2026')).toEqual([]);
    expect(kinds('кв 12345')).toEqual([]);
    expect(kinds('Ремонт подъезда')).toEqual([]);
  });

  it('keeps the order written and the text it read', () => {
    const c = purposeCandidates('кв 12, л/с 0000000422');
    expect(c.map((x) => x.text)).toEqual(['кв 12', 'л/с 0000000422']);
  });

  it('matches by itself only one labelled valid account with no other account named', () => {
    expect(autoMatch(purposeCandidates('л/с 0000000422 кв 12'))).toBe('0000000422');
    expect(autoMatch(purposeCandidates('л/с 0000000422, л/с 0000000422'))).toBe('0000000422');
    expect(autoMatch(purposeCandidates('0000000422'))).toBeNull();
    expect(autoMatch(purposeCandidates('л/с 0000000422 и 1234567897'))).toBeNull();
    expect(autoMatch(purposeCandidates('л/с 0000000422, л/с 1234567'))).toBeNull();
    expect(autoMatch(purposeCandidates('л/с 0000000423'))).toBeNull();
    expect(autoMatch(purposeCandidates('кв 12'))).toBeNull();
  });
});

describe('statement lines', () => {
  const header = ['date', 'amount', 'payer', 'purpose', 'reference'];
  const line = (over: Record<string, string> = {}) => ({
    date: '10.07.2026',
    amount: '81 555,00',
    payer: 'Karimov A.',
    purpose: 'л/с 0000000422',
    reference: 'REF-1',
    ...over,
  });

  it('reads dates in both forms and amounts exactly', () => {
    const r = validateStatement(header, [
      line(),
      line({ date: '2026-07-11', amount: '1234.5', reference: 'REF-2', purpose: '' }),
    ]);
    expect(r).toEqual({
      ok: true,
      lines: [
        {
          row: 2,
          date: '2026-07-10',
          direction: 'incoming',
          amount: 8_155_500,
          payer: 'Karimov A.',
          account: null,
          purpose: 'л/с 0000000422',
          reference: 'REF-1',
        },
        {
          row: 3,
          date: '2026-07-11',
          direction: 'incoming',
          amount: 123_450,
          payer: 'Karimov A.',
          account: null,
          purpose: '',
          reference: 'REF-2',
        },
      ],
    });
  });

  it('names every bad row and field at once', () => {
    const r = validateStatement(header, [
      line({ date: '31.02.2026' }),
      line({ amount: '0,00', reference: 'REF-2' }),
      line({ amount: '12,345', payer: ' ', reference: 'REF-3' }),
      line({ reference: 'REF-1' }),
      line({ reference: '' }),
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.row} ${e.field}`)).toEqual([
      '2 date',
      '3 amount',
      '4 amount',
      '4 payer',
      '5 reference',
      '6 reference',
    ]);
    expect(r.errors[4]?.message).toBe('duplicate of row 2');
  });

  it('a missing column is reported once, on the header', () => {
    expect(validateStatement(['date', 'amount', 'payer'], [line()])).toEqual({
      ok: false,
      errors: [
        { row: 1, field: 'purpose', message: 'column is missing' },
        { row: 1, field: 'reference', message: 'column is missing' },
      ],
    });
  });

  it('a negative amount is an outgoing line; Russian headers, debit and credit columns, an account', () => {
    const r = validateStatement(
      ['Дата', 'Дебет', 'Кредит', 'Контрагент', 'Счёт', 'Назначение платежа', 'Номер документа', 'Остаток'],
      [
        {
          Дата: '01.11.2026',
          Дебет: '',
          Кредит: '100,00',
          Контрагент: 'A',
          Счёт: '2020 8000 1',
          'Назначение платежа': '',
          'Номер документа': 'X1',
        },
        {
          Дата: '01.11.2026',
          Дебет: '5,5',
          Кредит: '',
          Контрагент: 'B',
          Счёт: '',
          'Назначение платежа': 'fee',
          'Номер документа': 'X2',
        },
        {
          Дата: '01.11.2026',
          Дебет: '5',
          Кредит: '6',
          Контрагент: 'C',
          Счёт: 'ab-1',
          'Назначение платежа': '',
          'Номер документа': 'X3',
        },
      ],
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.row} ${e.field}`)).toEqual(['4 amount', '4 account']);
    const good = validateStatement(
      ['date', 'amount', 'payer', 'purpose', 'reference'],
      [line({ amount: '-1 000,50' })],
    );
    expect(good.ok && good.lines[0]).toMatchObject({ direction: 'outgoing', amount: 100_050 });
    const split = validateStatement(
      ['Sana', 'Debet', 'Kredit', "To'lovchi", 'Hisob raqami', "To'lov maqsadi", 'Hujjat raqami'],
      [
        {
          Sana: '2026-11-01',
          Debet: '',
          Kredit: '1',
          "To'lovchi": 'A',
          'Hisob raqami': '20208 00010',
          "To'lov maqsadi": '',
          'Hujjat raqami': 'Y',
        },
      ],
    );
    expect(split.ok && split.lines[0]).toMatchObject({
      direction: 'incoming',
      amount: 100,
      account: '2020800010',
    });
  });

  it('refuses an ambiguous header and an empty statement', () => {
    const header = (h: string[]) => {
      const r = validateStatement(h, [line()]);
      return r.ok ? [] : r.errors.map((e) => `${e.row} ${e.field} ${e.message}`);
    };
    expect(header(['date', 'Дата', 'amount', 'payer', 'purpose', 'reference'])).toEqual([
      "1 date named twice: 'date', 'Дата'",
    ]);
    expect(header(['date', 'debit', 'payer', 'purpose', 'reference'])).toEqual([
      '1 credit column is missing: debit and credit come together',
    ]);
    expect(header(['date', 'amount', 'debit', 'credit', 'payer', 'purpose', 'reference'])).toEqual([
      '1 amount give either amount or debit and credit',
    ]);
    expect(validateStatement(['date', 'amount', 'payer', 'purpose', 'reference'], [])).toEqual({
      ok: false,
      errors: [{ row: 2, field: 'row', message: 'the statement has no lines' }],
    });
  });
});

describe('what a line is', () => {
  const senders: SettlementPolicy = {
    payme: { accounts: ['20208000100000000001'], names: ['Payme', 'Inspired'] },
    click: { accounts: [], names: ['Click'] },
  };
  const incoming = (payer: string, account: string | null = null) =>
    classifyLine({ direction: 'incoming', payer, account }, senders);

  it('a provider by its account or a whole word of its name; the rest are owners’ payments, outgoing is other', () => {
    expect(incoming('Tranzit', '20208000100000000001')).toEqual({
      kind: 'provider_settlement',
      provider: 'payme',
    });
    expect(incoming('OOO "INSPIRED"')).toEqual({ kind: 'provider_settlement', provider: 'payme' });
    expect(incoming('"CLICK" MChJ')).toEqual({ kind: 'provider_settlement', provider: 'click' });
    expect(incoming('Clickov Anvar')).toEqual({ kind: 'owner_payment', provider: null });
    expect(incoming('Karimov A.', '20208000900100001001')).toEqual({ kind: 'owner_payment', provider: null });
    expect(classifyLine({ direction: 'outgoing', payer: 'Payme', account: null }, senders)).toEqual({
      kind: 'other',
      provider: null,
    });
  });
});
