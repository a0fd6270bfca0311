// The contract as the API returns it and the widgets render it.
import type { ContractParameters } from './document.ts';
import type { Change, ContractState, Party, SignatureStatus } from './lifecycle.ts';
import type { ContractKind } from './tax-registration.ts';

export type TaxStatus = 'pending' | 'registered' | 'overdue';

export interface ContractTimelineEntry {
  at: string;
  action: string;
  fromState: string | null;
  toState: string;
  actorName: string | null;
  detail: string | null;
}

export interface ContractView {
  id: string;
  number: string;
  kind: ContractKind;
  state: ContractState;
  buildingIds: string[];
  organization: { id: string; name: string };
  source: { meetingId: string; agendaItemId: string | null } | null;
  parameters: ContractParameters;
  version: number;
  documentSha256: string | null;
  pending: null | {
    change: Change;
    documentSha256: string;
    signatures: {
      party: Party;
      signerName: string;
      scheme: string;
      status: SignatureStatus;
      signedAt: string;
    }[];
  };
  parties: {
    owners: { name: string; userId: string };
    counterparty: { name: string; userId: string | null; organizationId: string | null };
  };
  /** Which party the caller may sign for now, or null. */
  mySigningParty: Party | null;
  taxRegistration: null | {
    deadlineLastDay: string | null;
    deadlineEndsAt: string | null;
    status: TaxStatus;
    registrationNumber: string | null;
    registeredAt: string | null;
    lastError: string | null;
  };
  timeline: ContractTimelineEntry[];
  flagged: null | { reason: string; at: string };
  concludedAt: string | null;
  terminatedAt: string | null;
}

export interface ContractSummary {
  id: string;
  number: string;
  kind: ContractKind;
  state: ContractState;
  organization: { id: string; name: string };
  buildingIds: string[];
}
