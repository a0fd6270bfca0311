// Every kind of mail the platform sends, rendered in Uzbek, Russian and English: none may show a
// code (a snake_case token such as a status or category), and an Uzbek or Russian mail may keep no
// word of the English one except the names, numbers and links it was given. A template that falls
// back to English, or prints a code where a word belongs, fails here.
import { describe, expect, it } from 'vitest';
import { renderRegistryNotice } from '../../activities/mail/templates.ts';
import { type NoticeKind, renderMeetingNotice } from '../../activities/meetings/templates.ts';
import { appealDates } from '../../domain/appeals/dates.ts';
import { APPEAL_NOTICES, renderAppealNotice } from '../../domain/appeals/notice-mail.ts';
import { APPEAL_CATEGORIES, APPEAL_STATUSES } from '../../domain/appeals/types.ts';
import { accrueApartment } from '../../domain/billing/accrual.ts';
import { debtCalculation } from '../../domain/billing/court.ts';
import { courtClaimMail } from '../../domain/billing/court-letter.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { buildReceipt, receiptNumber } from '../../domain/billing/receipt.ts';
import { receiptMail } from '../../domain/billing/receipt-document.ts';
import { renderActSignMail } from '../../domain/commissioning/act-mail.ts';
import { COMMISSIONING_CONDITIONS } from '../../domain/commissioning/policy.ts';
import { renderCommissioningReminder } from '../../domain/commissioning/reminder-mail.ts';
import type { Language } from '../../domain/common/language.ts';
import { renderContractSignMail } from '../../domain/contracts/sign-mail.ts';
import { MEETING_FORMS } from '../../domain/meetings/policy.ts';
import { renderBallotReceipt } from '../../domain/meetings/receipt-mail.ts';
import { renderRemovalMail } from '../../domain/register/removal-mail.ts';
import { REMOVAL_REASONS } from '../../domain/register/status.ts';
import { renderReportReminder } from '../../domain/reports/reminder-mail.ts';

const tk = (iso: string) => Date.parse(`${iso}+05:00`);

/** One mail kind: its variants (e.g. each status) rendered in a language, with the data given to it. */
interface MailKind {
  name: string;
  render(lang: Language): { subject: string; text: string; html?: string }[];
  /** Names, addresses, numbers and links the mail was given: words in them are not translations. */
  data: string[];
}

const ADDRESS = 'Toshkent, Yunusobod 4-kvartal, 13-uy';
const ORG = 'Obod Uy MChJ';
const LINK = 'http://127.0.0.1:3000/?appeal=5f0c8a52-8a3e-4d47-9c37-1f7b1d2a9e01';

const saturdayNight = appealDates({
  receivedAt: tk('2026-12-05T23:30:00'),
  registeredOn: '2026-12-07',
  dueLastDay: '2026-12-21',
  answeredAt: tk('2026-12-10T11:00:00'),
});

const receipt = buildReceipt(
  {
    period: '2026-08',
    number: receiptNumber('2026-08', '100102030045', 7),
    ownerId: 'own-a',
    apartmentId: 'apt-1',
    personalAccount: '0000000422',
    opening: 1_500_000,
    accruals: accrueApartment(
      '2026-08',
      'bld-1',
      {
        apartmentId: 'apt-1',
        areaHundredths: 5437,
        owners: [{ ownerId: 'own-a', ownerKind: 'person', share: { numerator: 1, denominator: 1 } }],
      },
      [{ from: '2026-08-01', to: '2026-09-01', tiyinPerM2: 165_000, organizationId: 'org-1' }],
      'tiyin',
    ),
    payments: [
      { transferId: 'p1', date: '2026-07-10', amount: 1_000_000, channel: 'payme', reference: 'P-1' },
    ],
    penalties: [],
    corrections: [],
  },
  DEFAULT_BILLING_POLICY,
);

const MEETING = {
  meetingId: 'm-1',
  title: 'Yillik umumiy yigʻilish',
  attempt: 1,
  initiatorName: 'Karimov Aziz',
  addresses: [ADDRESS],
  votingOpensAt: new Date(tk('2026-12-10T09:00:00')),
  votingClosesAt: new Date(tk('2026-12-20T18:00:00')),
  agenda: [{ id: 'i1', position: 1, title: 'Tomni taʼmirlash' }],
  materialsUrl: 'http://127.0.0.1:3000/?meeting=m-1',
  reason: 'Karantin',
  decision: {
    quorumReached: true,
    totalWeight: 100,
    participatingWeight: 70,
    items: [
      {
        itemId: 'i1',
        kind: 'ordinary' as const,
        for: 50,
        against: 10,
        abstain: 10,
        rule: 'majority_of_cast' as const,
        accepted: true,
      },
    ],
  },
  protocolSha256: 'a'.repeat(64),
  ballotSetSha256: 'b'.repeat(64),
};

