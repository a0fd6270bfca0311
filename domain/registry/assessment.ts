// A building's technical condition is assessed element by element, the way Turar-Joy holds it
// (docs/domain/registry.md). Each assessment is a wear figure and the defects found, signed by
// the inspector who made it; the classification reads only the latest one per element.

/** The load-bearing structure; wear here threatens the building itself. */
export const STRUCTURAL_ELEMENTS = ['roof', 'facade', 'foundation'] as const;
/** Engineering systems; not every building has all of them (no gas, no elevators below 6 floors). */
export const ENGINEERING_SYSTEMS = [
  'heating',
  'water_supply',
  'sewerage',
  'electricity',
  'gas',
  'elevators',
] as const;
export const BUILDING_ELEMENTS = [...STRUCTURAL_ELEMENTS, ...ENGINEERING_SYSTEMS] as const;
export type BuildingElement = (typeof BUILDING_ELEMENTS)[number];

export const isBuildingElement = (s: unknown): s is BuildingElement =>
  typeof s === 'string' && (BUILDING_ELEMENTS as readonly string[]).includes(s);

export interface Defect {
  description: string;
  /** Critical: a danger to life or to the element's function, needing action before the next season. */
  critical: boolean;
}

export interface ElementAssessment {
  element: BuildingElement;
  /** Physical wear, percent of the element's service life used up, 0–100. */
  wearPercent: number;
  defects: Defect[];
  /** The inspector's user id: an assessment without an author cannot be challenged. */
  inspectorId: string;
  /** When the inspection took place (not when it was typed in), epoch ms. */
  assessedAt: number;
}

export interface FieldError {
  /** Dotted path into the input, e.g. `defects.1.description`. */
  field: string;
  message: string;
}

export type AssessmentValidation =
  | { ok: true; assessment: ElementAssessment }
  | { ok: false; errors: FieldError[] };

/** Long enough for a paragraph, short enough to keep a free-text field from becoming a document store. */
export const MAX_DEFECT_DESCRIPTION = 2000;

/**
 * Checks input from a form or the API. `now` bounds the date: an inspection cannot be recorded
 * ahead of time, or it would win the "latest" comparison over a real one.
 */
export function validateAssessment(input: Record<string, unknown>, now: number): AssessmentValidation {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });

  if (!isBuildingElement(input.element)) err('element', `must be one of ${BUILDING_ELEMENTS.join(', ')}`);

  const wear = input.wearPercent;
  if (typeof wear !== 'number' || !Number.isFinite(wear)) err('wearPercent', 'must be a number');
  else if (wear < 0 || wear > 100) err('wearPercent', 'must be between 0 and 100');

  const defects: Defect[] = [];
  if (!Array.isArray(input.defects)) err('defects', 'must be a list (empty when none were found)');
  else {
    for (const [i, d] of (input.defects as unknown[]).entries()) {
      const at = `defects.${i}`;
      if (typeof d !== 'object' || d === null) {
        err(at, 'must be an object');
        continue;
      }
      const { description, critical } = d as Record<string, unknown>;
      const text = typeof description === 'string' ? description.trim() : '';
      if (text === '') err(`${at}.description`, 'is required');
      else if (text.length > MAX_DEFECT_DESCRIPTION) {
        err(`${at}.description`, `must be at most ${MAX_DEFECT_DESCRIPTION} characters`);
      }
      if (typeof critical !== 'boolean') err(`${at}.critical`, 'must be true or false');
      defects.push({ description: text, critical: critical === true });
    }
  }

  const inspectorId = typeof input.inspectorId === 'string' ? input.inspectorId.trim() : '';
  if (inspectorId === '') err('inspectorId', 'is required');

  const at = input.assessedAt;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) err('assessedAt', 'must be a date');
  else if (at > now) err('assessedAt', 'must not be in the future');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    assessment: {
      element: input.element as BuildingElement,
      wearPercent: wear as number,
      defects,
      inspectorId,
      assessedAt: at as number,
    },
  };
}

/**
 * The latest assessment of each element. On a tie in time the later one in the list wins, so a
 * correction entered after the original replaces it.
 */
export function latestByElement(
  assessments: readonly ElementAssessment[],
): Partial<Record<BuildingElement, ElementAssessment>> {
  const latest: Partial<Record<BuildingElement, ElementAssessment>> = {};
  for (const a of assessments) {
    const current = latest[a.element];
    if (!current || a.assessedAt >= current.assessedAt) latest[a.element] = a;
  }
  return latest;
}
