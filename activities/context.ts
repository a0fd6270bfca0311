// The single rule for database access from activities: each execution runs inside its own
// RequestContext, so `orm.em` inside an activity is a fresh fork with its own identity map, and
// a retried or concurrent execution never sees another one's entities. The ORM refuses the global
// context (db/orm.ts), so an activity run outside this scope fails loudly instead of sharing state.
import { RequestContext } from '@mikro-orm/core';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Orm } from '../db/orm.ts';

export function entityManagerScope(orm: Orm): ActivityInterceptorsFactory {
  return () => ({
    inbound: {
      execute: (input, next) => RequestContext.create(orm.em, () => next(input)),
    },
  });
}
