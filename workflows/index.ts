// The worker's workflowsPath: every workflow of every task queue is exported here, and only
// workflows (the worker registers each exported function as a workflow type).
import type * as appeals from './appeals/appeal.ts';
import type { appealWorkflow } from './appeals/contract.ts';
import type * as billing from './billing/accrual.ts';
import type {
  billingAccrualWorkflow,
  billingDailyWorkflow,
  billingMonthWorkflow,
} from './billing/contract.ts';
import type * as billingDaily from './billing/daily.ts';
import type * as commissioning from './commissioning/application.ts';
import type { commissioningWorkflow } from './commissioning/contract.ts';
import type { WorkflowContract } from './common/contract.ts';
import type { contractWorkflow } from './contracts/contract.ts';
import type * as contracts from './contracts/lifecycle.ts';
import type { dispatchRequestWorkflow, massIncidentWorkflow } from './dispatch/contract.ts';
import type * as dispatchMass from './dispatch/mass.ts';
import type * as dispatch from './dispatch/request.ts';
import type * as lots from './lots/approval.ts';
import type * as lotChoice from './lots/choice.ts';
import type { lotApprovalWorkflow, lotChoiceWorkflow } from './lots/contract.ts';
import type { meetingWorkflow } from './meetings/contract.ts';
import type * as meetings from './meetings/meeting.ts';
import type { registerWorkflow } from './register/contract.ts';
import type * as register from './register/review.ts';
import type { registrySyncWorkflow } from './registry/contract.ts';
import type * as registry from './registry/sync-building.ts';
import type { reportQuarterWorkflow, reportsQuarterStartWorkflow } from './reports/contract.ts';
import type * as reports from './reports/quarter.ts';

export * from './appeals/appeal.ts';
export { billingAccrual, billingMonth } from './billing/accrual.ts';
export { billingDaily } from './billing/daily.ts';
export * from './commissioning/application.ts';
export * from './contracts/lifecycle.ts';
export * from './dispatch/mass.ts';
export * from './dispatch/request.ts';
export * from './lots/approval.ts';
export * from './lots/choice.ts';
export * from './meetings/meeting.ts';
export * from './register/review.ts';
export * from './registry/sync-building.ts';
export * from './reports/quarter.ts';

type Exported = typeof appeals &
  typeof billing &
  typeof billingDaily &
  typeof commissioning &
  typeof contracts &
  typeof dispatch &
  typeof dispatchMass &
  typeof lots &
  typeof lotChoice &
  typeof meetings &
  typeof register &
  typeof registry &
  typeof reports;

/** True when the contract names an exported workflow function that has the contract's signature. */
type Implemented<C> =
  C extends WorkflowContract<infer F, infer N>
    ? N extends keyof Exported
      ? Exported[N] extends F
        ? true
        : false
      : false
    : false;
type Holds<T extends true[]> = T;

/** Fails to compile when a contract's name or signature drifts from its workflow. */
export type ContractsImplemented = Holds<
  [
    Implemented<typeof appealWorkflow>,
    Implemented<typeof billingAccrualWorkflow>,
    Implemented<typeof billingDailyWorkflow>,
    Implemented<typeof billingMonthWorkflow>,
    Implemented<typeof commissioningWorkflow>,
    Implemented<typeof contractWorkflow>,
    Implemented<typeof dispatchRequestWorkflow>,
    Implemented<typeof massIncidentWorkflow>,
    Implemented<typeof lotApprovalWorkflow>,
    Implemented<typeof lotChoiceWorkflow>,
    Implemented<typeof meetingWorkflow>,
    Implemented<typeof registerWorkflow>,
    Implemented<typeof registrySyncWorkflow>,
    Implemented<typeof reportQuarterWorkflow>,
    Implemented<typeof reportsQuarterStartWorkflow>,
  ]
>;
