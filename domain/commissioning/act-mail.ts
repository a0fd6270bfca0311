// The mail to a party of a commissioning act drawn up for signature (the developer and the
// management organization it names), in the recipient's language, with the link that opens the
// application and the act's sign control (domain/common/links.ts).
import type { Language } from '../common/language.ts';
import type { ActKind } from './act.ts';

export interface ActSignMailData {
  kind: ActKind;
  cadastralNumber: string;
  /** The other party, by name. */
  otherParty: string;
  link: string;
}

interface Words {
  act: Record<ActKind, string>;
  subject: (act: string, cadastral: string) => string;
  lead: (act: string, cadastral: string, other: string) => string;
  read: string;
  open: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    act: {
      solar_transfer: 'Quyosh panellarini umumiy mulkka topshirish dalolatnomasi',
      management_engagement: 'Boshqaruv tashkilotini jalb qilish dalolatnomasi',
    },
    subject: (a, c) => `${a} (${c}) imzoingizni kutmoqda`,
    lead: (a, c, o) => `${c} kadastr raqamli uy uchun «${a}» imzoga tuzildi. Ikkinchi tomon: ${o}.`,
    read: 'Imzolashdan oldin dalolatnoma matnini oʻqing: imzo tugmasi matn koʻrsatilgandan keyin faollashadi.',
    open: 'Arizani ochish va imzolash',
  },
  ru: {
    act: {
      solar_transfer: 'Акт передачи солнечных панелей в общее имущество',
      management_engagement: 'Акт привлечения управляющей организации',
    },
    subject: (a, c) => `${a} (${c}) ждёт вашей подписи`,
    lead: (a, c, o) => `Для дома с кадастровым номером ${c} составлен «${a}». Другая сторона: ${o}.`,
    read: 'Прочтите текст акта перед подписью: кнопка подписи включается, когда текст показан.',
    open: 'Открыть заявление и подписать',
  },
  en: {
    act: {
      solar_transfer: 'The act of transfer of the solar panels to common property',
      management_engagement: 'The act of engagement of the management organization',
    },
    subject: (a, c) => `${a} (${c}) awaits your signature`,
    lead: (a, c, o) => `"${a}" was drawn up for the building ${c}. The other party: ${o}.`,
    read: 'Read the act before you sign: the sign button is enabled once its text is shown.',
    open: 'Open the application and sign',
  },
};

export function renderActSignMail(lang: Language, d: ActSignMailData): { subject: string; text: string } {
  const w = WORDS[lang];
  const act = w.act[d.kind];
  return {
    subject: w.subject(act, d.cadastralNumber),
    text: [w.lead(act, d.cadastralNumber, d.otherParty), '', w.read, '', `${w.open}: ${d.link}`].join('\n'),
  };
}
