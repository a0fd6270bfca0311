// Request and response shapes of the billing API.
import { z } from '@hono/zod-openapi';
import type { Collection } from '../../domain/billing/collection.ts';
import { SOURCE_KINDS } from '../../domain/billing/revenue-sources.ts';
import type { Statement } from '../../domain/billing/statement.ts';
import type {
  DebtorView,
  ElectricityView,
  OwnerAccountView,
  PaymentLinksView,
  ReceiptSummary,
  ReceiptView,
  RevenueSourceView,
} from '../../domain/billing/views.ts';
import { LANGUAGES } from '../../domain/common/language.ts';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const period = () => z.string().regex(PERIOD, "a month 'YYYY-MM'");
const date = () => z.string().regex(DATE, "a date 'YYYY-MM-DD'");

export const BuildingParam = z.object({
  buildingId: z
    .uuid()
    .openapi({ param: { name: 'buildingId', in: 'path' }, example: '0195f3a0-8c1e-7000-8000-000000000001' }),
});

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const BuildingReceiptsQuery = PageQuery.extend({ period: period().optional() });
export const PdfQuery = z.object({ lang: z.enum(LANGUAGES).default('uz') });
export const StatementQuery = z.object({ from: period().optional(), to: period().optional() });
export const StatementCsvQuery = StatementQuery.extend({ lang: z.enum(LANGUAGES).optional() });

export const SourceBody = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    partyName: z.string().trim().min(1).max(300),
    partyId: z.string().regex(/^(\d{9}|\d{14})$/, 'a TIN (9 digits) or a PINFL (14 digits)'),
    contractNumber: z.string().trim().min(1).max(64),
    monthlyCharge: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({
      description: 'tiyin per whole month',
      example: 150_000_000,
    }),
    from: date(),
    to: date().nullable().default(null),
  })
  .openapi('RevenueSourceInput');
export const EndBody = z.object({ to: date() }).openapi('EndRevenueSource');

const page = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    })
    .openapi(name);

export const ReceiptSummarySchema = z.custom<ReceiptSummary>().openapi('ReceiptSummary', {
  type: 'object',
  description:
    'id, number, period, buildingId, apartmentId, apartmentNumber, address, ownerName, accrued, paid, closing, toPay, dueDate (amounts in tiyin), contentSha256, createdAt: the receipt as made; and how it stands now: paidSince (paid on its account after its cut-off), remaining (what is left of toPay, 0 once paid), settledAt (when the payments covered toPay, or null)',
});
export const ReceiptListSchema = page(ReceiptSummarySchema, 'ReceiptList');
export const ReceiptSchema = z.custom<ReceiptView>().openapi('Receipt', {
  type: 'object',
  description: 'The summary and the stored snapshot (receipt lines and parties as printed)',
});
export const AccountsSchema = z
  .object({
    items: z.array(
      z.custom<OwnerAccountView>().openapi({
        type: 'object',
        description:
          'accountId, personalAccount, apartment, share, balance; standing: overdue, overduePeriods, penaltyDue, penalties[] (period, daysLate, amount, capped, growing); tiyin',
      }),
    ),
    electricity: z.custom<ElectricityView>().openapi({
      type: 'object',
      description: "status 'none' | 'blocked' | 'lifted', blockedOn, liftedAt",
    }),
  })
  .openapi('OwnerAccounts');
export const DebtorListSchema = z
  .object({
    items: z.array(
      z.custom<DebtorView>().openapi({
        type: 'object',
        description:
          'accountId, personalAccount, apartmentId, apartmentNumber, ownerName, balance, overdue, overduePeriods, penaltyDue, penalties[], electricity (none | blocked | lifted); tiyin',
      }),
    ),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    totalOverdue: z.number().int(),
  })
  .openapi('BuildingDebtors');
export const CollectionSchema = z
  .custom<Collection & { buildingId: string }>()
  .openapi('BuildingCollection', {
    type: 'object',
    description:
      'buildingId, from, to, months[] (period, dueDate, accrued, collected, onTime, rateBp), totals; tiyin, rate in basis points (null when nothing was charged)',
  });
export const PaymentLinksSchema = z.custom<PaymentLinksView>().openapi('ReceiptPaymentLinks', {
  type: 'object',
  description:
    "receiptId, personalAccount, amount (tiyin), links[] (provider 'payme' | 'click', url of the provider's checkout)",
});
export const PaymentLinksQuery = z.object({
  lang: z.enum(LANGUAGES).default('uz'),
  returnUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine((u) => !u.includes(';'), 'must not contain ";"')
    .optional()
    .openapi({ description: 'Where the provider sends the payer back after paying' }),
});
export const SourceSchema = z.custom<RevenueSourceView>().openapi('RevenueSource', { type: 'object' });
export const SourceListSchema = z.object({ items: z.array(SourceSchema) }).openapi('RevenueSourceList');
export const StatementSchema = z.custom<Statement>().openapi('BuildingStatement', {
  type: 'object',
  description:
    'buildingId, from, to, openingBalance, months[] (period, income by kind, incomeTotal, expenses, closingBalance), totals; tiyin',
});
