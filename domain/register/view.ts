// An application to the register as callers see it (the API, the register's workflow): instants as
// ISO 8601, the verdicts and any corrections asked for.
import type { CorrectionsRequest } from './actions.ts';
import type { RegisterApplication, RequirementVerdict } from './requirements.ts';
import type { RegisterState } from './status.ts';

export interface ApplicationView {
  id: string;
  organizationId: string;
  districtId: string;
  tin: string;
  name: string;
  ownFundsUzs: number;
  technicalBase: RegisterApplication['technicalBase'];
  dispatch: RegisterApplication['dispatch'];
  state: RegisterState;
  verdicts: RequirementVerdict[];
  corrections: CorrectionsRequest | null;
  correctionsDueAt: string | null;
  lastCheckedAt: string | null;
  decidedAt: string | null;
  reason: string | null;
  submittedAt: string;
}
