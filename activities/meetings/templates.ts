// What owners read about a meeting, by email and in the in-app inbox, in uz/ru/en. The notice carries
// what docs/domain/meetings.md requires of it: initiator, form, dates, agenda, where the materials
// are and when ballot collection ends. Templates are code so that a missing translation is a type
// error.
import type { Language } from '../../domain/common/language.ts';
import type { Decision } from '../../domain/meetings/decide.ts';
import type { MeetingForm } from '../../domain/meetings/policy.ts';
import type { RenderedMail } from '../mail/templates.ts';

export type NoticeKind = 'notice' | 'repeat' | 'reminder' | 'postponed' | 'cancelled' | 'result';

export interface MeetingMailData {
  meetingId: string;
  title: string;
  form: MeetingForm;
  attempt: number;
  initiatorName: string;
  addresses: string[];
  votingOpensAt: Date;
  votingClosesAt: Date;
  agenda: { id: string; position: number; title: string }[];
  /** Where owners read the materials and vote. */
  materialsUrl: string;
  /** Cancellation or postponement. */
  reason?: string;
  decision?: Decision | null;
  protocolSha256?: string | null;
  ballotSetSha256?: string | null;
}

export interface RenderedNotice extends RenderedMail {
  /** Short texts for the in-app inbox. */
  inApp: { title: string; body: string };
}

const LOCALES: Record<Language, string> = { uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB' };

interface Strings {
  forms: Record<MeetingForm, string>;
  subject: Record<NoticeKind, (title: string) => string>;
  lead: Record<NoticeKind, (d: MeetingMailData, when: (x: Date) => string) => string>;
  labels: {
    initiator: string;
    form: string;
    buildings: string;
    window: string;
    closes: string;
    agenda: string;
    materials: string;
    reason: string;
    quorum: (reached: boolean) => string;
    accepted: (yes: boolean) => string;
    protocol: string;
    ballots: string;
  };
}

const STRINGS: Record<Language, Strings> = {
  uz: {
    forms: {
      electronic: 'elektron ovoz berish',
      absentee: 'sirtdan ovoz berish',
      in_person: 'yuzma-yuz',
      mixed: 'aralash',
    },
    subject: {
      notice: (t) => `Mulkdorlar umumiy yigʻilishi: ${t}`,
      repeat: (t) => `Takroriy umumiy yigʻilish (sirtdan): ${t}`,
      reminder: (t) => `Eslatma: siz hali ovoz bermadingiz — ${t}`,
      postponed: (t) => `Yigʻilish muddati koʻchirildi: ${t}`,
      cancelled: (t) => `Yigʻilish bekor qilindi: ${t}`,
      result: (t) => `Yigʻilish natijalari: ${t}`,
    },
    lead: {
      notice: (d, w) =>
        `Mulkdorlarning umumiy yigʻilishi chaqirildi. Ovoz berish ${w(d.votingOpensAt)} da boshlanadi.`,
      repeat: () =>
        'Oldingi yigʻilishda kvorum boʻlmadi, shuning uchun xuddi shu kun tartibi bilan takroriy yigʻilish sirtdan ovoz berish shaklida oʻtkaziladi.',
      reminder: (d, w) => `Ovoz berish ${w(d.votingClosesAt)} da tugaydi, siz esa hali ovoz bermadingiz.`,
      postponed: () => 'Yigʻilish tashabbuskori ovoz berish muddatini koʻchirdi. Yangi muddatlar quyida.',
      cancelled: () => 'Yigʻilish tashabbuskori yigʻilishni bekor qildi.',
      result: () => 'Ovoz berish yakunlandi. Natijalar quyida.',
    },
    labels: {
      initiator: 'Tashabbuskor',
      form: 'Shakli',
      buildings: 'Uylar',
      window: 'Ovoz berish',
      closes: 'Byulletenlar qabul qilinishi tugaydi',
      agenda: 'Kun tartibi',
      materials: 'Materiallar va ovoz berish',
      reason: 'Sababi',
      quorum: (r) => (r ? 'Kvorum bor.' : 'Kvorum boʻlmadi: qarorlar qabul qilinmadi.'),
      accepted: (y) => (y ? 'qabul qilindi' : 'qabul qilinmadi'),
      protocol: 'Bayonnoma SHA-256',
      ballots: 'Hisoblangan byulletenlar toʻplami SHA-256',
    },
  },
  ru: {
    forms: {
      electronic: 'электронное голосование',
      absentee: 'заочное голосование',
      in_person: 'очное',
      mixed: 'очно-заочное',
    },
    subject: {
      notice: (t) => `Общее собрание собственников: ${t}`,
      repeat: (t) => `Повторное общее собрание (заочное): ${t}`,
      reminder: (t) => `Напоминание: вы ещё не проголосовали — ${t}`,
      postponed: (t) => `Сроки собрания перенесены: ${t}`,
      cancelled: (t) => `Собрание отменено: ${t}`,
      result: (t) => `Итоги собрания: ${t}`,
    },
    lead: {
      notice: (d, w) =>
        `Созывается общее собрание собственников. Голосование начнётся ${w(d.votingOpensAt)}.`,
      repeat: () =>
        'Предыдущее собрание не имело кворума, поэтому с той же повесткой проводится повторное собрание в форме заочного голосования.',
      reminder: (d, w) => `Голосование закончится ${w(d.votingClosesAt)}, а вы ещё не проголосовали.`,
      postponed: () => 'Инициатор собрания перенёс сроки голосования. Новые сроки ниже.',
      cancelled: () => 'Инициатор собрания отменил собрание.',
      result: () => 'Голосование завершено. Итоги ниже.',
    },
    labels: {
      initiator: 'Инициатор',
      form: 'Форма',
      buildings: 'Дома',
      window: 'Голосование',
      closes: 'Окончание приёма бюллетеней',
      agenda: 'Повестка дня',
      materials: 'Материалы и голосование',
      reason: 'Причина',
      quorum: (r) => (r ? 'Кворум имеется.' : 'Кворума нет: решения не приняты.'),
      accepted: (y) => (y ? 'принято' : 'не принято'),
      protocol: 'SHA-256 протокола',
      ballots: 'SHA-256 набора учтённых бюллетеней',
    },
  },
  en: {
    forms: {
      electronic: 'electronic vote',
      absentee: 'absentee vote',
      in_person: 'in person',
      mixed: 'mixed',
    },
    subject: {
      notice: (t) => `General meeting of owners: ${t}`,
      repeat: (t) => `Repeat general meeting (absentee): ${t}`,
      reminder: (t) => `Reminder: you have not voted yet — ${t}`,
      postponed: (t) => `Meeting postponed: ${t}`,
      cancelled: (t) => `Meeting cancelled: ${t}`,
      result: (t) => `Meeting results: ${t}`,
    },
    lead: {
      notice: (d, w) => `A general meeting of owners has been called. Voting opens on ${w(d.votingOpensAt)}.`,
      repeat: () =>
        'The previous meeting had no quorum, so a repeat meeting with the same agenda is held as an absentee vote.',
      reminder: (d, w) => `Voting closes on ${w(d.votingClosesAt)} and you have not voted yet.`,
      postponed: () => 'The initiator has moved the voting dates. The new dates are below.',
      cancelled: () => 'The initiator has cancelled the meeting.',
      result: () => 'Voting has closed. The results are below.',
    },
    labels: {
      initiator: 'Initiator',
      form: 'Form',
      buildings: 'Buildings',
      window: 'Voting',
      closes: 'Ballots accepted until',
      agenda: 'Agenda',
      materials: 'Materials and voting',
      reason: 'Reason',
      quorum: (r) => (r ? 'The quorum was reached.' : 'No quorum: no decision was taken.'),
      accepted: (y) => (y ? 'accepted' : 'not accepted'),
      protocol: 'Protocol SHA-256',
      ballots: 'Counted ballot set SHA-256',
    },
  },
};

/** A lot may span hundreds of buildings; the mail names the first few. */
const MAX_LISTED_ADDRESSES = 5;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function formatInstant(language: Language, at: Date): string {
  // Meetings are held in Uzbekistan: owners read local time whatever the server's zone.
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'Asia/Tashkent',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);
}

