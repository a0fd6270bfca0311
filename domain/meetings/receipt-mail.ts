// The ballot receipt mailed to the owner, in their language. It carries the tracker only: the
// secret that proves the tracker stays in the voter's browser, so the mail alone reveals nothing.
// Pure, so the ballot's own transaction can write the rendered mail to the outbox.
import type { Language } from '../common/language.ts';
import type { RenderedMail } from '../common/rendered-mail.ts';

export interface BallotReceiptData {
  ownerName: string;
  meetingTitle: string;
  address: string;
  apartmentNumber: string;
  tracker: string;
  /** Set when someone voted for the owner under a power of attorney. */
  proxyName: string | null;
  /** Where the meeting opens in the portal (domain/common/links.ts), when the sender knows it. */
  link?: string;
}

interface Strings {
  subject(title: string): string;
  greeting(name: string): string;
  recorded(d: BallotReceiptData): string;
  proxy(name: string): string;
  tracker: string;
  howToCheck: string;
  revote: string;
  open: string;
}

const STRINGS: Record<Language, Strings> = {
  uz: {
    subject: (t) => `Ovozingiz qabul qilindi: ${t}`,
    greeting: (n) => `Hurmatli ${n}!`,
    recorded: (d) =>
      `«${d.meetingTitle}» umumiy yigʻilishida ${d.address}, ${d.apartmentNumber}-xonadon boʻyicha byulleteningiz qabul qilindi.`,
    proxy: (n) => `Byulleten ishonchnoma asosida ${n} tomonidan topshirildi.`,
    tracker: 'Byulleten kuzatuv kodi:',
    howToCheck:
      'Ovoz berish yakunlangach, hisoblangan byulletenlar kodlari eʼlon qilinadi: vidjetdagi maxfiy kalit yordamida ovozingiz toʻgʻri hisoblanganini tekshirishingiz mumkin.',
    revote:
      'Ovoz berish yopilgunga qadar ovozingizni oʻzgartirishingiz mumkin; oxirgi byulleten hisobga olinadi.',
    open: 'Yigʻilishni ochish:',
  },
  ru: {
    subject: (t) => `Ваш голос принят: ${t}`,
    greeting: (n) => `Уважаемый(ая) ${n}!`,
    recorded: (d) =>
      `Ваш бюллетень на общем собрании «${d.meetingTitle}» по квартире ${d.apartmentNumber}, ${d.address}, принят.`,
    proxy: (n) => `Бюллетень подан по доверенности: ${n}.`,
    tracker: 'Код отслеживания бюллетеня:',
    howToCheck:
      'После окончания голосования коды всех учтённых бюллетеней будут опубликованы: с секретным ключом из виджета вы сможете проверить, что ваш голос учтён так, как вы его подали.',
    revote: 'До окончания голосования вы можете переголосовать; учитывается последний бюллетень.',
    open: 'Открыть собрание:',
  },
  en: {
    subject: (t) => `Your vote was recorded: ${t}`,
    greeting: (n) => `Dear ${n},`,
    recorded: (d) =>
      `Your ballot in the general meeting "${d.meetingTitle}" for apartment ${d.apartmentNumber}, ${d.address}, was recorded.`,
    proxy: (n) => `The ballot was cast under a power of attorney by ${n}.`,
    tracker: 'Ballot tracker:',
    howToCheck:
      'When voting closes, the trackers of all counted ballots are published: with the secret key kept by the widget you can check that your ballot was counted as cast.',
    revote: 'You may change your vote until voting closes; the last ballot counts.',
    open: 'Open the meeting:',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderBallotReceipt(language: Language, d: BallotReceiptData): RenderedMail {
  const s = STRINGS[language] ?? STRINGS.uz;
  const paragraphs = [
    s.greeting(d.ownerName),
    s.recorded(d),
    ...(d.proxyName ? [s.proxy(d.proxyName)] : []),
    `${s.tracker} ${d.tracker}`,
    s.howToCheck,
    s.revote,
    ...(d.link ? [`${s.open} ${d.link}`] : []),
  ];
  return {
    subject: s.subject(d.meetingTitle),
    text: paragraphs.join('\n\n'),
    html: paragraphs
      .map((p) =>
        p.endsWith(d.tracker)
          ? `<p>${escapeHtml(s.tracker)} <code>${escapeHtml(d.tracker)}</code></p>`
          : d.link && p.endsWith(d.link)
            ? `<p><a href="${escapeHtml(d.link)}">${escapeHtml(s.open.replace(/:$/, ''))}</a></p>`
            : `<p>${escapeHtml(p)}</p>`,
      )
      .join('\n'),
  };
}

/**
 * The receipt where the mail does not go (Telegram, SMS, the in-app inbox): the tracker first, so
 * an SMS cut to its length keeps what verifies the vote, then what was recorded and the revote rule.
 */
export function ballotReceiptNotice(language: Language, d: BallotReceiptData): string {
  const s = STRINGS[language] ?? STRINGS.uz;
  return [
    `${s.tracker} ${d.tracker}`,
    s.recorded(d),
    ...(d.proxyName ? [s.proxy(d.proxyName)] : []),
    s.revote,
  ].join('\n');
}
