// A commissioning application as the API shows it to its developer, its inspector and the staff
// an act names: the checklist with why each missing condition is missing, the acts with their
// signatures, and the history. Shared by the repository that builds it and the widget that shows it.
import type { ActKind, ActParty } from './act.ts';
import type { CommissioningApplication, CommissioningState } from './application.ts';
import type { MissingBecause } from './conditions.ts';
import type { CommissioningCondition } from './policy.ts';
import type { ConditionEvidence } from './types.ts';

/**
 * The state cadastre's passport of the building, as the application keeps it (the cadastre's
 * adapter, platform/cadastre/client.ts, reads the same fields off the wire).
 */
export interface CadastralPassport {
  cadastralNumber: string;
  passportNumber: string;
  issuedAt: string;
  address: string;
  yearBuilt: number;
  floors: number;
  entrances: number;
  totalAreaM2: number;
  livingAreaM2: number;
  apartments: number;
}

export interface CommissioningConditionView {
  condition: CommissioningCondition;
  met: boolean;
  because?: MissingBecause;
  /** Why the registry could not show the building, when that is the reason. */
  detail?: string;
  evidence?: ConditionEvidence & { recordedAt: string | null; recordedBy: string };
}

export interface CommissioningActView {
  id: string;
  kind: ActKind;
  sha256: string;
  organization: { id: string; name: string; tin: string };
  createdAt: string;
  signatures: {
    party: ActParty;
    tin: string;
    signerName: string;
    signedAt: string;
  }[];
}

export interface CommissioningView {
  id: string;
  state: CommissioningState;
  cadastralNumber: string;
  buildingId: string;
  districtId: string;
  developer: { tin: string; name: string };
  appliedAt: string;
  since: string;
  dueAt: string | null;
  canCommission: boolean;
  conditions: CommissioningConditionView[];
  reminders: { at: string | null; daysBeforeDeadline: number }[];
  rejection: CommissioningApplication['rejection'];
  passport: CadastralPassport | null;
  acts: CommissioningActView[];
  history: {
    at: string;
    action: string;
    /** As recorded then; an older record may name a state this version no longer has. */
    fromState: string | null;
    toState: string;
    actorUserId: string | null;
  }[];
}
