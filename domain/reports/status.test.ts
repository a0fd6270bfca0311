import { describe, expect, it } from 'vitest';
import { RuleError } from '../common/rule-error.ts';
import { DEFAULT_REPORT_POLICY as P } from './policy.ts';
import { applyReportCommand, currentVersion, emptyReport, enteredAt, type ReportState } from './status.ts';
import type { ReportContent } from './types.ts';

const at = (iso: string) => Date.parse(iso);
const IN_Q1 = at('2027-03-20T06:00:00Z');
const content = (over: Partial<ReportContent['works'][number]> = {}): ReportContent => ({
  works: [
    {
      kind: 'planned',
      element: 'roof',
      description: ' Roof membrane patched over entrance 2 ',
      quantityMilli: 12_500,
      unit: 'm²',
      costTiyin: 4_500_000_00,
      doneOn: '2027-02-14',
      ...over,
    },
  ],
  note: '',
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof RuleError) return { code: err.code, fields: err.fields };
    throw err;
  }
  throw new Error('not refused');
};

function submitted(): ReportState {
  const draft = applyReportCommand(
    P,
    emptyReport('2027-Q1'),
    { type: 'save_draft', content: content() },
    'u1',
    IN_Q1,
  );
  return applyReportCommand(P, draft, { type: 'submit' }, 'u1', IN_Q1 + 1000);
}

describe('the report’s state machine', () => {
  it('saves a draft as often as needed, normalized, with no version', () => {
    const d1 = applyReportCommand(
      P,
      emptyReport('2027-Q1'),
      { type: 'save_draft', content: content() },
      'u1',
      IN_Q1,
    );
    expect(d1.status).toBe('draft');
    expect(d1.draft?.works[0]?.description).toBe('Roof membrane patched over entrance 2');
    const d2 = applyReportCommand(
      P,
      d1,
      { type: 'save_draft', content: content({ kind: 'emergency' }) },
      'u1',
      IN_Q1,
    );
    expect(d2.draft?.works[0]?.kind).toBe('emergency');
    expect(d2.versions).toEqual([]);
  });
  it('freezes on submission as version 1, on time before the deadline, and refuses a further draft or submit', () => {
    const s = submitted();
    expect(s.status).toBe('submitted');
    expect(s.draft).toBeNull();
    expect(currentVersion(s)).toMatchObject({ version: 1, reason: null, late: false, submittedBy: 'u1' });
    expect(enteredAt(s)).toBe(IN_Q1 + 1000);
    expect(
      refusal(() => applyReportCommand(P, s, { type: 'save_draft', content: content() }, 'u1', IN_Q1)),
    ).toEqual({
      code: 'wrong_state',
      fields: ['status'],
    });
    expect(refusal(() => applyReportCommand(P, s, { type: 'submit' }, 'u1', IN_Q1)).code).toBe('wrong_state');
  });
  it('refuses to submit with no draft, and to correct before submission', () => {
    expect(
      refusal(() => applyReportCommand(P, emptyReport('2027-Q1'), { type: 'submit' }, 'u1', IN_Q1)).code,
    ).toBe('wrong_state');
    expect(
      refusal(() =>
        applyReportCommand(
          P,
          emptyReport('2027-Q1'),
          { type: 'correct', content: content(), reason: 'x' },
          'u1',
          IN_Q1,
        ),
      ).code,
    ).toBe('wrong_state');
  });
  it('marks a submission after the deadline late', () => {
    const draft = applyReportCommand(
      P,
      emptyReport('2027-Q1'),
      { type: 'save_draft', content: content() },
      'u1',
      IN_Q1,
    );
    const late = applyReportCommand(P, draft, { type: 'submit' }, 'u1', at('2027-03-31T19:00:00Z'));
    expect(currentVersion(late)?.late).toBe(true);
  });
  it('keeps every version: a correction is a new one with its reason; the first entry stays the first', () => {
    const s = submitted();
    const c = applyReportCommand(
      P,
      s,
      { type: 'correct', content: content({ costTiyin: 4_000_000_00 }), reason: ' invoice was lower ' },
      'u2',
      at('2027-04-10T06:00:00Z'),
    );
    expect(c.versions.map((v) => [v.version, v.reason, v.late, v.content.works[0]?.costTiyin])).toEqual([
      [1, null, false, 4_500_000_00],
      [2, 'invoice was lower', true, 4_000_000_00],
    ]);
    expect(enteredAt(c)).toBe(IN_Q1 + 1000);
    expect(
      refusal(() =>
        applyReportCommand(P, c, { type: 'correct', content: content(), reason: '  ' }, 'u2', IN_Q1 + 5),
      ),
    ).toEqual({
      code: 'invalid',
      fields: ['reason'],
    });
  });
  it('refuses a quarter that has not begun', () => {
    expect(
      refusal(() =>
        applyReportCommand(
          P,
          emptyReport('2027-Q2'),
          { type: 'save_draft', content: content() },
          'u1',
          at('2027-03-31T18:59:59Z'),
        ),
      ),
    ).toEqual({ code: 'quarter_not_begun', fields: ['quarter'] });
  });
});