const KINDS: MailKind[] = [
  {
    name: 'appeal notice',
    render: (lang) =>
      APPEAL_NOTICES.flatMap((notice) =>
        APPEAL_STATUSES.map((status, i) =>
          renderAppealNotice(lang, notice, {
            registrationNumber: '2026-000123',
            category: APPEAL_CATEGORIES[i % APPEAL_CATEGORIES.length]!,
            status,
            responsibleName: ORG,
            dates: saturdayNight,
            answerText: 'Radiatorlar almashtirildi.',
            link: LINK,
          }),
        ),
      ),
    data: [ORG, LINK, 'Radiatorlar almashtirildi.'],
  },
  {
    name: 'register removal',
    render: (lang) =>
      REMOVAL_REASONS.map((reason) =>
        renderRemovalMail(lang, { organizationName: ORG, tin: '301234567', reason }),
      ),
    data: [ORG],
  },
  {
    name: 'report reminder',
    render: (lang) => [
      renderReportReminder(lang, {
        address: ADDRESS,
        quarter: '2026-Q4',
        dueDate: '2027-01-15',
        link: 'http://127.0.0.1:3000/reports',
      }),
    ],
    data: [ADDRESS, 'http://127.0.0.1:3000/reports'],
  },
  {
    name: 'commissioning reminder',
    render: (lang) => [
      renderCommissioningReminder(lang, {
        cadastralNumber: '10:01:02:03:0045',
        missing: COMMISSIONING_CONDITIONS,
        dueAt: tk('2027-02-01T00:00:00'),
        link: 'http://127.0.0.1:3000/api/v1/commissioning/applications/a1',
      }),
    ],
    data: ['http://127.0.0.1:3000/api/v1/commissioning/applications/a1'],
  },
  {
    name: 'contract awaiting a signature',
    render: (lang) =>
      (['conclusion', 'amendment', 'termination'] as const).map((change) =>
        renderContractSignMail(lang, {
          number: 'MU-2027-1A2B3C4D',
          change,
          otherParty: ORG,
          link: 'https://portal.example.uz/?open=contract:c1',
        }),
      ),
    data: ['MU-2027-1A2B3C4D', ORG, 'https://portal.example.uz/?open=contract:c1'],
  },
  {
    name: 'commissioning act awaiting a signature',
    render: (lang) =>
      (['solar_transfer', 'management_engagement'] as const).map((kind) =>
        renderActSignMail(lang, {
          kind,
          cadastralNumber: '10:01:02:03:0045',
          otherParty: ORG,
          link: 'https://portal.example.uz/?open=commissioning:a1',
        }),
      ),
    data: ['10:01:02:03:0045', ORG, 'https://portal.example.uz/?open=commissioning:a1'],
  },
  {
    name: 'registry check notice',
    render: (lang) => [
      renderRegistryNotice(lang, {
        organizationName: ORG,
        address: ADDRESS,
        cadastralNumber: '10:01:02:03:0045',
        checkId: 'c-1',
        findings: [
          { kind: 'no_owner', apartmentId: 'a12', apartmentNumber: '12' },
          {
            kind: 'invalid_share',
            apartmentId: 'a13',
            apartmentNumber: '13',
            share: { numerator: 3, denominator: 2 },
          },
          {
            kind: 'shares_not_whole',
            apartmentId: 'a14',
            apartmentNumber: '14',
            sum: { numerator: 1, denominator: 2 },
          },
          { kind: 'apartments_exceed_living_area', apartmentsArea: 120, livingArea: 100 },
          { kind: 'apartments_exceed_total_area', apartmentsArea: 120, totalArea: 110 },
          { kind: 'living_area_exceeds_total_area', livingArea: 120, totalArea: 110 },
        ],
      }),
    ],
    data: [ORG, ADDRESS],
  },
  {
    name: 'meeting notice',
    render: (lang) =>
      (['notice', 'repeat', 'reminder', 'postponed', 'cancelled', 'result'] as NoticeKind[]).flatMap((kind) =>
        MEETING_FORMS.map((form) => renderMeetingNotice(lang, kind, { ...MEETING, form })),
      ),
    data: [
      MEETING.title,
      ADDRESS,
      MEETING.materialsUrl,
      'Karimov Aziz',
      'Karantin',
      'Tomni taʼmirlash',
      MEETING.protocolSha256,
      MEETING.ballotSetSha256,
    ],
  },
  {
    name: 'ballot receipt',
    render: (lang) =>
      [null, 'Rahimova Dilnoza'].map((proxyName) =>
        renderBallotReceipt(lang, {
          ownerName: 'Karimov Aziz',
          meetingTitle: MEETING.title,
          address: ADDRESS,
          apartmentNumber: '42',
          tracker: 'c'.repeat(64),
          proxyName,
        }),
      ),
    data: ['Karimov Aziz', 'Rahimova Dilnoza', MEETING.title, ADDRESS, 'c'.repeat(64)],
  },
  {
    name: 'billing receipt',
    render: (lang) => [
      receiptMail(
        {
          receipt,
          parties: {
            ownerName: 'Karimov Aziz',
            address: ADDRESS,
            apartmentNumber: '42',
            share: '1/1',
            buildingCode: '100102030045',
            organizationName: ORG,
            payee: { tin: '301234567', bankAccount: '20208000900123456001', bankName: null },
          },
          payUrl: 'http://127.0.0.1:3000/pay/202608-100102030045-000007?t=abc',
          madeAt: '2026-08-01T00:05:00.000Z',
        },
        lang,
      ),
    ],
    data: ['Karimov Aziz', ADDRESS, ORG, 'http://127.0.0.1:3000/pay/202608-100102030045-000007?t=abc'],
  },
  {
    name: 'debt claim letter',
    render: (lang) => [
      courtClaimMail(
        {
          number: '0000000422-20261020',
          ownerName: 'Karimov Aziz',
          address: ADDRESS,
          apartmentNumber: '42',
          personalAccount: '0000000422',
          organizationName: ORG,
          payee: { tin: '301234567', bankAccount: '20208000900123456001', bankCode: '00014' },
          calculation: debtCalculation(
            [{ period: '2026-07', accrued: 500_000, paid: 100_000, penalty: 60_000, penaltyPaid: 10_000 }],
            '2026-10-20',
            DEFAULT_BILLING_POLICY,
          ),
          answerBy: '2026-11-19',
          acknowledgeUrl: 'http://portal.test/court-claims/c1/acknowledge?t=abc',
        },
        lang,
      ),
    ],
    data: ['Karimov Aziz', ADDRESS, ORG, 'http://portal.test/court-claims/c1/acknowledge?t=abc'],
  },
];

