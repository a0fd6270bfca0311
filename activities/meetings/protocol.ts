// The protocol is generated once per meeting: saveProtocol keeps the first PDF, so a retried
// activity returns the stored document's hash rather than a second version.
import { createHash } from 'node:crypto';
import { getMeeting, getProtocol, participation, saveProtocol } from '../../db/meetings/repository.ts';
import { Building, UserAccount } from '../../db/registry/entities.ts';
import { failure, type MeetingActivityDeps, meetingRow } from './common.ts';
import { type ProtocolData, renderProtocolPdf } from './protocol-pdf.ts';

export function createProtocolActivities({ orm, publicUrl, protocolLanguage = 'uz' }: MeetingActivityDeps) {
  async function protocolData(meetingId: string): Promise<ProtocolData> {
    const em = orm.em;
    const m = await meetingRow(em, meetingId);
    const view = await getMeeting(em, meetingId);
    if (!view || !m.decision || !m.decidedAt || !m.ballotSetSha256 || m.weightScale == null)
      throw failure('wrong_phase', `meeting ${meetingId} has no recorded decision yet`);
    const [buildings, users, turnout] = await Promise.all([
      em.find(
        Building,
        { id: { $in: view.buildingIds } },
        { fields: ['address'], orderBy: { address: 'asc' } },
      ),
      em.find(UserAccount, { id: { $in: [m.chairUserId, m.secretaryUserId] } }, { fields: ['displayName'] }),
      participation(em, meetingId),
    ]);
    const nameOf = (id: string) => users.find((u) => u.id === id)?.displayName ?? id;
    return {
      meetingId,
      title: m.title,
      kind: m.kind,
      form: m.form,
      attempt: m.attempt,
      addresses: buildings.map((b) => b.address),
      initiatorName: m.initiatorName,
      chairName: nameOf(m.chairUserId),
      secretaryName: nameOf(m.secretaryUserId),
      noticeAt: m.noticeAt,
      votingOpensAt: m.votingOpensAt,
      votingClosesAt: m.votingClosesAt,
      decidedAt: m.decidedAt,
      weighting: m.policy.weighting,
      weightScale: m.weightScale,
      quorumShare: m.policy.quorumShare,
      eligibleOwners: m.eligibleOwners ?? turnout.eligibleOwners,
      votedOwners: turnout.votedOwners,
      agenda: view.agenda,
      decision: m.decision,
      ballotSetSha256: m.ballotSetSha256,
      verifyUrl: `${publicUrl.replace(/\/$/, '')}/api/v1/meetings/protocols/verify`,
    };
  }

  return {
    async generateMeetingProtocol(meetingId: string): Promise<{ sha256: string; bytes: number }> {
      const existing = await getProtocol(orm.em, meetingId);
      if (existing) return { sha256: existing.sha256, bytes: existing.pdf.byteLength };
      const pdf = await renderProtocolPdf(await protocolData(meetingId), protocolLanguage);
      await saveProtocol(orm.em, meetingId, pdf, createHash('sha256').update(pdf).digest('hex'));
      const stored = await getProtocol(orm.em, meetingId);
      if (!stored) throw new Error(`protocol of meeting ${meetingId} was not stored`);
      return { sha256: stored.sha256, bytes: stored.pdf.byteLength };
    },
  };
}
