// The words of a vote's three choices: on the ballot, in the voter's receipt and in the results,
// apart from the ballot's other words so the results alone do not fetch those.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  for: 'For',
  against: 'Against',
  abstain: 'Abstain',
} as const;

export type ChoiceMessageKey = keyof typeof en;

export const choiceMessages: Catalogs<ChoiceMessageKey> = {
  en,
  uz: {
    for: 'Yoqlayman',
    against: 'Qarshiman',
    abstain: 'Betarafman',
  },
  ru: {
    for: 'За',
    against: 'Против',
    abstain: 'Воздержался',
  },
};
