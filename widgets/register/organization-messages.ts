// Words of <mu-register-organization>: one organization's entry in the register, as owners see it
// next to an agenda item that would choose it.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  cardLabel: 'The organization in the register: {name}',
  tin: 'TIN',
  status: 'Register status',
  since: 'Since',
  dispatch: 'Dispatch phone',
  noPhone: 'not given',
  selectable: 'May be chosen to manage a building.',
  notSelectable: 'Not registered now: owners cannot choose it until it is.',
  history: 'Register history',
} as const;

export type OrganizationMessageKey = keyof typeof en;

export const organizationMessages: Catalogs<OrganizationMessageKey> = {
  en,
  uz: {
    cardLabel: 'Reyestrdagi tashkilot: {name}',
    tin: 'STIR',
    status: 'Reyestrdagi holati',
    since: 'Shu sanadan',
    dispatch: 'Dispetcher telefoni',
    noPhone: 'koʻrsatilmagan',
    selectable: 'Uyni boshqarishga tanlanishi mumkin.',
    notSelectable: 'Hozir reyestrda emas: roʻyxatga olinmaguncha mulkdorlar uni tanlay olmaydi.',
    history: 'Reyestr tarixi',
  },
  ru: {
    cardLabel: 'Организация в реестре: {name}',
    tin: 'ИНН',
    status: 'Статус в реестре',
    since: 'С',
    dispatch: 'Телефон диспетчерской',
    noPhone: 'не указан',
    selectable: 'Может быть выбрана для управления домом.',
    notSelectable: 'Сейчас не в реестре: собственники не могут выбрать её, пока она не включена.',
    history: 'История в реестре',
  },
};
