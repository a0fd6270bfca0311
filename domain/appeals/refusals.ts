// How a refused appeal step reads to a caller: which kind of refusal (for the HTTP status), what
// went wrong, and which request field it is about. Shared by the workflow and the database layer.
import type { SubmitRefusal } from './appeal.ts';
import type { AppealRefusal } from './status.ts';

export interface RefusalInfo {
  kind: 'forbidden' | 'wrong_state' | 'invalid';
  message: string;
  fields: string[];
}

const when = (ms: number) => new Date(ms).toISOString();

export function describeRefusal(r: AppealRefusal | SubmitRefusal): RefusalInfo {
  switch (r.code) {
    case 'forbidden':
      return { kind: 'forbidden', message: `${r.action}: you may not do this with this appeal`, fields: [] };
    case 'not_allowed_from_state':
      return {
        kind: 'wrong_state',
        message: `${r.action} is not allowed while the appeal is ${r.state}`,
        fields: [],
      };
    case 'already_extended':
      return { kind: 'wrong_state', message: 'the term was already extended once', fields: [] };
    case 'deadline_passed':
      return { kind: 'wrong_state', message: 'the deadline has passed', fields: [] };
    case 'transfer_too_late':
      return { kind: 'wrong_state', message: `the forwarding term ended at ${when(r.endsAt)}`, fields: [] };
    case 'dispute_period_over':
      return { kind: 'wrong_state', message: `the dispute period ended at ${when(r.endsAt)}`, fields: [] };
    case 'dispute_period_open':
      return {
        kind: 'wrong_state',
        message: `the dispute period is open until ${when(r.endsAt)}`,
        fields: [],
      };
    case 'not_overdue':
      return { kind: 'wrong_state', message: `not overdue before ${when(r.dueAt)}`, fields: [] };
    case 'no_higher_level':
      return { kind: 'wrong_state', message: 'the inspection is the last level on the platform', fields: [] };
    case 'already_study':
      return { kind: 'wrong_state', message: 'the longer term for study is already set', fields: [] };
    case 'notice_too_late':
      return { kind: 'wrong_state', message: `the notice term ended at ${when(r.endsAt)}`, fields: [] };
    case 'justification_required':
      return { kind: 'invalid', message: 'a justification is required', fields: ['justification'] };
    case 'text_required':
      return { kind: 'invalid', message: 'the text is required', fields: ['text'] };
    case 'reason_required':
      return { kind: 'invalid', message: 'a reason is required', fields: ['reason'] };
    case 'invalid_rating':
      return { kind: 'invalid', message: 'the rating is a whole number from 1 to 5', fields: ['rating'] };
    case 'same_body':
      return { kind: 'invalid', message: 'the appeal is already with this body', fields: ['to'] };
    case 'extension_not_later':
      return {
        kind: 'invalid',
        message: `the new last day must come after the current one, ${r.lastDay}`,
        fields: ['lastDay'],
      };
    case 'extension_too_long':
      return {
        kind: 'invalid',
        message: `the term may be extended to ${r.maxLastDay} at the latest`,
        fields: ['lastDay'],
      };
  }
}
