// The protocol PDF: its text as a PDF reader extracts it (pdf.js through unpdf), in Uzbek Latin and
// Russian, the same bytes for the same data, and stored once with its SHA-256 by the activity.
import { createHash } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entityManagerScope } from '../../activities/context.ts';
import { createMeetingActivities } from '../../activities/meetings/index.ts';
import { type ProtocolData, renderProtocolPdf } from '../../activities/meetings/protocol-pdf.ts';
import { findProtocolBySha256, getProtocol, transitionPhase } from '../../db/meetings/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { loadConfig } from '../../platform/config.ts';
import { createMailer } from '../../platform/mail.ts';
import { createElectorate, createTestMeeting, vote } from './workflow-harness.ts';

const pdfText = async (pdf: Uint8Array) =>
  (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(
    /\s+/g,
    ' ',
  );

const ROOF = '5b6a1c1e-0000-4000-8000-000000000001';
const CHAIR = '5b6a1c1e-0000-4000-8000-000000000002';

const data: ProtocolData = {
  meetingId: '5b6a1c1e-0000-4000-8000-0000000000aa',
  title: 'Tomni taʼmirlash va yigʻilish raisini saylash',
  kind: 'extraordinary',
  form: 'electronic',
  attempt: 1,
  addresses: ['Yunusobod 4-mavze, 12-uy', 'Юнусабад 4-квартал, 13-дом'],
  initiatorName: '"Obod Uy" MChJ',
  chairName: 'Shoira Toʻxtayeva',
  secretaryName: 'Анвар Гʻаниев',
  noticeAt: new Date('2026-11-01T05:00:00Z'),
  votingOpensAt: new Date('2026-11-11T05:00:00Z'),
  votingClosesAt: new Date('2026-11-18T05:00:00Z'),
  decidedAt: new Date('2026-11-18T05:00:02Z'),
  weighting: 'area',
  weightScale: 2,
  quorumShare: { numerator: 1, denominator: 2 },
  eligibleOwners: 5,
  votedOwners: 4,
  agenda: [
    {
      id: ROOF,
      position: 1,
      title: 'Tomni kapital taʼmirlash',
      description: 'Smeta: 120 mln soʻm',
      kind: 'capital_repair',
    },
    { id: CHAIR, position: 2, title: 'Yigʻilish raisini saylash', description: '', kind: 'ordinary' },
  ],
  decision: {
    quorumReached: true,
    totalWeight: 40_000,
    participatingWeight: 30_000,
    items: [
      {
        itemId: ROOF,
        kind: 'capital_repair',
        rule: 'two_thirds_of_all',
        for: 30_000,
        against: 0,
        abstain: 0,
        accepted: true,
      },
      {
        itemId: CHAIR,
        kind: 'ordinary',
        rule: 'majority_of_cast',
        for: 10_000,
        against: 10_000,
        abstain: 10_000,
        accepted: false,
      },
    ],
  },
  ballotSetSha256: 'ab'.repeat(32),
  verifyUrl: 'https://meninguyim.example.uz/api/v1/meetings/protocols/verify',
};

describe('renderProtocolPdf', () => {
  it('writes the meeting, agenda, participation, results with their rules, hashes and signature places', async () => {
    const text = await pdfText(await renderProtocolPdf(data, 'uz'));
    for (const expected of [
      'MULKDORLARI UMUMIY YIGʻILISHINING BAYONNOMASI',
      data.title,
      'Yunusobod 4-mavze, 12-uy; Юнусабад 4-квартал, 13-дом',
      'Yigʻilish raisi: Shoira Toʻxtayeva',
      'Kotib: Анвар Гʻаниев',
      'navbatdan tashqari',
      '1. Tomni kapital taʼmirlash (kapital taʼmirlash)',
      'Smeta: 120 mln soʻm',
      // 40,000 units ÷ (100 × 2) = 200 m²; 150 m² is 75 %.
      'Barcha ovozlar: 200 m²',
      'Ishtirok etganlar ovozlari: 150 m² (75 %)',
      'Kvorum (barcha ovozlarning 1/2 qismidan koʻpi): bor',
      'Qoida: barcha ovozlarning kamida uchdan ikki qismi',
      'Yoqlab: 150 m² — 100 % berilgan ovozlardan, 75 % barcha ovozlardan',
      'QAROR QABUL QILINDI',
      'Qoida: berilgan ovozlarning yarmidan koʻpi',
      'Betaraf: 50 m² — 33,33 % berilgan ovozlardan, 25 % barcha ovozlardan',
      'QAROR QABUL QILINMADI',
      data.ballotSetSha256,
      data.verifyUrl,
      '(imzo)',
    ])
      expect(text).toContain(expected);
  });

  it('says in Russian that nothing was decided without quorum', async () => {
    const noQuorum = {
      ...data,
      decision: {
        ...data.decision,
        quorumReached: false,
        participatingWeight: 10_000,
        items: data.decision.items.map((i) => ({ ...i, accepted: false })),
      },
    };
    const text = await pdfText(await renderProtocolPdf(noQuorum, 'ru'));
    expect(text).toContain('ПРОТОКОЛ ОБЩЕГО СОБРАНИЯ');
    expect(text).toContain('Кворум (более 1/2 всех голосов): отсутствует');
    expect(text).toContain('Решение не принято ввиду отсутствия кворума');
    expect(text).not.toContain('РЕШЕНИЕ ПРИНЯТО');
  });

  it('gives the same bytes for the same data, so the hash names the document', async () => {
    const [a, b] = await Promise.all([renderProtocolPdf(data), renderProtocolPdf(data)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const other = await renderProtocolPdf({ ...data, ballotSetSha256: 'cd'.repeat(32) });
    expect(Buffer.from(other).equals(Buffer.from(a))).toBe(false);
  });
});

describe('generateMeetingProtocol', () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await createOrm({ url: inject('databaseUrl'), poolMax: 2 });
  });
  afterAll(() => orm?.close());

  it('stores the protocol once with its SHA-256, findable by that hash', async () => {
    const config = loadConfig({ PUBLIC_URL: 'https://meninguyim.example.uz' });
    const mailer = createMailer(config, 'smtp://127.0.0.1:9');
    const activities = createMeetingActivities({
      orm,
      mailer,
      from: config.mail.from,
      publicUrl: config.publicUrl,
      portalUrl: config.portalUrl,
    });
    const env = new MockActivityEnvironment(undefined, { interceptors: [entityManagerScope(orm)] });
    // MockActivityEnvironment.run cannot infer the result type from the function.
    const run = <P extends unknown[], R>(fn: (...args: P) => Promise<R>, ...args: P) =>
      env.run(fn, ...args) as Promise<R>;
    const e = await createElectorate(orm, 2);
    const meeting = await createTestMeeting(orm, e, { noticeS: 60, votingS: 60 });
    await run(activities.snapshotMeetingElectorate, meeting.id);
    await transitionPhase(orm.em.fork(), meeting.id, ['notice'], 'discussion');
    await transitionPhase(orm.em.fork(), meeting.id, ['discussion'], 'voting');
    // Flat 2 and one of flat 1's two co-owners: 75 % of the votes.
    await vote(orm, meeting, e.apartments[1]!.apartmentId, e.apartments[1]!.owners[0]!, 'for');
    await vote(orm, meeting, e.apartments[0]!.apartmentId, e.apartments[0]!.owners[0]!, 'against');
    const closed = await run(activities.closeMeetingVoting, meeting.id);
    expect(closed).toMatchObject({ quorumReached: true, ballots: 2 });

    const first = await run(activities.generateMeetingProtocol, meeting.id);
    const second = await run(activities.generateMeetingProtocol, meeting.id);
    mailer.close();
    expect(second).toEqual(first);
    const stored = await getProtocol(orm.em.fork(), meeting.id);
    expect(createHash('sha256').update(stored!.pdf).digest('hex')).toBe(first.sha256);
    expect(await findProtocolBySha256(orm.em.fork(), first.sha256)).toMatchObject({ meetingId: meeting.id });
    const text = await pdfText(stored!.pdf);
    expect(text).toContain(closed.ballotSetSha256);
    expect(text).toContain('Анвар Гʻаниев');
    expect(text).toContain(e.address);
  });
});
