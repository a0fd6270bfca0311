// The commissioning of a new multi-apartment building as data (docs/domain/commissioning.md: the cadastral
// passport issued and shown in Turar-Joy, the installed solar panels transferred to the management
// body as common property, and a management organization engaged by the developer). Every value
// is a default a region may override; the tag says where it comes from.
import { type DaysOffCalendar, DEFAULT_DAYS_OFF } from '../calendar/working-days.ts';

export const COMMISSIONING_CONDITIONS = [
  'cadastral_passport_issued',
  'shown_in_registry',
  'solar_panels_transferred',
  'management_organization_engaged',
] as const;
export type CommissioningCondition = (typeof COMMISSIONING_CONDITIONS)[number];

/** Who may record that a condition is met. */
export type Recorder = 'developer' | 'inspector' | 'system';
/** Whose signature the evidence must carry. */
export type Party = 'developer' | 'management_organization';

export interface CommissioningPolicy {
  /** The conditions that must all be met. [news] all four */
  required: CommissioningCondition[];
  /**
   * Days the developer has to meet the conditions still missing once the check finds them, after
   * which the application lapses. [design] 60; a fraction is counted exactly (drills)
   */
  deadlineDays: number;
  /** Days before the deadline on which the developer is reminded. [design] 14, 3 */
  reminderDaysBeforeDeadline: number[];
  /**
   * [design] What a state registry shows is recorded by its own synchronization or an inspector
   * who looked, never on the developer's word; documents the developer holds, the developer may
   * file.
   */
  recorders: Record<CommissioningCondition, Recorder[]>;
  /**
   * [news] the solar-panel transfer act is signed by the developer and the management
   * organization; [design] so is the management contract that engages it.
   */
  signatures: Record<CommissioningCondition, Party[]>;
  /** A deadline ending on a day off moves to the next working day. [design, as appeals] */
  daysOff: DaysOffCalendar;
}

export const DEFAULT_COMMISSIONING_POLICY: CommissioningPolicy = {
  required: [...COMMISSIONING_CONDITIONS],
  deadlineDays: 60,
  reminderDaysBeforeDeadline: [14, 3],
  recorders: {
    cadastral_passport_issued: ['developer', 'inspector', 'system'],
    shown_in_registry: ['inspector', 'system'],
    solar_panels_transferred: ['developer', 'inspector'],
    management_organization_engaged: ['developer', 'inspector'],
  },
  signatures: {
    cadastral_passport_issued: [],
    shown_in_registry: [],
    solar_panels_transferred: ['developer', 'management_organization'],
    management_organization_engaged: ['developer', 'management_organization'],
  },
  daysOff: DEFAULT_DAYS_OFF,
};

export type CommissioningPolicyOverrides = Partial<
  Omit<CommissioningPolicy, 'recorders' | 'signatures' | 'daysOff'>
> & {
  recorders?: Partial<Record<CommissioningCondition, Recorder[]>>;
  signatures?: Partial<Record<CommissioningCondition, Party[]>>;
  daysOff?: Partial<DaysOffCalendar>;
};

/** Layers overrides (national, then region) over the defaults. */
export function resolveCommissioningPolicy(
  ...layers: (CommissioningPolicyOverrides | undefined)[]
): CommissioningPolicy {
  let policy = DEFAULT_COMMISSIONING_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = {
      ...policy,
      ...layer,
      recorders: { ...policy.recorders, ...layer.recorders },
      signatures: { ...policy.signatures, ...layer.signatures },
      daysOff: { ...policy.daysOff, ...layer.daysOff },
    };
  }
  return policy;
}
