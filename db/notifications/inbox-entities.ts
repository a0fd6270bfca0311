// The in-app inbox: every message recorded for a person is a notice in their inbox (the in-app
// channel needs no address and is always delivered), so the inbox is a view of notification_message
// and this table only remembers which notices the person has read.
import { defineEntity, p } from '@mikro-orm/core';
import { KEEP } from '../columns.ts';
import { NotificationMessage } from './entities.ts';

export const NotificationInboxRead = defineEntity({
  name: 'NotificationInboxRead',
  tableName: 'notification_inbox_read',
  properties: {
    message: () => p.oneToOne(NotificationMessage).primary().deleteRule(KEEP).updateRule(KEEP),
    /** The first time the person marked it read; marking it again keeps this. */
    readAt: p.datetime(),
  },
});

export const notificationInboxEntities = [NotificationInboxRead];
