// The worker's workflowsPath: every workflow of every task queue is exported here.

export * from './appeals/appeal.ts';
export * from './commissioning/application.ts';
export * from './contracts/contract.ts';
export * from './meetings/meeting.ts';
export * from './register/review.ts';
export * from './registry/sync-building.ts';
