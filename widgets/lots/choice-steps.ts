// The owners' choice's steps as <mu-lot> sends them (open the choice, apply, withdraw, bid,
// appoint), with the confirmation before an appointment: fetched when a person first takes a step
// (core/lazy-part.ts), so a page that only reads a lot downloads none of it.
import type { Language } from '../../domain/common/language.ts';
import { askConfirmation } from '../core/ask-confirmation.ts';
import { translate } from '../core/i18n.ts';
import { choiceMessages } from './choice-messages.ts';
import type { ChoiceStep } from './choice-view.ts';
import {
  applyForLot,
  appointForLot,
  bidForLot,
  getChoice,
  startChoice,
  type Write,
  withdrawFromLot,
} from './client.ts';

/** Asks before an appointment, which binds the owners; any other step goes at once. */
export function confirmStep(step: ChoiceStep, lang: Language): Promise<boolean> {
  if (step.kind !== 'appoint') return Promise.resolve(true);
  const t = (key: 'appointTitle' | 'appointBody' | 'appoint') =>
    translate(choiceMessages, lang, key, { name: step.name });
  return askConfirmation({ title: t('appointTitle'), body: t('appointBody'), confirm: t('appoint'), lang });
}

/** Sends `step` for the lot; opening waits until the workflow has opened the window. */
export async function sendStep(lotId: string, step: ChoiceStep, o: Write): Promise<void> {
  switch (step.kind) {
    case 'open':
      await startChoice(lotId, o);
      // 202: the workflow opens the window a moment later; the lot is drawn again once it has.
      for (let wait = 250; wait < 8_000; wait *= 2) {
        if ((await getChoice(lotId, o)).selection !== 'not_started') return;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      return;
    case 'apply':
      return void (await applyForLot(lotId, step.tariff, o));
    case 'withdraw':
      return void (await withdrawFromLot(lotId, o));
    case 'bid':
      return void (await bidForLot(lotId, step.bid, o));
    case 'appoint':
      return void (await appointForLot(lotId, step.organizationId, o));
  }
}
