// The small label helpers the appeals elements share.
import { OPEN_STATUSES } from '../../domain/appeals/types.ts';
import type { Translate as CatalogTranslate } from '../core/i18n.ts';
import type { AppealMessageKey } from './messages.ts';
import { TIMELINE_ACTIONS, type TimelineAction } from './vocabulary.ts';

export type Translate = CatalogTranslate<AppealMessageKey>;

/** A timeline action in words, or the code when the API sent one this bundle does not know. */
export const actionText = (t: Translate, action: string): string =>
  (TIMELINE_ACTIONS as readonly string[]).includes(action) ? t(`action_${action as TimelineAction}`) : action;

/** Statuses in which the deadline still runs. */
export const isOpen = (status: string): boolean => (OPEN_STATUSES as readonly string[]).includes(status);
