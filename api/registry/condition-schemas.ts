// Request and response schemas of the building-condition endpoints. They mirror the db views;
// the `satisfies`-style checks at the end make the compiler catch drift between the two.
import { z } from '@hono/zod-openapi';
import type { AssessmentView } from '../../db/registry/condition-assessments.ts';
import type { ClassificationView } from '../../db/registry/condition-classification.ts';
import { SOLAR_OWNERS } from '../../db/registry/condition-entities.ts';
import type { ConsumptionMonthView } from '../../db/registry/condition-meters.ts';
import type { LandPlotView, SolarView } from '../../db/registry/condition-site.ts';
import { BUILDING_ELEMENTS, MAX_DEFECT_DESCRIPTION } from '../../domain/registry/assessment.ts';
import { RESOURCES } from '../../domain/registry/consumption.ts';
import { Instant } from '../openapi.ts';
import { geoJsonPolygonProblems } from './condition-geojson.ts';

const Element = z.enum(BUILDING_ELEMENTS);
const Outcome = z.enum(['green', 'yellow', 'red', 'unknown']);
const Defect = z.object({
  description: z.string().max(MAX_DEFECT_DESCRIPTION),
  critical: z.boolean(),
});

export const AssessmentBody = z
  .object({
    element: Element,
    wearPercent: z.number().int().min(0).max(100).openapi({ example: 40 }),
    defects: z.array(Defect).max(100),
    assessedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'when inspected; default now' }),
  })
  .openapi('AssessmentInput');

export const AssessmentSchema = z
  .object({
    id: z.uuid(),
    buildingId: z.uuid(),
    element: Element,
    wearPercent: z.number().int(),
    defects: z.array(Defect),
    inspectorId: z.string(),
    inspectorName: z.string().nullable(),
    assessedAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('Assessment');

const Reason = z
  .discriminatedUnion('rule', [
    z.object({ rule: z.literal('missing_assessment'), class: z.literal('unknown'), element: Element }),
    z.object({
      rule: z.literal('critical_defect'),
      class: z.enum(['red', 'yellow']),
      element: Element,
      loadBearing: z.boolean(),
      defects: z.array(z.string()),
    }),
    z.object({
      rule: z.literal('element_wear'),
      class: z.enum(['red', 'yellow']),
      element: Element,
      wearPercent: z.number(),
      threshold: z.number(),
    }),
    z.object({
      rule: z.literal('average_wear'),
      class: z.enum(['red', 'yellow']),
      averageWear: z.number(),
      threshold: z.number(),
    }),
  ])
  .openapi('ClassificationReason');

export const ClassificationSchema = z
  .object({
    outcome: Outcome,
    reasons: z.array(Reason),
    averageWear: z.number().nullable(),
    decidedAt: z.string().nullable(),
    history: z.array(
      z.object({
        outcome: Outcome,
        previousOutcome: Outcome.nullable(),
        reasons: z.array(Reason),
        averageWear: z.number().nullable(),
        cause: z.string(),
        decidedAt: z.string(),
      }),
    ),
  })
  .openapi('Classification');

export const AssessmentRecorded = z
  .object({ assessment: AssessmentSchema, classification: ClassificationSchema })
  .openapi('AssessmentRecorded');
export const AssessmentList = z
  .object({ latest: z.array(AssessmentSchema), history: z.array(AssessmentSchema) })
  .openapi('AssessmentList');

const Boundary = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
  .passthrough()
  .superRefine((value, ctx) => {
    for (const p of geoJsonPolygonProblems(value))
      ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  })
  .openapi({ description: 'GeoJSON Polygon or MultiPolygon, WGS 84 [longitude, latitude]' });

export const LandPlotBody = z
  .object({
    cadastralNumber: z.string().trim().min(1).max(64).openapi({ example: '10:01:04:12:0012' }),
    areaM2: z.number().positive().max(1e9),
    boundary: Boundary,
  })
  .openapi('LandPlotInput');
export const LandPlotSchema = z
  .object({
    buildingId: z.uuid(),
    cadastralNumber: z.string(),
    areaM2: z.number(),
    boundary: z.record(z.string(), z.unknown()),
    updatedAt: z.string(),
  })
  .openapi('LandPlot');

const MeterValue = z.number().min(0).max(1e12);
export const ReadingsBody = z
  .object({
    readings: z
      .array(
        z.object({
          meterId: z.string().trim().min(1).max(64),
          resource: z.enum(RESOURCES),
          readAt: Instant,
          value: MeterValue.openapi({ description: "the device's cumulative count" }),
          replaced: z.boolean().optional().openapi({ description: 'first reading of a new device' }),
          oldDeviceFinalValue: MeterValue.optional().openapi({
            description: "on a replaced reading: the old device's final count",
          }),
        }),
      )
      .min(1)
      .max(1000),
  })
  .openapi('MeterReadingsInput');
export const ReadingsRecorded = z
  .object({ accepted: z.number().int(), duplicates: z.number().int() })
  .openapi('MeterReadingsRecorded');

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const ConsumptionQuery = z.object({
  from: Month.optional().openapi({ example: '2026-01', description: 'default: 11 months before `to`' }),
  to: Month.optional().openapi({ example: '2026-12', description: 'default: this month (Tashkent)' }),
});
const ConsumptionMonth = z.object({
  month: z.string(),
  resource: z.enum(RESOURCES),
  amount: z.number(),
  unit: z.string(),
  complete: z.boolean().openapi({ description: 'false when the month has no baseline in the month before' }),
});
export const ConsumptionSchema = z
  .object({ buildingId: z.uuid(), months: z.array(ConsumptionMonth) })
  .openapi('Consumption');

export const SolarBody = z
  .object({
    panelCount: z.number().int().min(1).max(1_000_000),
    capacityKw: z.number().positive().max(1e7),
    owner: z.enum(SOLAR_OWNERS),
    ownerName: z.string().trim().min(1).max(255).optional(),
  })
  .openapi('SolarInput');
export const SolarSchema = z
  .object({
    buildingId: z.uuid(),
    panelCount: z.number().int(),
    capacityKw: z.number(),
    owner: z.enum(SOLAR_OWNERS),
    ownerName: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('SolarInstallation');

export const DistrictSummarySchema = z
  .object({
    districtId: z.uuid(),
    counts: z.object({
      green: z.number().int(),
      yellow: z.number().int(),
      red: z.number().int(),
      unknown: z.number().int(),
      total: z.number().int(),
    }),
  })
  .openapi('DistrictSummary');

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _drift: [
  Same<z.infer<typeof AssessmentSchema>, AssessmentView>,
  Same<z.infer<typeof ClassificationSchema>, ClassificationView>,
  Same<z.infer<typeof ConsumptionMonth>, ConsumptionMonthView>,
  Same<z.infer<typeof SolarSchema>, SolarView>,
  Same<z.infer<typeof LandPlotSchema>, LandPlotView>,
] = [true, true, true, true, true];
void _drift;
