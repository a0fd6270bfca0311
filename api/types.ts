import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Principal } from '../domain/access/roles.ts';
import type { TriageModel } from '../domain/dispatch/triage.ts';
import type { Config, TASK_QUEUES } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { DevTokenIssuer } from './auth/dev-keys.ts';
import type { TokenVerifier } from './auth/verifier.ts';

export interface CaughtMailView {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  text: string;
}

/** Everything the API needs from the outside world, injected so tests build the app with real parts. */
export interface AppDeps {
  config: Config;
  orm: MikroORM;
  logger: Logger;
  verifyToken: TokenVerifier;
  /** Absent only in tests that don't touch workflows; /readyz then reports Temporal as not configured. */
  temporal?: Client;
  /** Tests start workflows on queues of their own, so parallel files never take each other's tasks. */
  taskQueues?: Partial<Record<keyof typeof TASK_QUEUES, string>>;
  /**
   * The dispatch service's trained triage model, loaded once per process. Absent, the dispatch
   * intake answers 503 (the composition roots load it with loadTriageModel, platform/triage/model.ts).
   */
  triage?: TriageModel;
  /** Development-only helpers; their routes do not exist when this is absent. */
  dev?: { issuer: DevTokenIssuer; caughtMail?: () => CaughtMailView[] };
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal;
    requestId: string;
  };
}
