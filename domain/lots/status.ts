// A lot's life as a pure state machine: its version goes through the council's approval, and an
// approved lot then through the owners' choice of its management organization, or the council's
// competition when they do not choose. Every change is a function of the lot, the command, who asks
// and when, so the workflow, the API and the tests share one answer to "may this happen?".

export type ApprovalStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export type SelectionStatus =
  | 'not_started'
  | 'applications'
  | 'voting'
  | 'repeat_voting'
  | 'chosen'
  | 'competition'
  | 'appointed';

export type LotParty = 'officer' | 'council' | 'organization' | 'system';

export interface Candidate {
  organizationId: string;
  /** The management tariff offered, tiyin per m² a month. */
  tariff: number;
  appliedAt: number;
}

export interface LotState {
  version: number;
  approval: ApprovalStatus;
  /** The council's last remarks while returned; null otherwise. */
  remarks: string | null;
  /** The signed act of the council's decision, once approved. */
  decisionDocument: string | null;
  selection: SelectionStatus;
  applicationsCloseAt: number | null;
  candidates: Candidate[];
  /** The organization chosen by the owners or appointed by the council. */
  organizationId: string | null;
  /** Why the lot went to competition. */
  competitionReason: 'no_candidates' | 'no_quorum' | 'no_majority' | null;
}

export type VoteOutcome =
  | { kind: 'chosen'; organizationId: string }
  | { kind: 'no_quorum' }
  | { kind: 'no_majority' };

export type LotCommand =
  | { type: 'submit' }
  | { type: 'return'; remarks: string }
  | { type: 'approve'; decisionDocument: string }
  | { type: 'revise' }
  | { type: 'open_applications'; closesAt: number }
  | { type: 'apply'; organizationId: string; tariff: number; eligible: boolean }
  | { type: 'withdraw'; organizationId: string }
  | { type: 'close_applications' }
  | { type: 'record_vote'; outcome: VoteOutcome }
  | { type: 'appoint'; organizationId: string };
export type LotAction = LotCommand['type'];

export type LotRefusal =
  | { code: 'not_allowed_from_state'; action: LotAction; state: string }
  | { code: 'forbidden'; action: LotAction }
  | { code: 'remarks_required' }
  | { code: 'document_required' }
  | { code: 'window_closed'; closesAt: number }
  | { code: 'window_open'; closesAt: number }
  | { code: 'window_in_past' }
  | { code: 'not_eligible' }
  | { code: 'invalid_tariff' }
  | { code: 'not_a_candidate'; organizationId: string };

export type LotResult = { ok: true; lot: LotState } | { ok: false; refusal: LotRefusal };

/** Who may take each action, and from which states (approval's or selection's). */
export const LOT_TRANSITIONS: Record<
  LotAction,
  { by: LotParty; approval?: readonly ApprovalStatus[]; selection?: readonly SelectionStatus[] }
> = {
  submit: { by: 'officer', approval: ['draft', 'returned'] },
  return: { by: 'council', approval: ['submitted'] },
  approve: { by: 'council', approval: ['submitted'] },
  // A change of an approved lot is a new version that goes through approval again; the owners'
  // choice, once begun, is made on the version they were shown.
  revise: { by: 'officer', approval: ['approved'], selection: ['not_started', 'chosen', 'appointed'] },
  open_applications: { by: 'officer', approval: ['approved'], selection: ['not_started'] },
  apply: { by: 'organization', approval: ['approved'], selection: ['applications'] },
  withdraw: { by: 'organization', approval: ['approved'], selection: ['applications'] },
  close_applications: { by: 'system', approval: ['approved'], selection: ['applications'] },
  record_vote: { by: 'system', approval: ['approved'], selection: ['voting', 'repeat_voting'] },
  appoint: { by: 'council', approval: ['approved'], selection: ['competition'] },
};

export const newLot = (): LotState => ({
  version: 1,
  approval: 'draft',
  remarks: null,
  decisionDocument: null,
  selection: 'not_started',
  applicationsCloseAt: null,
  candidates: [],
  organizationId: null,
  competitionReason: null,
});

