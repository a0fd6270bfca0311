// The vocabulary of quarterly reports on completed work (docs/domain/reports.md), shared by the
// API, the workflow and the widgets.
import { BUILDING_ELEMENTS, type BuildingElement } from '../registry/public.ts';

/** Planned works come from the building's plan; unplanned and emergency ones did not. */
export const WORK_KINDS = ['planned', 'unplanned', 'emergency'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** What a work line is about: the registry's elements and systems of a building. */
export const REPORT_ELEMENTS = BUILDING_ELEMENTS;
export type ReportElement = BuildingElement;

/**
 * due: nobody has written anything yet (the row exists because the deadline passed);
 * draft: the organization is filling it in; submitted: frozen, corrections are new versions.
 */
export const REPORT_STATUSES = ['due', 'draft', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** 'YYYY-Qn', e.g. '2027-Q1'. */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

export interface WorkLine {
  kind: WorkKind;
  element: ReportElement;
  description: string;
  /** Thousandths of the unit (1.5 m² → 1500), so a quantity is exact. */
  quantityMilli: number;
  unit: string;
  costTiyin: number;
  /** Tashkent date the work was done, inside the quarter. */
  doneOn: string;
  /** Photos before and after the work, uploaded first (POST /reports/buildings/{id}/photos). */
  photos?: WorkPhoto[];
}

export const PHOTO_STAGES = ['before', 'after'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];

export interface WorkPhoto {
  id: string;
  stage: PhotoStage;
}

/** Photos are checked by their content, not their name or declared type (domain/reports/photos.ts). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export interface ReportContent {
  works: WorkLine[];
  note: string;
}

export interface ReportVersion {
  version: number;
  content: ReportContent;
  submittedAt: number;
  submittedBy: string;
  /** Null for the first submission; a correction always says why. */
  reason: string | null;
  /** Submitted after the quarter's deadline. */
  late: boolean;
}
