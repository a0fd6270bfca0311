// The vocabulary tables that turn the meeting enums of domain/meetings into message keys, and the
// groups of phases the elements branch on.
import type { AgendaItemKind, MajorityRule, MeetingForm } from '../../domain/meetings/policy.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import type { AgendaMessageKey } from './agenda-messages.ts';
import type { MeetingMessageKey } from './messages.ts';

export const PHASE_TEXT: Record<MeetingPhase, MeetingMessageKey> = {
  notice: 'phaseNotice',
  discussion: 'phaseDiscussion',
  voting: 'phaseVoting',
  counting: 'phaseCounting',
  decided: 'phaseDecided',
  appeal_window: 'phaseAppealWindow',
  completed: 'phaseCompleted',
  cancelled: 'phaseCancelled',
  failed: 'phaseFailed',
};

export const FORM_TEXT: Record<MeetingForm, AgendaMessageKey> = {
  electronic: 'formElectronic',
  absentee: 'formAbsentee',
  in_person: 'formInPerson',
  mixed: 'formMixed',
};

export const ITEM_KIND_TEXT: Record<AgendaItemKind, AgendaMessageKey> = {
  ordinary: 'itemOrdinary',
  management_method: 'itemManagementMethod',
  management_organization: 'itemManagementOrganization',
  capital_repair: 'itemCapitalRepair',
  reconstruction: 'itemReconstruction',
  common_property_use: 'itemCommonPropertyUse',
  land_plot_limits: 'itemLandPlotLimits',
};

export const RULE_TEXT: Record<MajorityRule, AgendaMessageKey> = {
  majority_of_cast: 'ruleMajorityOfCast',
  majority_of_all: 'ruleMajorityOfAll',
  two_thirds_of_all: 'ruleTwoThirdsOfAll',
};

export const INITIATOR_TEXT: Record<MeetingView['initiator']['kind'], MeetingMessageKey> = {
  owners: 'initiatorOwners',
  management_organization: 'initiatorOrganization',
  council: 'initiatorCouncil',
};

/** Phases after the close, when results (and the published ballots) exist. */
export const CLOSED_PHASES: readonly MeetingPhase[] = ['decided', 'appeal_window', 'completed', 'failed'];

/** Phases whose participation numbers mean something (the electorate is frozen from notice on). */
export const COUNTED_PHASES: readonly MeetingPhase[] = ['voting', 'counting', ...CLOSED_PHASES];
