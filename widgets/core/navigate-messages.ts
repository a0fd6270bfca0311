// The words of a list row's link to its object (navigate.ts openLink): their own file, so a widget
// without such a link, and a one-card page, downloads none of them.
import type { Catalogs } from './i18n.ts';

const en = {
  open: 'Open',
  openWhat: 'Open {what}',
} as const;

type Key = keyof typeof en;

export const navigateMessages: Catalogs<Key> = {
  en,
  uz: { open: 'Ochish', openWhat: '{what}: ochish' },
  ru: { open: 'Открыть', openWhat: 'Открыть: {what}' },
};
