// What the protocol says, read once from the meeting's records: the PDF is drawn from it
// (activities/meetings/protocol-pdf.ts) and the API serves it as JSON for the widgets to show as text.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Decision } from '../../domain/meetings/decide.ts';
import type {
  AgendaItemKind,
  MeetingForm,
  MeetingKind,
  VoteWeighting,
} from '../../domain/meetings/policy.ts';
import { Building, UserAccount } from '../registry/entities.ts';
import { isUuid } from '../sql.ts';
import { participation } from './ballots.ts';
import { Meeting } from './entities.ts';
import { getMeeting } from './views.ts';

export interface ProtocolData {
  meetingId: string;
  title: string;
  kind: MeetingKind;
  form: MeetingForm;
  attempt: number;
  addresses: string[];
  initiatorName: string;
  chairName: string;
  secretaryName: string;
  noticeAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  decidedAt: Date;
  weighting: VoteWeighting;
  /** Vote units per whole share (weights.ts): units ÷ scale is m² × 100 or apartments. */
  weightScale: number;
  quorumShare: { numerator: number; denominator: number };
  eligibleOwners: number;
  votedOwners: number;
  agenda: { id: string; position: number; title: string; description: string; kind: AgendaItemKind }[];
  decision: Decision;
  ballotSetSha256: string;
  verifyUrl: string;
}

/** The protocol's content, or null while the meeting has no recorded decision (or does not exist). */
export async function loadProtocolData(
  em: EntityManager,
  meetingId: string,
  publicUrl: string,
): Promise<ProtocolData | null> {
  const m = isUuid(meetingId) ? await em.findOne(Meeting, { id: meetingId }, { refresh: true }) : null;
  const view = m ? await getMeeting(em, meetingId) : null;
  if (!m || !view || !m.decision || !m.decidedAt || !m.ballotSetSha256 || m.weightScale == null) return null;
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