/** The actions this party could take now, for buttons and the API's hints. */
export function availableLotActions(lot: LotState, party: LotParty): LotAction[] {
  return (Object.keys(LOT_TRANSITIONS) as LotAction[]).filter(
    (a) => allowedFrom(lot, a) && LOT_TRANSITIONS[a].by === party,
  );
}

function allowedFrom(lot: LotState, action: LotAction): boolean {
  const t = LOT_TRANSITIONS[action];
  return (
    (!t.approval || t.approval.includes(lot.approval)) &&
    (!t.selection || t.selection.includes(lot.selection))
  );
}

const ok = (lot: LotState): LotResult => ({ ok: true, lot });
const no = (refusal: LotRefusal): LotResult => ({ ok: false, refusal });

export function applyLotCommand(lot: LotState, command: LotCommand, party: LotParty, now: number): LotResult {
  const action = command.type;
  if (!allowedFrom(lot, action))
    return no({ code: 'not_allowed_from_state', action, state: `${lot.approval}/${lot.selection}` });
  if (LOT_TRANSITIONS[action].by !== party) return no({ code: 'forbidden', action });
  switch (command.type) {
    case 'submit':
      return ok({ ...lot, approval: 'submitted' });
    case 'return':
      if (!command.remarks.trim()) return no({ code: 'remarks_required' });
      return ok({ ...lot, approval: 'returned', remarks: command.remarks.trim() });
    case 'approve':
      if (!command.decisionDocument) return no({ code: 'document_required' });
      return ok({ ...lot, approval: 'approved', remarks: null, decisionDocument: command.decisionDocument });
    case 'revise':
      // The approved version stays in force (its organization too) until the new one is approved.
      return ok({
        ...lot,
        version: lot.version + 1,
        approval: 'draft',
        remarks: null,
        decisionDocument: null,
      });
    case 'open_applications':
      if (command.closesAt <= now) return no({ code: 'window_in_past' });
      return ok({ ...lot, selection: 'applications', applicationsCloseAt: command.closesAt, candidates: [] });
    case 'apply': {
      if (now >= lot.applicationsCloseAt!)
        return no({ code: 'window_closed', closesAt: lot.applicationsCloseAt! });
      if (!command.eligible) return no({ code: 'not_eligible' });
      if (!Number.isInteger(command.tariff) || command.tariff <= 0) return no({ code: 'invalid_tariff' });
      // Applying again within the window replaces the organization's offer.
      const others = lot.candidates.filter((c) => c.organizationId !== command.organizationId);
      return ok({
        ...lot,
        candidates: [
          ...others,
          { organizationId: command.organizationId, tariff: command.tariff, appliedAt: now },
        ],
      });
    }
    case 'withdraw':
      // Withdrawn within the window only: once it closes the ballot is being drawn up.
      if (now >= lot.applicationsCloseAt!)
        return no({ code: 'window_closed', closesAt: lot.applicationsCloseAt! });
      if (!lot.candidates.some((c) => c.organizationId === command.organizationId))
        return no({ code: 'not_a_candidate', organizationId: command.organizationId });
      return ok({
        ...lot,
        candidates: lot.candidates.filter((c) => c.organizationId !== command.organizationId),
      });
    case 'close_applications':
      if (now < lot.applicationsCloseAt!)
        return no({ code: 'window_open', closesAt: lot.applicationsCloseAt! });
      return lot.candidates.length === 0
        ? ok({ ...lot, selection: 'competition', competitionReason: 'no_candidates' })
        : ok({ ...lot, selection: 'voting' });
    case 'record_vote': {
      const o = command.outcome;
      if (o.kind === 'chosen') {
        if (!lot.candidates.some((c) => c.organizationId === o.organizationId))
          return no({ code: 'not_a_candidate', organizationId: o.organizationId });
        return ok({ ...lot, selection: 'chosen', organizationId: o.organizationId });
      }
      // No quorum: the meeting is repeated once; no quorum again, or no majority, and the owners
      // have not chosen.
      if (o.kind === 'no_quorum' && lot.selection === 'voting')
        return ok({ ...lot, selection: 'repeat_voting' });
      return ok({ ...lot, selection: 'competition', competitionReason: o.kind });
    }
    case 'appoint':
      return ok({ ...lot, selection: 'appointed', organizationId: command.organizationId });
  }
}
