// Every activity the workers register, built once per process from its shared dependencies.
import type { Orm } from '../db/orm.ts';
import type { Config } from '../platform/config.ts';
import type { Mailer } from '../platform/mail.ts';
import { createMailActivities } from './mail/index.ts';
import { createMeetingActivities } from './meetings/index.ts';
import { createRegisterActivities } from './register/index.ts';
import { createRegistryActivities } from './registry/index.ts';

export interface ActivityDeps {
  orm: Orm;
  mailer: Mailer;
  config: Pick<Config, 'mail' | 'publicUrl'>;
}

export function createActivities({ orm, mailer, config }: ActivityDeps) {
  const from = config.mail.from;
  return {
    ...createMailActivities({ orm, mailer, from }),
    ...createRegistryActivities({ orm, mailer, from }),
    ...createMeetingActivities({ orm, mailer, from, publicUrl: config.publicUrl }),
    ...createRegisterActivities({ orm, mailer, from }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
