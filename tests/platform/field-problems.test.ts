// A refused field reaches a person in their language: the API's problem carries a stable code per
// field (api/zod-issues.ts), and the widgets turn code and bounds into words in uz, ru and en
// (widgets/core/field-issues.ts), never the validator's English.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodFieldErrors } from '../../api/problem.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { Language } from '../../domain/common/language.ts';
import { ApiError, type Problem } from '../../widgets/core/api.ts';
import { type FieldIssue, fieldIssueText, problemIssues } from '../../widgets/core/field-issues.ts';
import { checkField, numberOrNull } from '../../widgets/core/form-checks.ts';
import { problemReason } from '../../widgets/core/refusal-view.ts';
import { problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const say = (lang: Language, issue: Omit<FieldIssue, 'field'>) =>
  fieldIssueText(lang, { field: 'x', ...issue });

describe('the problem of a schema refusal', () => {
  const schema = z.object({
    title: z.string().trim().min(1).max(5),
    count: z.number().int().min(1).max(9),
    id: z.uuid(),
    kind: z.enum(['a', 'b']),
    at: z.iso.datetime({ offset: true }),
    items: z.array(z.string()).min(1),
    note: z.string().min(3),
  });
  const errorsOf = (input: unknown) => zodFieldErrors('json', schema.safeParse(input).error!, input);

  it('names each field with a stable code and its bounds, keeping the English message', () => {
    const errors = errorsOf({
      title: 'far too long',
      count: 0,
      id: 'nope',
      kind: 'c',
      at: 'yesterday',
      items: [],
      note: 'ab',
    });
    expect(errors.map(({ message: _, ...e }) => e)).toEqual([
      { field: 'body.title', code: 'too_big', origin: 'string', maximum: 5 },
      { field: 'body.count', code: 'too_small', origin: 'number', minimum: 1 },
      { field: 'body.id', code: 'invalid_format', format: 'uuid' },
      { field: 'body.kind', code: 'invalid_value', values: ['a', 'b'] },
      { field: 'body.at', code: 'invalid_format', format: 'datetime' },
      { field: 'body.items', code: 'too_small', origin: 'array', minimum: 1 },
      { field: 'body.note', code: 'too_small', origin: 'string', minimum: 3 },
    ]);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('calls missing, null and empty values `required`, whatever the check that caught them', () => {
    const errors = errorsOf({ title: '  ', count: null, kind: '', at: '', items: ['x'], note: '' });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['body.title', 'required'],
      ['body.count', 'required'],
      ['body.id', 'required'],
      ['body.kind', 'required'],
      ['body.at', 'required'],
      ['body.note', 'required'],
    ]);
  });
});

describe('the words for a field issue', () => {
  it('says what is wrong in each language, with the bounds', () => {
    const cases: [Omit<FieldIssue, 'field'>, Record<Language, string>][] = [
      [{ code: 'required' }, { en: 'fill this in', ru: 'заполните это поле', uz: 'toʻldiring' }],
      [{ code: 'choose' }, { en: 'choose one', ru: 'выберите значение', uz: 'birini tanlang' }],
      [
        { code: 'too_small', origin: 'string', minimum: 3 },
        { en: 'at least 3 characters', ru: 'не короче 3 символов', uz: 'kamida 3 ta belgi' },
      ],
      [
        { code: 'too_big', origin: 'string', maximum: 300 },
        { en: 'at most 300 characters', ru: 'не длиннее 300 символов', uz: 'koʻpi bilan 300 ta belgi' },
      ],
      [
        { code: 'too_big', origin: 'number', maximum: 24 },
        { en: 'at most 24', ru: 'не больше 24', uz: 'koʻpi bilan 24' },
      ],
      [
        { code: 'too_small', origin: 'array', minimum: 1 },
        { en: 'at least 1 needed', ru: 'нужно не меньше 1', uz: 'kamida 1 ta kerak' },
      ],
      [
        { code: 'invalid_format', format: 'uuid' },
        { en: 'choose from the list', ru: 'выберите из списка', uz: 'roʻyxatdan tanlang' },
      ],
      [
        { code: 'invalid_format', format: 'datetime' },
        {
          en: 'enter a valid date and time',
          ru: 'введите правильные дату и время',
          uz: 'toʻgʻri sana va vaqtni kiriting',
        },
      ],
      [
        { code: 'after', other: 'Opens' },
        {
          en: 'must come after “Opens”',
          ru: 'должно быть позже, чем «Opens»',
          uz: '“Opens” dan keyin boʻlishi kerak',
        },
      ],
      [
        { code: 'integer' },
        { en: 'enter a whole number', ru: 'введите целое число', uz: 'butun son kiriting' },
      ],
    ];
    for (const [issue, words] of cases)
      for (const lang of ['uz', 'ru', 'en'] as const)
        expect(say(lang, issue)).toEqual({ text: words[lang], english: false });
  });

  it('never echoes the validator: a known code wins over its message; only an unknown one shows the English', () => {
    const tooSmall = {
      code: 'too_small',
      origin: 'string',
      minimum: 1,
      message: 'Too small: expected string',
    };
    expect(say('ru', tooSmall).text).toBe('не короче 1 символов');
    expect(
      say('uz', { code: 'required', message: 'Invalid input: expected string, received undefined' }).text,
    ).toBe('toʻldiring');
    expect(say('en', { message: 'must leave the 10-day notice period' })).toEqual({
      text: 'must leave the 10-day notice period',
      english: true,
    });
    expect(say('ru', { code: 'something_new' })).toEqual({
      text: 'это значение не принимается',
      english: false,
    });
  });

  it('reads the fields a problem names once each, without `body.`', () => {
    const p: Problem = {
      type: 't',
      title: 'Bad Request',
      status: 400,
      errors: [
        { field: 'body.title', message: 'a', code: 'required' },
        { field: 'body.title', message: 'b' },
        { field: 'body.agenda.0.title', message: 'c' },
      ],
    };
    expect(problemIssues(new ApiError(p)).map((i) => [i.field, i.code, i.message])).toEqual([
      ['title', 'required', 'a'],
      ['agenda.0.title', undefined, 'c'],
    ]);
  });
});

describe('the one-line reason a widget gives for a refused write', () => {
  it('is in the reader’s words: by the code where the problem gave one, else a general sentence, never the service’s English', () => {
    const refused = new ApiError({
      type: 't',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid',
      errors: [
        {
          field: 'body.body',
          message: 'Too small: expected string to have >=1 characters',
          code: 'required',
        },
        { field: 'body.agendaItemId', message: 'not an agenda item of this meeting' },
      ],
    });
    expect(problemReason(refused, 'ru')).toBe('заполните это поле; это значение не принимается');
    expect(problemReason(refused, 'uz')).toBe('toʻldiring; bu qiymat qabul qilinmaydi');
    expect(problemReason(refused)).toBe(
      'Too small: expected string to have >=1 characters; not an agenda item of this meeting',
    );
  });
});

describe('the checks before sending', () => {
  it('find the same issues the API would name, and an empty amount stays empty', () => {
    expect(checkField('name', ' ', { required: true })).toEqual({ field: 'name', code: 'required' });
    expect(checkField('districtId', '', { required: 'choose' })).toEqual({
      field: 'districtId',
      code: 'choose',
    });
    expect(checkField('name', 'abcd', { maxLength: 3 })).toMatchObject({ code: 'too_big', maximum: 3 });
    expect(checkField('hours', '25', { number: { min: 0, max: 24 } })).toMatchObject({
      code: 'too_big',
      maximum: 24,
    });
    expect(checkField('hours', '1.5', { number: { min: 0, max: 24 } })).toMatchObject({ code: 'integer' });
    expect(checkField('hours', 'x', { number: {} })).toMatchObject({ code: 'number' });
    expect(checkField('tin', '12345678', { tin: true })).toMatchObject({ code: 'tin' });
    expect(checkField('tin', '123456789', { tin: true })).toBeNull();
    expect(checkField('note', '', {})).toBeNull();
    expect(numberOrNull('  ')).toBeNull();
    expect(numberOrNull('50 000 000')).toBe(50_000_000);
  });
});

describe('a refusal from the real API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ withTemporal: false });
  });
  afterAll(() => t.close());

  it('keeps field and message for existing clients and adds the code a widget translates', async () => {
    const res = await t.app.request('/api/v1/appeals', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await t.tokenFor('resident')}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `field-codes-${randomUUID()}`,
      },
      body: JSON.stringify({ category: 'lift', subject: { buildingId: DEMO_IDS.building }, text: '' }),
    });
    const body = await problem(res, 400, 'body.text');
    expect(body.errors).toEqual([{ field: 'body.text', message: expect.any(String), code: 'required' }]);
    const issues = problemIssues(new ApiError(body as Problem));
    expect(issues.map((i) => fieldIssueText('uz', i).text)).toEqual(['toʻldiring']);
    expect(issues.map((i) => fieldIssueText('ru', i).text)).toEqual(['заполните это поле']);
  });
});
