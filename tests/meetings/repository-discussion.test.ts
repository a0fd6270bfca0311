// Discussion and the protocol against real PostgreSQL: comments only while discussion or voting
// is open, answers, moderation with its audit trail; the protocol kept once, signed only by the
// meeting's own chair and secretary, and found again by its SHA-256.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addComment,
  closeVoting,
  findProtocolBySha256,
  getComment,
  getMeeting,
  getProtocol,
  hideComment,
  listAudit,
  listComments,
  saveProtocol,
  signProtocol,
} from '../../db/meetings/repository.ts';
import { DEMO_IDS } from '../../db/seed/demo.ts';
import {
  type Fixture,
  type MadeBuilding,
  makeBuilding,
  makeMeeting,
  openFixture,
  rejects,
  soleOwners,
} from './repository-fixtures.ts';

let f: Fixture;
let b: MadeBuilding;

beforeAll(async () => {
  f = await openFixture('meetings_discussion');
  b = await makeBuilding(f.em(), soleOwners(2));
});
afterAll(async () => {
  await f?.close();
});

const resident = { authorUserId: DEMO_IDS.users.resident, authorName: 'Aziz Karimov' };
const manager = { authorUserId: DEMO_IDS.users.manager, authorName: 'Sherzod Rahimov' };

describe('comments', () => {
  it('are open during discussion and voting only', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    await rejects(addComment(f.em(), { meetingId: m.id, ...resident, body: 'Savol' }), 'wrong_phase');
    const d = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'discussion' });
    expect((await addComment(f.em(), { meetingId: d.id, ...resident, body: 'Savol' })).body).toBe('Savol');
    const v = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'voting' });
    await addComment(f.em(), { meetingId: v.id, ...resident, body: 'Savol' });
    await closeVoting(f.em(), v.id);
    await rejects(addComment(f.em(), { meetingId: v.id, ...resident, body: 'Kech' }), 'wrong_phase');
    await rejects(addComment(f.em(), { meetingId: randomUUID(), ...resident, body: 'x' }), 'not_found');
  });

  it('belong to an item of the meeting; answers point at a comment of the meeting', async () => {
    const m = await makeMeeting(f.em(), {
      buildingIds: [b.id],
      phase: 'discussion',
      agenda: ['ordinary', 'reconstruction'],
    });
    const elsewhere = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'discussion' });
    const item = m.agenda[1]!.id;
    const question = await addComment(f.em(), {
      meetingId: m.id,
      agendaItemId: item,
      ...resident,
      body: '  Qancha turadi?  ',
    });
    expect(question).toMatchObject({
      meetingId: m.id,
      agendaItemId: item,
      body: 'Qancha turadi?',
      isAnswer: false,
      hidden: false,
      hiddenReason: null,
      answersCommentId: null,
    });
    const answer = await addComment(f.em(), {
      meetingId: m.id,
      agendaItemId: item,
      ...manager,
      body: '1,2 mlrd soʻm',
      answersCommentId: question.id,
    });
    expect(answer).toMatchObject({ isAnswer: true, answersCommentId: question.id });
    await rejects(
      addComment(f.em(), { meetingId: m.id, agendaItemId: elsewhere.agenda[0]!.id, ...resident, body: 'x' }),
      'invalid',
      'agendaItemId',
    );
    await rejects(
      addComment(f.em(), { meetingId: elsewhere.id, ...manager, body: 'x', answersCommentId: question.id }),
      'invalid',
      'answersCommentId',
    );
    await rejects(addComment(f.em(), { meetingId: m.id, ...resident, body: ' ' }), 'invalid', 'body');
    await rejects(
      addComment(f.em(), { meetingId: m.id, ...resident, body: 'x'.repeat(4001) }),
      'invalid',
      'body',
    );
    await rejects(
      addComment(f.em(), { meetingId: m.id, ...resident, authorUserId: 'me', body: 'x' }),
      'invalid',
      'authorUserId',
    );
    expect((await listComments(f.em(), m.id, { includeHidden: false })).map((c) => c.id)).toEqual([
      question.id,
      answer.id,
    ]);
  });

  it('moderation hides with a reason, once, audited; the text is kept for moderators only', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'voting' });
    const rude = await addComment(f.em(), { meetingId: m.id, ...resident, body: 'Haqoratli gap' });
    const kept = await addComment(f.em(), {
      meetingId: m.id,
      ...manager,
      body: 'Javob',
      answersCommentId: rude.id,
    });
    await rejects(
      hideComment(f.em(), { commentId: rude.id, byUserId: DEMO_IDS.users.council, reason: '' }),
      'invalid',
      'reason',
    );
    const hidden = await hideComment(f.em(), {
      commentId: rude.id,
      byUserId: DEMO_IDS.users.council,
      reason: 'Haqorat',
      meetingId: m.id,
    });
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: 'Haqorat' });
    const again = await hideComment(f.em(), {
      commentId: rude.id,
      byUserId: DEMO_IDS.users.admin,
      reason: 'Boshqa',
    });
    expect(again.hiddenReason).toBe('Haqorat');
    const audit = await listAudit(f.em(), 'meeting_comment', rude.id);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'hide',
        actorUserId: DEMO_IDS.users.council,
        data: { meetingId: m.id, reason: 'Haqorat' },
      }),
    ]);
    const publicView = await listComments(f.em(), m.id, { includeHidden: false });
    expect(publicView.map((c) => [c.id, c.hidden, c.body])).toEqual([
      [rude.id, true, ''],
      [kept.id, false, 'Javob'],
    ]);
    const moderatorView = await listComments(f.em(), m.id, { includeHidden: true });
    expect(moderatorView[0]!.body).toBe('Haqoratli gap');
    expect((await getComment(f.em(), rude.id))!.body).toBe('');
    const other = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'voting' });
    await rejects(
      hideComment(f.em(), {
        commentId: kept.id,
        byUserId: DEMO_IDS.users.council,
        reason: 'x',
        meetingId: other.id,
      }),
      'not_found',
    );
    await rejects(
      hideComment(f.em(), { commentId: randomUUID(), byUserId: DEMO_IDS.users.council, reason: 'x' }),
      'not_found',
    );
    expect((await getComment(f.em(), kept.id))!.hidden).toBe(false);
  });
});