describe('a report’s content', () => {
  const save = (c: ReportContent, now = IN_Q1) =>
    refusal(() =>
      applyReportCommand(P, emptyReport('2027-Q1'), { type: 'save_draft', content: c }, 'u1', now),
    );
  it('names the field it refuses', () => {
    expect(save(content({ kind: 'urgent' as never }))).toEqual({ code: 'invalid', fields: ['works.0.kind'] });
    expect(save(content({ element: 'garden' as never })).fields).toEqual(['works.0.element']);
    expect(save(content({ description: '  ' })).fields).toEqual(['works.0.description']);
    expect(save(content({ quantityMilli: 0 })).fields).toEqual(['works.0.quantityMilli']);
    expect(save(content({ quantityMilli: 1.5 })).fields).toEqual(['works.0.quantityMilli']);
    expect(save(content({ unit: '' })).fields).toEqual(['works.0.unit']);
    expect(save(content({ costTiyin: -1 })).fields).toEqual(['works.0.costTiyin']);
    expect(save(content({ costTiyin: 0.5 })).fields).toEqual(['works.0.costTiyin']);
    expect(save(content({ doneOn: '2027-02-30' })).fields).toEqual(['works.0.doneOn']);
  });
  it('takes only dates inside the quarter and not in the future', () => {
    expect(save(content({ doneOn: '2026-12-31' })).fields).toEqual(['works.0.doneOn']);
    expect(save(content({ doneOn: '2027-04-01' }), at('2027-04-05T06:00:00Z')).fields).toEqual([
      'works.0.doneOn',
    ]);
    expect(save(content({ doneOn: '2027-03-21' })).fields).toEqual(['works.0.doneOn']);
    const ok = applyReportCommand(
      P,
      emptyReport('2027-Q1'),
      { type: 'save_draft', content: content({ doneOn: '2027-03-31' }) },
      'u1',
      at('2027-03-31T06:00:00Z'),
    );
    expect(ok.draft?.works[0]?.doneOn).toBe('2027-03-31');
  });
  it('accepts every kind of work and an empty quarter', () => {
    for (const kind of ['planned', 'unplanned', 'emergency'] as const)
      expect(
        applyReportCommand(
          P,
          emptyReport('2027-Q1'),
          { type: 'save_draft', content: content({ kind }) },
          'u1',
          IN_Q1,
        ).draft?.works[0]?.kind,
      ).toBe(kind);
    expect(
      applyReportCommand(
        P,
        emptyReport('2027-Q1'),
        { type: 'save_draft', content: { works: [], note: 'nothing' } },
        'u1',
        IN_Q1,
      ).draft,
    ).toEqual({ works: [], note: 'nothing' });
  });
});
