// What the staff elements ask before an act that binds owners: cancelling a meeting, signing its
// protocol; and how the protocol is offered to read before the signature.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  readProtocol: 'Read the protocol',
  readFirst: 'Read the protocol above before signing it.',
  cancelTitle: 'Cancel the meeting?',
  cancelBody:
    'The meeting “{title}” is cancelled before its vote: no ballot can be cast, and every owner is told the reason: “{reason}”. This cannot be undone; a new meeting must be called.',
  cancelConfirm: 'Cancel the meeting',
  signTitle: 'Sign the protocol?',
  signBody:
    'You sign the protocol of “{title}” as {role}. Your signature confirms the protocol with SHA-256 {sha} and the decisions in it; it cannot be withdrawn.',
  signConfirm: 'Sign the protocol',
  chair: 'chair',
  secretary: 'secretary',
} as const;

export type MeetingConfirmKey = keyof typeof en;

export const meetingConfirmMessages: Catalogs<MeetingConfirmKey> = {
  en,
  uz: {
    readProtocol: 'Bayonnomani oʻqish',
    readFirst: 'Imzolashdan oldin yuqoridagi bayonnomani oʻqing.',
    cancelTitle: 'Yigʻilish bekor qilinsinmi?',
    cancelBody:
      '«{title}» yigʻilishi ovoz berishdan oldin bekor qilinadi: hech kim ovoz bera olmaydi va barcha mulkdorlarga sabab maʼlum qilinadi: «{reason}». Buni qaytarib boʻlmaydi; yangi yigʻilish chaqirilishi kerak.',
    cancelConfirm: 'Yigʻilishni bekor qilish',
    signTitle: 'Bayonnoma imzolansinmi?',
    signBody:
      '«{title}» bayonnomasini {role} sifatida imzolaysiz. Imzoingiz SHA-256 {sha} boʻlgan bayonnomani va undagi qarorlarni tasdiqlaydi; uni qaytarib olib boʻlmaydi.',
    signConfirm: 'Bayonnomani imzolash',
    chair: 'rais',
    secretary: 'kotib',
  },
  ru: {
    readProtocol: 'Прочитать протокол',
    readFirst: 'Прочитайте протокол выше, прежде чем подписать его.',
    cancelTitle: 'Отменить собрание?',
    cancelBody:
      'Собрание «{title}» отменяется до голосования: проголосовать будет нельзя, всем собственникам сообщат причину: «{reason}». Это необратимо; придётся созвать новое собрание.',
    cancelConfirm: 'Отменить собрание',
    signTitle: 'Подписать протокол?',
    signBody:
      'Вы подписываете протокол собрания «{title}» как {role}. Подпись подтверждает протокол с SHA-256 {sha} и принятые в нём решения; отозвать её нельзя.',
    signConfirm: 'Подписать протокол',
    chair: 'председатель',
    secretary: 'секретарь',
  },
};
