// Every entity the ORM knows. Each capability appends its own list here, so the migrator sees the
// whole schema and one migration history covers all capabilities.
import { appealEntities } from './appeals/entities.ts';
import { auditEntities } from './audit/entities.ts';
import { bankStatementEntities } from './billing/bank-entities.ts';
import { courtEntities } from './billing/court-entities.ts';
import { debtorEntities } from './billing/debtor-entities.ts';
import { billingEntities } from './billing/entities.ts';
import { paymentEntities } from './billing/payment-entities.ts';
import { billingReceiptEntities } from './billing/receipt-entities.ts';
import { violationEntities } from './billing/violation-entities.ts';
import { commissioningEntities } from './commissioning/entities.ts';
import { contractEntities } from './contracts/entities.ts';
import { dispatchEntities } from './dispatch/entities.ts';
import { lotEntities } from './lots/entities.ts';
import { mailEntities } from './mail/entities.ts';
import { meetingEntities } from './meetings/entities.ts';
import { notificationEntities } from './notifications/entities.ts';
import { notificationInboxEntities } from './notifications/inbox-entities.ts';
import { rateLimitEntities } from './rate-limit.ts';
import { readVersionEntities } from './read-version.ts';
import { registerEntities } from './register/entities.ts';
import { conditionEntities } from './registry/condition-entities.ts';
import { registryEntities } from './registry/entities.ts';
import { reportEntities } from './reports/entities.ts';
import { signatureEntities } from './signatures/entities.ts';

export const entities = [
  ...registryEntities,
  ...readVersionEntities,
  ...mailEntities,
  ...auditEntities,
  ...meetingEntities,
  ...registerEntities,
  ...contractEntities,
  ...signatureEntities,
  ...appealEntities,
  ...conditionEntities,
  ...commissioningEntities,
  ...rateLimitEntities,
  ...billingEntities,
  ...billingReceiptEntities,
  ...debtorEntities,
  ...paymentEntities,
  ...bankStatementEntities,
  ...courtEntities,
  ...violationEntities,
  ...reportEntities,
  ...lotEntities,
  ...dispatchEntities,
  ...notificationEntities,
  ...notificationInboxEntities,
];
