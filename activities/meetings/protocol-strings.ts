// The protocol's wording in uz/ru/en. Separate from the layout so a translator reads one file.
import type { Language } from '../../domain/common/language.ts';
import type { AgendaItemKind, MajorityRule, MeetingForm, MeetingKind } from '../../domain/meetings/policy.ts';

export interface ProtocolStrings {
  heading: string;
  attempt: (n: number) => string;
  kinds: Record<MeetingKind, string>;
  forms: Record<MeetingForm, string>;
  itemKinds: Record<AgendaItemKind, string>;
  rules: Record<MajorityRule, string>;
  labels: {
    meetingId: string;
    buildings: string;
    initiator: string;
    chair: string;
    secretary: string;
    form: string;
    notice: string;
    voting: string;
    decidedAt: string;
    agenda: string;
    participation: string;
    eligible: string;
    voted: string;
    totalWeight: string;
    participatingWeight: string;
    quorum: (share: string, reached: boolean) => string;
    results: string;
    rule: string;
    for: string;
    against: string;
    abstain: string;
    ofCast: string;
    ofAll: string;
    decision: (accepted: boolean) => string;
    noQuorumDecision: string;
    ballotSet: string;
    verify: string;
    signatures: string;
    signature: string;
    date: string;
  };
  unit: (weighting: 'area' | 'apartment') => string;
}