const SNAKE_CASE = /\b[a-z]+_[a-z0-9_]+\b/g;
/** Words an Uzbek or Russian mail may share with the English one: the product's name, a few loan words. */
const SHARED = new Set(['mening', 'uyim', 'lift', 'bank', 'payme', 'click', 'sha256', 'http', 'https']);
const words = (s: string) =>
  new Set((s.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !SHARED.has(w)));
const plain = (m: { subject: string; text: string; html?: string }) =>
  // Markup is not text a person reads.
  [m.subject, m.text, (m.html ?? '').replace(/<[^>]*>/g, ' ')].join('\n');

describe('every mail, in each language', () => {
  for (const kind of KINDS)
    it(`${kind.name}: no codes, and no English left in Uzbek or Russian`, () => {
      const given = words(kind.data.join(' '));
      const en = kind.render('en').map(plain);
      for (const lang of ['uz', 'ru', 'en'] as const) {
        const mails = kind.render(lang).map(plain);
        expect(mails.length, lang).toBeGreaterThan(0);
        mails.forEach((text, i) => {
          const data = kind.data.join(' ');
          const codes = (text.match(SNAKE_CASE) ?? []).filter((c) => !data.includes(c));
          expect(codes, `${lang} #${i}: ${text}`).toEqual([]);
          if (lang === 'en') return;
          const english = [...words(text)].filter((w) => words(en[i]!).has(w) && !given.has(w));
          expect(english, `${lang} #${i}: ${text}`).toEqual([]);
        });
      }
    });

  it('the appeal notice tells the Saturday-night appeal’s dates as the appeal does', () => {
    const uz = renderAppealNotice('uz', 'acknowledgement', {
      registrationNumber: '2026-000123',
      category: 'heating',
      status: 'registered',
      responsibleName: ORG,
      dates: saturdayNight,
      answerText: null,
      link: LINK,
    });
    expect(uz.subject).toBe('Murojaat № 2026-000123: qabul qilindi');
    expect(uz.text).toContain('Mavzu: Isitish');
    expect(uz.text).toContain('Holati: Roʻyxatga olingan');
    expect(uz.text).toContain('Qabul qilingan: 05.12.2026');
    expect(uz.text).toContain('Roʻyxatga olingan: 07.12.2026 (keyingi ish kuni)');
    expect(uz.text).toContain('Javob muddati: 21.12.2026');
    expect(uz.text).toContain(LINK);
  });
});
