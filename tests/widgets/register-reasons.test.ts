// A reviewer reads why each requirement of a register application failed in their own language:
// the domain's own checks are run on failing applications and records here, and the widget's
// words for each verdict (widgets/register/verdict-reason.ts) must carry no English of the
// domain's reason, keep its figures, and differ between uz, ru and en. A failure the domain adds
// without words here fails the "every failing field" case.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { DEFAULT_REGISTER_POLICY } from '../../domain/register/policy.ts';
import {
  assessApplication,
  dispatchRecordVerdict,
  type RegisterApplication,
  type RequirementVerdict,
  reportingVerdict,
} from '../../domain/register/requirements.ts';
import { translate } from '../../widgets/core/i18n.ts';
import {
  type ApplicationMessageKey,
  applicationMessages,
} from '../../widgets/register/application-messages.ts';
import { verdictReason } from '../../widgets/register/verdict-reason.ts';

const policy = {
  ...DEFAULT_REGISTER_POLICY,
  minOwnFundsUzs: 50_000_000,
  requiredTechnicalBase: ['premises', 'vehicles'],
};
const good: RegisterApplication = {
  tin: '301234567',
  name: 'Obod Uy MChJ',
  ownFundsUzs: 60_000_000,
  technicalBase: [
    { category: 'premises', description: 'Office', quantity: 1 },
    { category: 'vehicles', description: 'Van', quantity: 2 },
  ],
  dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: '+998 71 200 00 00' },
};
const failed = (a: Partial<RegisterApplication>): RequirementVerdict[] =>
  assessApplication(policy, { ...good, ...a }).filter((v) => !v.ok);

const NOW = Date.UTC(2027, 5, 1);
const DAY = 86_400_000;
const declared = assessApplication(policy, good)[3]!;
const record = { from: NOW - 365 * DAY, to: NOW, legal: { decided: 0, inTime: 0 } };

/** Every way the domain fails a requirement today, one verdict each. */
const verdicts: RequirementVerdict[] = [
  ...failed({ tin: '12' }),
  ...failed({ name: ' ' }),
  ...failed({ ownFundsUzs: -1 }),
  ...failed({ ownFundsUzs: 1_000 }),
  ...failed({ technicalBase: [{ category: 'premises', description: 'Office', quantity: 0 }] }),
  ...failed({ technicalBase: [{ category: 'premises', description: ' ', quantity: 1 }] }),
  ...failed({ technicalBase: [{ category: 'premises', description: 'Office', quantity: 1 }] }),
  ...failed({ dispatch: { hoursPerDay: 8, daysPerWeek: 7, phone: '+998712000000' } }),
  ...failed({ dispatch: { hoursPerDay: 24, daysPerWeek: 5, phone: '+998712000000' } }),
  ...failed({ dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: null } }),
  reportingVerdict(
    policy,
    [
      { buildingId: 'b1', quarter: '2027-Q1', deadlineAt: NOW - 40 * DAY },
      { buildingId: 'b2', quarter: '2026-Q4', deadlineAt: NOW - 130 * DAY },
    ],
    NOW,
  ),
  dispatchRecordVerdict(policy, declared, {
    ...record,
    coverage: { share: 0.9, worst: { role: 'technician', category: 'plumbing', uncoveredMs: DAY } },
  }),
  dispatchRecordVerdict(policy, declared, {
    ...record,
    coverage: { share: 1, worst: null },
    legal: { decided: 40, inTime: 20 },
  }),
];

const category = (lang: Language) => (code: string) => `«${lang}:${code}»`;
const said = (lang: Language, v: RequirementVerdict) =>
  verdictReason(
    (key: ApplicationMessageKey, params) => translate(applicationMessages, lang, key, params),
    lang,
    v,
    category(lang),
  );

describe("a register requirement's failure in the reviewer's words", () => {
  it('runs a failing verdict for every field the domain fails', () => {
    expect(verdicts.every((v) => !v.ok && v.field && v.reason)).toBe(true);
    // The fields as the domain's source writes them: `fail('technical_base', `technicalBase[${bad}]…`.
    const source = readFileSync(new URL('../../domain/register/requirements.ts', import.meta.url), 'utf8');
    const named = [...source.matchAll(/fail\(\s*'\w+',\s*['`]([^'`]+)['`]/g)].map((m) =>
      m[1]!.replace(/\[\$\{\w+\}\]/g, '[]'),
    );
    expect(named.length).toBeGreaterThan(10);
    const run = new Set(verdicts.map((v) => v.field!.replace(/\[\d+\]/g, '[]')));
    expect([...run].sort()).toEqual([...new Set(named)].sort());
  });

  it.each(verdicts.map((v) => [v.field, v] as const))('%s is worded in uz, ru and en', (_field, v) => {
    const texts = LANGUAGES.map((lang) => said(lang, v));
    for (const text of texts) {
      expect(text, v.reason!).toMatch(/\S/);
      expect(text).not.toBe(v.reason);
      // Not one English word of the domain's reason in another language, nor a raw code.
      expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|\{\w+\}/);
    }
    expect(new Set(texts).size).toBe(LANGUAGES.length);
    for (const lang of ['uz', 'ru'] as const) {
      expect(said(lang, v)).not.toContain(v.reason!);
      expect(said(lang, v)).not.toMatch(/\b(must|dispatch|own funds|quarterly|missing|covered|least)\b/i);
    }
  });

  it('keeps the figures and names the missing categories in the reader’s words', () => {
    const low = verdicts.find((v) => v.field === 'ownFundsUzs' && /\d/.test(v.reason!))!;
    expect(said('en', low)).toMatch(/50[\s,  ]000[\s,  ]000/);
    const missing = verdicts.find((v) => v.field === 'technicalBase')!;
    expect(said('ru', missing)).toContain('«ru:vehicles»');
    const legal = verdicts.find((v) => v.field === 'dispatch.legalTimes')!;
    expect(said('en', legal)).toBe(
      '20 of 40 calls and emergencies were answered or contained in the legal time (50 %, at least 90 % required)',
    );
    const late = verdicts.find((v) => v.field === 'quarterlyReports')!;
    expect(said('uz', late)).toBe('365 kun ichida 2 ta choraklik hisobot kechiktirilgan');
  });

  it('says nothing more for a requirement that passed or a field it does not know', () => {
    expect(said('en', declared)).toBeNull();
    expect(
      said('en', { requirement: 'identity', ok: false, field: 'somethingNew', reason: 'new rule' }),
    ).toBeNull();
  });
});