export const PROTOCOL_STRINGS: Record<Language, ProtocolStrings> = {
  uz: {
    heading: 'KOʻP KVARTIRALI UY MULKDORLARI UMUMIY YIGʻILISHINING BAYONNOMASI',
    attempt: (n) => (n > 1 ? `Takroriy yigʻilish (${n}-urinish)` : ''),
    kinds: { annual: 'navbatdagi (yillik)', extraordinary: 'navbatdan tashqari' },
    forms: {
      electronic: 'elektron ovoz berish',
      absentee: 'sirtdan ovoz berish',
      in_person: 'yuzma-yuz',
      mixed: 'aralash',
    },
    itemKinds: {
      ordinary: 'oddiy masala',
      management_method: 'boshqaruv usulini tanlash',
      management_organization: 'boshqaruv tashkilotini tanlash',
      capital_repair: 'kapital taʼmirlash',
      reconstruction: 'rekonstruksiya',
      common_property_use: 'umumiy mulkdan foydalanish',
      land_plot_limits: 'yer uchastkasidan foydalanishni cheklash',
    },
    rules: {
      majority_of_cast: 'berilgan ovozlarning yarmidan koʻpi',
      majority_of_all: 'barcha ovozlarning yarmidan koʻpi',
      two_thirds_of_all: 'barcha ovozlarning kamida uchdan ikki qismi',
    },
    labels: {
      meetingId: 'Yigʻilish raqami',
      buildings: 'Uylar',
      initiator: 'Tashabbuskor',
      chair: 'Yigʻilish raisi',
      secretary: 'Kotib',
      form: 'Oʻtkazish shakli',
      notice: 'Xabarnoma yuborilgan sana',
      voting: 'Ovoz berish muddati',
      decidedAt: 'Ovozlar hisoblangan sana',
      agenda: 'Kun tartibi',
      participation: 'Ishtirok',
      eligible: 'Ovoz berish huquqiga ega mulkdorlar',
      voted: 'Ovoz bergan mulkdorlar',
      totalWeight: 'Barcha ovozlar',
      participatingWeight: 'Ishtirok etganlar ovozlari',
      quorum: (share, r) =>
        `Kvorum (barcha ovozlarning ${share} qismidan koʻpi): ${r ? 'bor' : 'yoʻq — qarorlar qabul qilinmadi'}`,
      results: 'Ovoz berish natijalari va qarorlar',
      rule: 'Qoida',
      for: 'Yoqlab',
      against: 'Qarshi',
      abstain: 'Betaraf',
      ofCast: 'berilgan ovozlardan',
      ofAll: 'barcha ovozlardan',
      decision: (a) => (a ? 'QAROR QABUL QILINDI' : 'QAROR QABUL QILINMADI'),
      noQuorumDecision: 'Kvorum boʻlmagani sababli qaror qabul qilinmadi',
      ballotSet: 'Hisoblangan byulletenlar toʻplamining SHA-256 xeshi',
      verify: 'Ushbu faylning haqiqiyligini uning SHA-256 xeshi boʻyicha tekshirish:',
      signatures: 'Imzolar',
      signature: 'imzo',
      date: 'sana',
    },
    unit: (w) => (w === 'area' ? 'm²' : 'xonadon'),
  },
  ru: {
    heading: 'ПРОТОКОЛ ОБЩЕГО СОБРАНИЯ СОБСТВЕННИКОВ ПОМЕЩЕНИЙ В МНОГОКВАРТИРНОМ ДОМЕ',
    attempt: (n) => (n > 1 ? `Повторное собрание (попытка ${n})` : ''),
    kinds: { annual: 'очередное (годовое)', extraordinary: 'внеочередное' },
    forms: {
      electronic: 'электронное голосование',
      absentee: 'заочное голосование',
      in_person: 'очное',
      mixed: 'очно-заочное',
    },
    itemKinds: {
      ordinary: 'обычный вопрос',
      management_method: 'выбор способа управления',
      management_organization: 'выбор управляющей организации',
      capital_repair: 'капитальный ремонт',
      reconstruction: 'реконструкция',
      common_property_use: 'пользование общим имуществом',
      land_plot_limits: 'ограничения пользования земельным участком',
    },
    rules: {
      majority_of_cast: 'более половины поданных голосов',
      majority_of_all: 'более половины всех голосов',
      two_thirds_of_all: 'не менее двух третей всех голосов',
    },
    labels: {
      meetingId: 'Номер собрания',
      buildings: 'Дома',
      initiator: 'Инициатор',
      chair: 'Председатель собрания',
      secretary: 'Секретарь',
      form: 'Форма проведения',
      notice: 'Дата уведомления',
      voting: 'Период голосования',
      decidedAt: 'Дата подсчёта голосов',
      agenda: 'Повестка дня',
      participation: 'Участие',
      eligible: 'Собственников с правом голоса',
      voted: 'Проголосовало собственников',
      totalWeight: 'Всего голосов',
      participatingWeight: 'Голосов участников',
      quorum: (share, r) =>
        `Кворум (более ${share} всех голосов): ${r ? 'имеется' : 'отсутствует — решения не приняты'}`,
      results: 'Итоги голосования и решения',
      rule: 'Правило',
      for: 'За',
      against: 'Против',
      abstain: 'Воздержались',
      ofCast: 'от поданных',
      ofAll: 'от всех',
      decision: (a) => (a ? 'РЕШЕНИЕ ПРИНЯТО' : 'РЕШЕНИЕ НЕ ПРИНЯТО'),
      noQuorumDecision: 'Решение не принято ввиду отсутствия кворума',
      ballotSet: 'SHA-256 набора учтённых бюллетеней',
      verify: 'Подлинность файла проверяется по его SHA-256:',
      signatures: 'Подписи',
      signature: 'подпись',
      date: 'дата',
    },
    unit: (w) => (w === 'area' ? 'м²' : 'кв.'),
  },
  en: {
    heading: 'MINUTES OF THE GENERAL MEETING OF OWNERS OF A MULTI-APARTMENT BUILDING',
    attempt: (n) => (n > 1 ? `Repeat meeting (attempt ${n})` : ''),
    kinds: { annual: 'annual', extraordinary: 'extraordinary' },
    forms: {
      electronic: 'electronic vote',
      absentee: 'absentee vote',
      in_person: 'in person',
      mixed: 'mixed',
    },
    itemKinds: {
      ordinary: 'ordinary matter',
      management_method: 'choice of management method',
      management_organization: 'choice of management organization',
      capital_repair: 'capital repair',
      reconstruction: 'reconstruction',
      common_property_use: 'use of common property',
      land_plot_limits: 'limits on the land plot',
    },
    rules: {
      majority_of_cast: 'more than half of the votes cast',
      majority_of_all: 'more than half of all votes',
      two_thirds_of_all: 'at least two thirds of all votes',
    },
    labels: {
      meetingId: 'Meeting number',
      buildings: 'Buildings',
      initiator: 'Initiator',
      chair: 'Chair',
      secretary: 'Secretary',
      form: 'Form',
      notice: 'Notice given on',
      voting: 'Voting period',
      decidedAt: 'Votes counted on',
      agenda: 'Agenda',
      participation: 'Participation',
      eligible: 'Owners entitled to vote',
      voted: 'Owners who voted',
      totalWeight: 'All votes',
      participatingWeight: 'Votes of participants',
      quorum: (share, r) =>
        `Quorum (more than ${share} of all votes): ${r ? 'reached' : 'not reached — no decision taken'}`,
      results: 'Results and decisions',
      rule: 'Rule',
      for: 'For',
      against: 'Against',
      abstain: 'Abstain',
      ofCast: 'of votes cast',
      ofAll: 'of all votes',
      decision: (a) => (a ? 'DECISION ADOPTED' : 'DECISION NOT ADOPTED'),
      noQuorumDecision: 'No decision: the quorum was not reached',
      ballotSet: 'SHA-256 of the counted ballot set',
      verify: 'Check this file by its SHA-256 at:',
      signatures: 'Signatures',
      signature: 'signature',
      date: 'date',
    },
    unit: (w) => (w === 'area' ? 'm²' : 'apt.'),
  },
};
