// One notice in a person's in-app inbox, as the API answers it and the widgets read it.
import type { MessageKind } from './types.ts';

export interface InboxItem {
  /** The message's id: one per mailing and person. */
  id: string;
  kind: MessageKind;
  /** A notice the law requires to reach the owner; opting out does not stop it. */
  legal: boolean;
  subject: string;
  body: string;
  link: string | null;
  createdAt: string;
  /** When the person first marked it read; null while unread. */
  readAt: string | null;
}
