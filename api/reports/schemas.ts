// Request and response shapes of the quarterly reports API.
import { z } from '@hono/zod-openapi';
import { REVENUE_KINDS } from '../../domain/billing/public.ts';
import { LANGUAGES } from '../../domain/common/language.ts';
import { ACT_PARTIES } from '../../domain/reports/act.ts';
import {
  PHOTO_STAGES,
  PHOTO_TYPES,
  REPORT_ELEMENTS,
  REPORT_STATUSES,
  WORK_KINDS,
} from '../../domain/reports/types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const ReportPath = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0195f3a0-8c1e-7000-8000-000000000001' }),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn')
    .openapi({ param: { name: 'quarter', in: 'path' }, example: '2027-Q1' }),
});

export const QuarterQuery = z.object({
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn')
    .openapi({ example: '2027-Q1' }),
});

/** The board as CSV: the quarter, and the reader's language (else Accept-Language, else Uzbek). */
export const BoardCsvQuery = QuarterQuery.extend({ lang: z.enum(LANGUAGES).optional() });

const WorkLine = z.object({
  kind: z.enum(WORK_KINDS),
  element: z.enum(REPORT_ELEMENTS),
  description: z.string().trim().min(1).max(2000),
  quantityMilli: z
    .number()
    .int()
    .positive()
    .openapi({ description: 'Thousandths of the unit: 12.5 m² is 12500' }),
  unit: z.string().trim().min(1).max(16),
  costTiyin: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  doneOn: z.string().regex(DATE, 'YYYY-MM-DD'),
  photos: z
    .array(z.object({ id: z.uuid(), stage: z.enum(PHOTO_STAGES) }))
    .max(10)
    .optional()
    .openapi({ description: 'Photos before and after the work, uploaded first (uploadReportPhoto)' }),
});

export const ContentBody = z
  .object({
    works: z.array(WorkLine).max(500),
    note: z.string().trim().max(2000).default(''),
  })
  .openapi('ReportContent');

export const CorrectionBody = ContentBody.extend({ reason: z.string().trim().min(1).max(2000) }).openapi(
  'ReportCorrection',
);

const Version = z.object({
  version: z.number().int(),
  submittedAt: z.string(),
  reason: z.string().nullable(),
  late: z.boolean(),
  note: z.string(),
  totalCostTiyin: z.number().int(),
  works: z.array(WorkLine),
});

const DispatchMeasure = z.object({
  count: z.number().int().openapi({ description: 'Requests the measure applies to' }),
  decided: z.number().int().openapi({ description: 'Of them, met or missed for good' }),
  inTime: z.number().int(),
  share: z.number().nullable().openapi({ description: 'inTime / decided, 0..1; null when none is decided' }),
  medianMinutes: z.number().nullable(),
});

const Summary = z
  .object({
    income: z
      .record(z.enum(REVENUE_KINDS), z.number().int())
      .openapi({ description: 'Income by kind, tiyin' }),
    incomeTotal: z.number().int(),
    expenses: z.number().int().openapi({ description: 'What expenses took from the building’s account' }),
    openingBalance: z.number().int(),
    closingBalance: z.number().int(),
    spending: z
      .array(
        z.object({
          transferId: z.string().openapi({ description: 'The ledger transfer' }),
          period: z.string(),
          amountTiyin: z.number().int(),
          reason: z.string(),
          postedAt: z.string(),
        }),
      )
      .openapi({
        description: 'Money spent from the building’s account in the quarter, each a ledger expense',
      }),
    appeals: z.object({
      received: z.number().int(),
      answered: z.number().int(),
      answeredInTime: z.number().int(),
    }),
    dispatch: z
      .object({
        requests: z.number().int(),
        answer: DispatchMeasure,
        contain: DispatchMeasure,
        done: DispatchMeasure,
        meanRating: z.number().nullable(),
      })
      .nullable()
      .openapi({
        description:
          'The reporting organization’s dispatch requests of the quarter (all its buildings): for the call answer, the containment and the done clock, the share met in time and the median minutes',
      }),
  })
  .openapi('ReportSummary', {
    description:
      'Computed by the system from the ledger, the appeals and the dispatch service when read, never entered',
  });

const Act = z.object({
  id: z.uuid(),
  version: z.number().int(),
  sha256: z.string().openapi({ description: 'SHA-256 of the act’s exact bytes, the ones signed' }),
  signatures: z.array(
    z.object({
      party: z.enum(ACT_PARTIES),
      signerName: z.string(),
      capacity: z.string().openapi({ description: 'staff, representative (the contract’s) or council' }),
      signedAt: z.string(),
    }),
  ),
  complete: z.boolean(),
});

const ActWithSide = Act.extend({
  mySide: z
    .enum(ACT_PARTIES)
    .nullable()
    .openapi({ description: 'The side the caller signs for, while it has not signed; else null' }),
});

export const ActSchema = Act.openapi('WorksAct');

export const ActPath = ReportPath.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

export const PhotoSchema = z
  .object({ id: z.uuid(), filename: z.string(), mediaType: z.enum(PHOTO_TYPES), size: z.number().int() })
  .openapi('ReportPhoto');

export const PhotoHeaders = z.object({
  'content-type': z.string().openapi({ example: 'image/jpeg' }),
  'x-filename': z
    .string()
    .min(1)
    .max(600)
    .openapi({ description: 'The file name, URI-encoded', example: 'roof-before.jpg' }),
});

export const ReportSchema = z
  .object({
    id: z.uuid().openapi({ description: 'The report; its history is /audit/reports/{id}/verification' }),
    buildingId: z.uuid(),
    quarter: z.string(),
    status: z.enum(REPORT_STATUSES),
    deadlineAt: z.string(),
    enteredAt: z.string().nullable(),
    late: z.boolean().nullable(),
    /** Only the managing organization sees its draft. */
    draft: ContentBody.nullable(),
    versions: z.array(Version),
    summary: Summary,
    acts: z
      .array(ActWithSide)
      .openapi({ description: 'The act of completed works of each submitted version' }),
    suspension: z.object({
      months: z.array(z.string()),
      kept: z.array(z.string()),
      liftedFrom: z.string().nullable(),
    }),
  })
  .openapi('Report');

export const ReportListSchema = z
  .object({
    items: z.array(
      z.object({
        quarter: z.string(),
        status: z.string(),
        late: z.boolean().nullable(),
        enteredAt: z.string().nullable(),
        versions: z.number().int(),
        keptMonths: z.array(z.string()),
      }),
    ),
  })
  .openapi('BuildingReports');

export const BoardSchema = z
  .object({
    districtId: z.uuid(),
    quarter: z.string(),
    items: z.array(
      z.object({
        buildingId: z.uuid(),
        address: z.string(),
        organizationId: z.uuid().nullable(),
        organizationName: z.string().nullable(),
        status: z.enum(REPORT_STATUSES),
        late: z.boolean().nullable(),
        enteredAt: z.string().nullable(),
        suspendedMonths: z.array(z.string()),
        keptMonths: z.array(z.string()),
        liftedFrom: z.string().nullable(),
        lostMonths: z.array(z.object({ period: z.string(), amountTiyin: z.number().int() })).openapi({
          description:
            "Months billing's gate closed for this quarter's missing report, each with what the accrual would have charged",
        }),
        lostTiyin: z.number().int().openapi({ description: 'Contributions lost to the suspension, tiyin' }),
      }),
    ),
  })
  .openapi('ReportsBoard');