describe('protocol', () => {
  const pdfOf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF`);
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('keeps the first PDF, checks its hash, and is found by it', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    await closeVoting(f.em(), m.id);
    const first = pdfOf(`protocol ${m.id}`);
    await rejects(saveProtocol(f.em(), m.id, first, 'f'.repeat(64)), 'invalid', 'sha256');
    expect(await saveProtocol(f.em(), m.id, first, sha(first))).toEqual({
      sha256: sha(first),
      created: true,
    });
    const regenerated = pdfOf(`protocol ${m.id} again`);
    expect(await saveProtocol(f.em(), m.id, regenerated, sha(regenerated))).toEqual({
      sha256: sha(first),
      created: false,
    });
    const stored = (await getProtocol(f.em(), m.id))!;
    expect(Buffer.from(stored.pdf).equals(Buffer.from(first))).toBe(true);
    expect(stored).toMatchObject({ sha256: sha(first), chairSignedAt: null, secretarySignedAt: null });
    expect(await findProtocolBySha256(f.em(), sha(first).toUpperCase())).toEqual({
      meetingId: m.id,
      title: m.title,
      decidedAt: null,
    });
    expect(await findProtocolBySha256(f.em(), sha(regenerated))).toBeNull();
    expect(await findProtocolBySha256(f.em(), 'zz')).toBeNull();
    expect((await getMeeting(f.em(), m.id))!.protocol).toMatchObject({
      sha256: sha(first),
      signedByChair: false,
      signedBySecretary: false,
    });
    await rejects(saveProtocol(f.em(), randomUUID(), first, sha(first)), 'not_found');
  });

  it('is signed by the meeting’s chair and secretary only, each once, audited', async () => {
    // makeMeeting: chair = resident, secretary = manager.
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    await closeVoting(f.em(), m.id);
    await rejects(signProtocol(f.em(), m.id, 'chair', DEMO_IDS.users.resident), 'wrong_phase');
    const pdf = pdfOf(`signed ${m.id}`);
    await saveProtocol(f.em(), m.id, pdf, sha(pdf));
    await rejects(signProtocol(f.em(), m.id, 'chair', DEMO_IDS.users.manager), 'forbidden', 'role');
    await rejects(signProtocol(f.em(), m.id, 'secretary', DEMO_IDS.users.resident), 'forbidden', 'role');
    await rejects(
      signProtocol(f.em(), m.id, 'president' as never, DEMO_IDS.users.resident),
      'invalid',
      'role',
    );
    const chair = await signProtocol(f.em(), m.id, 'chair', DEMO_IDS.users.resident);
    expect(chair.chairSignedAt).not.toBeNull();
    expect(chair.secretarySignedAt).toBeNull();
    const both = await signProtocol(f.em(), m.id, 'secretary', DEMO_IDS.users.manager);
    expect(both.chairSignedAt).toBe(chair.chairSignedAt);
    expect(both.secretarySignedAt).not.toBeNull();
    expect(await signProtocol(f.em(), m.id, 'chair', DEMO_IDS.users.resident)).toEqual(both);
    expect((await listAudit(f.em(), 'meeting_protocol', m.id)).map((e) => [e.action, e.actorUserId])).toEqual(
      [
        ['sign_chair', DEMO_IDS.users.resident],
        ['sign_secretary', DEMO_IDS.users.manager],
      ],
    );
    expect((await getMeeting(f.em(), m.id))!.protocol).toMatchObject({
      signedByChair: true,
      signedBySecretary: true,
    });
    await rejects(signProtocol(f.em(), randomUUID(), 'chair', DEMO_IDS.users.resident), 'not_found');
  });
});
