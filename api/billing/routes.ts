// Billing (docs/domain/billing.md), mounted under /api/v1: building registration, receipts, the
// building's extra revenue sources, its account statement, debtors and collection rate, the bank
// statements of its account with the queue of payments they could not match, its accounting-
// violation cases, debt claims and the court package, and a receipt's payment links. The payment
// page a receipt's QR code opens is in pay-page.ts, and the page a debt claim's link opens in
// court-acknowledge-page.ts, both outside /api.
import { createRouter } from '../openapi.ts';
import { accountRoutes } from './accounts.ts';
import { bankStatementRoutes } from './bank-statements.ts';
import { courtRoutes } from './court.ts';
import { debtorRoutes } from './debtors.ts';
import { paymentLinkRoutes } from './payment-links.ts';
import { receiptRoutes } from './receipts.ts';
import { registrationRoutes } from './registration.ts';
import { sourceRoutes } from './sources.ts';
import { violationRoutes } from './violations.ts';

export const billingRoutes = createRouter()
  .route('/', registrationRoutes)
  .route('/', accountRoutes)
  .route('/', receiptRoutes)
  .route('/', sourceRoutes)
  .route('/', debtorRoutes)
  .route('/', paymentLinkRoutes)
  .route('/', bankStatementRoutes)
  .route('/', courtRoutes)
  .route('/', violationRoutes);
