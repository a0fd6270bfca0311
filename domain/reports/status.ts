// The report's state machine: due → draft (saved as often as needed) → submitted (frozen as
// version 1) → corrections, each a new submitted version with its reason. Versions are never
// changed or removed. A pure function of the report, the command and when, so the API's check and
// the repository's check under the row lock give one answer.

import { tashkentDate } from '../calendar/working-days.ts';
import { RuleError } from '../common/rule-error.ts';
import type { ReportRuleCode } from './errors.ts';
import type { ReportPolicy } from './policy.ts';
import { deadlineAt, hasBegun } from './quarters.ts';
import type { ReportContent, ReportStatus, ReportVersion } from './types.ts';
import { validateContent } from './validation.ts';

export interface ReportState {
  quarter: string;
  status: ReportStatus;
  draft: ReportContent | null;
  versions: ReportVersion[];
}

export type ReportCommand =
  | { type: 'save_draft'; content: ReportContent }
  | { type: 'submit' }
  | { type: 'correct'; content: ReportContent; reason: string };
export type ReportAction = ReportCommand['type'];

/** From which states each command is allowed. */
export const REPORT_TRANSITIONS: Record<ReportAction, readonly ReportStatus[]> = {
  save_draft: ['due', 'draft'],
  submit: ['draft'],
  correct: ['submitted'],
};

export const emptyReport = (quarter: string): ReportState => ({
  quarter,
  status: 'due',
  draft: null,
  versions: [],
});

const refuse = (code: ReportRuleCode, message: string, fields: string[] = []): never => {
  throw new RuleError<ReportRuleCode>(code, message, fields);
};

/** The next state, or a RuleError: quarter_not_begun, wrong_state, invalid. */
export function applyReportCommand(
  policy: ReportPolicy,
  state: ReportState,
  command: ReportCommand,
  by: string,
  now: number,
): ReportState {
  if (!hasBegun(state.quarter, now))
    refuse('quarter_not_begun', `${state.quarter} has not begun`, ['quarter']);
  if (!REPORT_TRANSITIONS[command.type].includes(state.status))
    refuse('wrong_state', `cannot ${command.type} a report that is ${state.status}`, ['status']);
  const today = tashkentDate(now);
  const late = now >= deadlineAt(state.quarter, policy);
  switch (command.type) {
    case 'save_draft':
      return {
        ...state,
        status: 'draft',
        draft: validateContent(command.content, state.quarter, today, policy),
      };
    case 'submit': {
      const content = validateContent(state.draft!, state.quarter, today, policy);
      return {
        ...state,
        status: 'submitted',
        draft: null,
        versions: [{ version: 1, content, submittedAt: now, submittedBy: by, reason: null, late }],
      };
    }
    case 'correct': {
      const reason = command.reason.trim();
      if (reason.length === 0) refuse('invalid', 'reason: a correction says why', ['reason']);
      if (reason.length > policy.maxTextLength)
        refuse('invalid', `reason: at most ${policy.maxTextLength} characters`, ['reason']);
      const content = validateContent(command.content, state.quarter, today, policy);
      return {
        ...state,
        versions: [
          ...state.versions,
          { version: state.versions.length + 1, content, submittedAt: now, submittedBy: by, reason, late },
        ],
      };
    }
  }
}

/** The version owners read: the latest submitted one. */
export const currentVersion = (s: ReportState): ReportVersion | null => s.versions.at(-1) ?? null;

/** When the report was first entered (its first submission), which is what lifts a suspension. */
export const enteredAt = (s: ReportState): number | null => s.versions[0]?.submittedAt ?? null;
