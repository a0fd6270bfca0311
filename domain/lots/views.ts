// What an owner of a building in a lot reads of it: where the lot stands and who manages it, not
// the council's working state (its remarks, the organizations' offers while the owners have yet to
// vote on them).
import type { ApprovalStatus, LotState, SelectionStatus } from './status.ts';

export interface LotOwnerView {
  id: string;
  districtId: string;
  number: number;
  version: number;
  approval: ApprovalStatus;
  selection: SelectionStatus;
  buildingIds: string[];
  apartments: number;
  /** How many organizations applied for the lot. */
  candidates: number;
  /** When the organizations' application window closes, while it is open or once it was. */
  applicationsCloseAt: string | null;
  /** The organization chosen by the owners or appointed by the council. */
  organizationId: string | null;
}

export function ownerView(lot: {
  id: string;
  districtId: string;
  number: number;
  state: LotState;
  buildingIds: string[];
  apartments: number;
}): LotOwnerView {
  const s = lot.state;
  return {
    id: lot.id,
    districtId: lot.districtId,
    number: lot.number,
    version: s.version,
    approval: s.approval,
    selection: s.selection,
    buildingIds: lot.buildingIds,
    apartments: lot.apartments,
    candidates: s.candidates.length,
    applicationsCloseAt:
      s.applicationsCloseAt === null ? null : new Date(s.applicationsCloseAt).toISOString(),
    organizationId: s.organizationId,
  };
}
