// The notice that an organization is removed from the register, to the organization, the councils
// of its buildings' districts and the owners of those buildings, each in their language: the
// reason in words, never its code. Templates are code, so a missing text is a type error.
import type { Language } from '../common/language.ts';
import type { RemovalReason } from './status.ts';

export interface RemovalMailData {
  organizationName: string;
  tin: string;
  reason: RemovalReason;
  /** The organization's register entry in the portal, when the deployment names one. */
  link?: string | null;
}

interface Words {
  subject(org: string, tin: string): string;
  removed(org: string, tin: string): string;
  reasonLabel: string;
  reason: Record<RemovalReason, string>;
  consequence: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    subject: (o, t) => `${o} (STIR ${t}) boshqaruv tashkilotlari reyestridan chiqarildi`,
    removed: (o, t) => `${o} (STIR ${t}) boshqaruv tashkilotlarining elektron reyestridan chiqarildi.`,
    reasonLabel: 'Sabab',
    reason: {
      tax_registration_missed: 'shartnoma muddatida soliq organida roʻyxatdan oʻtkazilmagan',
      false_data: 'notoʻgʻri maʼlumotlar taqdim etilgan',
      requirements_not_met: 'talablarga javob bermaydi',
      liquidated: 'tashkilot tugatilgan',
    },
    consequence:
      'Endi u uylarni boshqarish uchun tanlanishi mumkin emas; u boshqarayotgan uylarning mulkdorlari yangi boshqaruv usulini tanlaydi.',
  },
  ru: {
    subject: (o, t) => `${o} (ИНН ${t}) исключена из реестра управляющих организаций`,
    removed: (o, t) => `${o} (ИНН ${t}) исключена из электронного реестра управляющих организаций.`,
    reasonLabel: 'Причина',
    reason: {
      tax_registration_missed: 'договор не зарегистрирован в налоговом органе в срок',
      false_data: 'представлены недостоверные сведения',
      requirements_not_met: 'организация не соответствует требованиям',
      liquidated: 'организация ликвидирована',
    },
    consequence:
      'Её больше нельзя выбрать для управления домами; собственники домов, которыми она управляет, выбирают заново.',
  },
  en: {
    subject: (o, t) => `${o} (TIN ${t}) is removed from the register of management organizations`,
    removed: (o, t) =>
      `${o}, TIN ${t}, has been removed from the electronic register of management organizations.`,
    reasonLabel: 'Reason',
    reason: {
      tax_registration_missed: 'a contract was not registered with the tax authority in time',
      false_data: 'false data were submitted',
      requirements_not_met: 'the organization does not meet the requirements',
      liquidated: 'the organization was liquidated',
    },
    consequence:
      'It can no longer be chosen to manage buildings; the owners of the buildings it manages choose anew.',
  },
};

export function renderRemovalMail(lang: Language, d: RemovalMailData): { subject: string; text: string } {
  const w = WORDS[lang];
  return {
    subject: w.subject(d.organizationName, d.tin),
    text: [
      w.removed(d.organizationName, d.tin),
      `${w.reasonLabel}: ${w.reason[d.reason]}.`,
      w.consequence,
      ...(d.link ? [d.link] : []),
    ].join('\n\n'),
  };
}
