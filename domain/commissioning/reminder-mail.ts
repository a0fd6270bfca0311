// The reminder to a developer that conditions of its commissioning application are still missing,
// in the recipient's language: each condition in words, the deadline as a Tashkent day and time.
// Templates are code, so a missing text is a type error.
import { tashkentDateTime } from '../calendar/working-days.ts';
import type { Language } from '../common/language.ts';
import type { CommissioningCondition } from './policy.ts';

export interface CommissioningReminderData {
  cadastralNumber: string;
  missing: readonly CommissioningCondition[];
  dueAt: number;
  link: string;
}

interface Words {
  subject(cadastral: string): string;
  intro(cadastral: string): string;
  condition: Record<CommissioningCondition, string>;
  lapse(due: string): string;
  open: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    subject: (c) => `${c} uyini foydalanishga topshirish: shartlar hali bajarilmagan`,
    intro: (c) =>
      `${c} kadastr raqamli uyni foydalanishga topshirish arizasi boʻyicha quyidagilar hali bajarilmagan:`,
    condition: {
      cadastral_passport_issued: 'kadastr pasporti berilmagan',
      shown_in_registry: 'uy reyestrda koʻrsatilmagan',
      solar_panels_transferred: 'quyosh panellari topshirilmagan',
      management_organization_engaged: 'boshqaruv tashkiloti jalb qilinmagan',
    },
    lapse: (d) => `Agar ular ${d} gacha (Toshkent vaqti) bajarilmasa, ariza kuchini yoʻqotadi.`,
    open: 'Arizani ochish',
  },
  ru: {
    subject: (c) => `Ввод дома ${c} в эксплуатацию: условия ещё не выполнены`,
    intro: (c) => `По заявлению о вводе в эксплуатацию дома с кадастровым номером ${c} ещё не выполнено:`,
    condition: {
      cadastral_passport_issued: 'не выдан кадастровый паспорт',
      shown_in_registry: 'дом не отражён в реестре',
      solar_panels_transferred: 'не переданы солнечные панели',
      management_organization_engaged: 'не привлечена управляющая организация',
    },
    lapse: (d) => `Если они не будут выполнены до ${d} (время Ташкента), заявление утратит силу.`,
    open: 'Открыть заявление',
  },
  en: {
    subject: (c) => `Commissioning of ${c}: conditions still missing`,
    intro: (c) => `The commissioning application for the building ${c} still misses:`,
    condition: {
      cadastral_passport_issued: 'the cadastral passport is not issued',
      shown_in_registry: 'the building is not shown in the registry',
      solar_panels_transferred: 'the solar panels are not transferred',
      management_organization_engaged: 'no management organization is engaged',
    },
    lapse: (d) => `Unless they are met by ${d} (Tashkent time), the application lapses.`,
    open: 'Open the application',
  },
};

export function renderCommissioningReminder(
  lang: Language,
  d: CommissioningReminderData,
): { subject: string; text: string } {
  const w = WORDS[lang];
  return {
    subject: w.subject(d.cadastralNumber),
    text: [
      w.intro(d.cadastralNumber),
      ...d.missing.map((m) => `  - ${w.condition[m]}`),
      '',
      w.lapse(tashkentDateTime(d.dueAt)),
      `${w.open}: ${d.link}`,
    ].join('\n'),
  };
}