export function renderMeetingNotice(
  language: Language,
  kind: NoticeKind,
  d: MeetingMailData,
): RenderedNotice {
  const s = STRINGS[language];
  const when = (x: Date) => formatInstant(language, x);
  const l = s.labels;
  const addresses =
    d.addresses.slice(0, MAX_LISTED_ADDRESSES).join('; ') +
    (d.addresses.length > MAX_LISTED_ADDRESSES ? ` (+${d.addresses.length - MAX_LISTED_ADDRESSES})` : '');
  const lead = s.lead[kind](d, when);
  const facts: [string, string][] = [
    [l.initiator, d.initiatorName],
    [l.form, s.forms[d.form]],
    [l.buildings, addresses],
    [l.window, `${when(d.votingOpensAt)} — ${when(d.votingClosesAt)}`],
    [l.closes, when(d.votingClosesAt)],
  ];
  if (d.reason) facts.push([l.reason, d.reason]);
  const items = [...d.agenda].sort((a, b) => a.position - b.position);
  const decided = new Map(d.decision?.items.map((i) => [i.itemId, i.accepted]) ?? []);
  const agendaLines =
    kind === 'result' && d.decision
      ? items.map((a) => `${a.position}. ${a.title}: ${l.accepted(decided.get(a.id) ?? false)}`)
      : items.map((a) => `${a.position}. ${a.title}`);
  const resultLines =
    kind === 'result' && d.decision
      ? [
          l.quorum(d.decision.quorumReached),
          ...(d.protocolSha256 ? [`${l.protocol}: ${d.protocolSha256}`] : []),
          ...(d.ballotSetSha256 ? [`${l.ballots}: ${d.ballotSetSha256}`] : []),
        ]
      : [];
  const text = [
    d.title,
    '',
    lead,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `${l.agenda}:`,
    ...agendaLines,
    ...(resultLines.length ? ['', ...resultLines] : []),
    '',
    `${l.materials}: ${d.materialsUrl}`,
  ].join('\n');
  const html = [
    `<h2>${escapeHtml(d.title)}</h2>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<table>${facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
    `<h3>${escapeHtml(l.agenda)}</h3>`,
    `<ol>${agendaLines.map((a) => `<li>${escapeHtml(a.replace(/^\d+\.\s*/, ''))}</li>`).join('')}</ol>`,
    ...resultLines.map((r) => `<p>${escapeHtml(r)}</p>`),
    `<p><a href="${escapeHtml(d.materialsUrl)}">${escapeHtml(l.materials)}</a></p>`,
  ].join('\n');
  const subject = s.subject[kind](d.title);
  return { subject, text, html, inApp: { title: subject, body: [lead, ...resultLines].join(' ') } };
}
