// Request and response shapes of the contracts API. Parameters are validated by the domain's own
// rule (validateContractParameters), so the API and the rendered document never disagree.
import { z } from '@hono/zod-openapi';
import type { ContractParameters } from '../../domain/contracts/document.ts';
import { CONTRACT_STATES, PARTIES } from '../../domain/contracts/lifecycle.ts';
import { CONTRACT_KINDS } from '../../domain/contracts/tax-registration.ts';
import type { ContractSummary, ContractView } from '../../domain/contracts/view.ts';

const Parameters = z
  .custom<ContractParameters>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    message: 'must be an object of contract parameters',
  })
  .openapi({
    type: 'object',
    description:
      'management: { services[], tariffUzsPerM2, termMonths, startDate }; common property: { premises { kind, description, areaM2 }, purpose, monthlyRentUzs, termMonths, startDate }',
    example: {
      services: ['cleaning', 'maintenance', 'dispatch'],
      tariffUzsPerM2: 1500,
      termMonths: 12,
      startDate: '2027-01-01',
    },
  });

const Lang = z.enum(['uz', 'ru', 'en']).default('uz');
const TIN = z.string().regex(/^\d{9}$/, 'must be 9 digits');
const PINFL = z.string().regex(/^\d{14}$/, 'must be 14 digits');

export const CreateContractBody = z
  .object({
    kind: z.enum(CONTRACT_KINDS),
    organizationId: z.uuid(),
    buildingIds: z.array(z.uuid()).min(1).max(2000).optional(),
    source: z.object({ meetingId: z.uuid(), agendaItemId: z.uuid() }).optional(),
    representativeUserId: z.uuid().optional().openapi({
      description: "The owners' authorized representative; after a meeting, its chair unless named",
    }),
    counterparty: z
      .object({
        name: z.string().trim().min(1).max(300),
        tin: TIN.optional(),
        pinfl: PINFL.optional(),
        userId: z.uuid().optional(),
      })
      .optional()
      .openapi({ description: 'Common-property contracts: the lessee or user of the premises' }),
    authority: z.string().trim().min(1).max(500).optional(),
    parameters: Parameters,
    lang: Lang,
  })
  .openapi('CreateContract');

export const AmendBody = z.object({ parameters: Parameters, lang: Lang }).openapi('AmendContract');
export const TerminateBody = z
  .object({ reason: z.string().trim().min(1).max(1000), lang: Lang })
  .openapi('TerminateContract');
export const EmptyBody = z.object({}).strict();

export const KeyBody = z
  .object({
    publicKeyJwk: z
      .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().min(1), y: z.string().min(1) })
      .passthrough(),
  })
  .openapi('SigningKeyRegistration');

export const KeySchema = z
  .object({ id: z.string(), thumbprint: z.string(), createdAt: z.string() })
  .openapi('SigningKey');

export const KeyListSchema = z.object({ keys: z.array(KeySchema) }).openapi('SigningKeys');

export const ContractViewSchema = z.custom<ContractView>().openapi('Contract', {
  type: 'object',
  description:
    'id, number, kind, state, buildingIds, organization, source, parameters, version, documentSha256, pending { change, documentSha256, signatures[] }, parties, mySigningParty, taxRegistration, timeline[], flagged, concludedAt, terminatedAt',
  properties: {
    id: { type: 'string' },
    number: { type: 'string' },
    kind: { type: 'string', enum: [...CONTRACT_KINDS] },
    state: { type: 'string', enum: [...CONTRACT_STATES] },
    mySigningParty: { type: ['string', 'null'], enum: [...PARTIES, null] },
  },
});

export const ContractListSchema = z
  .object({ items: z.array(z.custom<ContractSummary>().openapi({ type: 'object' })) })
  .openapi('ContractList');

export const ContractListQuery = z.object({
  /** Accepted for portals that ask for "mine": the list is always the caller's own view. */
  mine: z.enum(['1', 'true']).optional(),
  buildingId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
});

export const DocumentQuery = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')
    .optional()
    .openapi({ description: 'Which document; the one up for signature, else the one in force' }),
});

export const RevenueSchema = z
  .object({
    buildingId: z.string(),
    entries: z.array(
      z.object({
        contractId: z.string(),
        period: z.string(),
        amountUzs: z.number(),
        status: z.enum(['scheduled', 'cancelled']),
        contractVersion: z.number(),
      }),
    ),
  })
  .openapi('BuildingRevenue');
