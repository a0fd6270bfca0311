// The bodies of the bank statement routes (bank-statements.ts): the import's report and the
// organization's queue of unmatched payments, whose item fields the queue widget reads.
import { z } from '@hono/zod-openapi';
import { BANK_LINE_STATUSES } from '../../domain/billing/bank-statement.ts';

export const StatementImportSchema = z
  .object({
    id: z.uuid(),
    buildingId: z.uuid(),
    filename: z.string(),
    status: z.enum(['imported', 'already_imported']),
    lines: z.number().int().openapi({ description: 'Lines in the file, header not counted' }),
    incoming: z.number().int().openapi({ description: 'Tiyin that came in, by the file' }),
    outgoing: z.number().int().openapi({ description: 'Tiyin that went out, by the file' }),
    matched: z
      .number()
      .int()
      .openapi({ description: "Owners' payments posted by their purpose (or assigned since)" }),
    unmatched: z.number().int().openapi({ description: 'Incoming lines waiting in the queue' }),
    settlements: z
      .number()
      .int()
      .openapi({ description: "Payment providers' transfers of what they collected" }),
    ignored: z.number().int().openapi({ description: 'Outgoing lines, recorded only' }),
    duplicates: z
      .number()
      .int()
      .openapi({ description: 'Lines an earlier, overlapping statement already imported: skipped' }),
    createdAt: z.string(),
  })
  .openapi('BankStatementImport');

export const StatementHeaders = z.object({
  'x-filename': z.string().max(600).optional().openapi({
    description: 'The file name, URI-encoded, kept with the import',
    example: 'vypiska-2026-11.csv',
  }),
});

const CandidateSchema = z
  .object({
    kind: z.enum(['personal_account', 'legacy_account', 'apartment']),
    confidence: z.enum(['high', 'medium', 'low']),
    text: z.string().openapi({ description: 'The words of the purpose it was read from' }),
    account: z.string().optional().openapi({ description: 'personal_account: the 10 digits' }),
    valid: z.boolean().optional().openapi({ description: 'personal_account: whether its check digit holds' }),
    number: z.string().optional().openapi({ description: 'legacy_account or apartment: the number written' }),
    apartmentId: z
      .uuid()
      .nullable()
      .openapi({ description: "The building's apartment it names, when one does" }),
    apartmentNumber: z.string().nullable(),
  })
  .openapi('PaymentCandidate');

export const UnmatchedPaymentSchema = z
  .object({
    id: z.uuid(),
    importId: z.uuid(),
    lineNumber: z.number().int(),
    valueDate: z.string().openapi({ example: '2026-11-10' }),
    amount: z.number().int().openapi({ description: 'Tiyin' }),
    payer: z.string(),
    payerAccount: z.string().nullable(),
    purpose: z.string(),
    reference: z.string(),
    candidates: z.array(CandidateSchema),
  })
  .openapi('UnmatchedPayment');

export const UnmatchedListSchema = z
  .object({ items: z.array(UnmatchedPaymentSchema) })
  .openapi('UnmatchedPayments');

export const AssignmentBody = z
  .object({
    apartmentId: z.uuid(),
    personalAccount: z
      .string()
      .regex(/^\d{10}$/, '10 digits')
      .optional()
      .openapi({ description: 'Which co-owner pays, when the apartment has several owner accounts' }),
  })
  .openapi('PaymentAssignmentBody');

export const AssignedSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(BANK_LINE_STATUSES).openapi({ example: 'assigned' }),
    apartmentId: z.uuid(),
    account: z.string().openapi({ description: "The owner's ledger account credited" }),
    paymentId: z.string().openapi({ description: 'The payment transfer on the ledger' }),
    amount: z.number().int(),
    valueDate: z.string(),
    assignedByUserId: z.uuid().nullable(),
    assignedAt: z.string(),
  })
  .openapi('PaymentAssignment');
