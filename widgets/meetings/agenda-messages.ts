// Words of what a meeting is and puts to the vote: its kind and form, each agenda item's kind and
// majority rule in plain words, an item's number. Apart from messages.ts since the ballot, the
// results, the protocol and the call form need these and not the meeting page's other words.
// Uzbek uses U+02BB (oʻ, gʻ) and U+02BC (tutuq belgisi), as in widgets/core/messages.ts.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  kindAnnual: 'Annual general meeting of owners',
  kindExtraordinary: 'Extraordinary general meeting of owners',
  formElectronic: 'electronic vote',
  formAbsentee: 'absentee vote (written ballots)',
  formInPerson: 'in person',
  formMixed: 'mixed (in person and written ballots)',
  itemNumber: 'Item {n}',
  itemOrdinary: 'Ordinary question',
  itemManagementMethod: 'Management method',
  itemManagementOrganization: 'Choice of management organization',
  itemCapitalRepair: 'Capital repair',
  itemReconstruction: 'Reconstruction',
  itemCommonPropertyUse: 'Use of common property by others',
  itemLandPlotLimits: 'Limits on the land plot',
  ruleMajorityOfCast: 'Passes if more than half of the votes cast on this item are “for”.',
  ruleMajorityOfAll: 'Passes only if owners holding more than half of all votes in the building vote “for”.',
  ruleTwoThirdsOfAll:
    'Passes only if owners holding at least two thirds of all votes in the building vote “for”.',
} as const;

export type AgendaMessageKey = keyof typeof en;

export const agendaMessages: Catalogs<AgendaMessageKey> = {
  en,
  uz: {
    kindAnnual: 'Uy-joy mulkdorlarining yillik umumiy yigʻilishi',
    kindExtraordinary: 'Uy-joy mulkdorlarining navbatdan tashqari umumiy yigʻilishi',
    formElectronic: 'elektron ovoz berish',
    formAbsentee: 'sirtqi ovoz berish (yozma byulletenlar)',
    formInPerson: 'yuzma-yuz',
    formMixed: 'aralash (yuzma-yuz va yozma byulletenlar)',
    itemNumber: '{n}-masala',
    itemOrdinary: 'Oddiy masala',
    itemManagementMethod: 'Boshqaruv usuli',
    itemManagementOrganization: 'Boshqaruv tashkilotini tanlash',
    itemCapitalRepair: 'Kapital taʼmirlash',
    itemReconstruction: 'Rekonstruksiya',
    itemCommonPropertyUse: 'Umumiy mulkdan boshqalarning foydalanishi',
    itemLandPlotLimits: 'Yer uchastkasiga cheklovlar',
    ruleMajorityOfCast:
      'Ushbu masala boʻyicha berilgan ovozlarning yarmidan koʻpi «yoqlab» boʻlsa, qabul qilinadi.',
    ruleMajorityOfAll:
      'Uydagi barcha ovozlarning yarmidan koʻpiga ega mulkdorlar «yoqlab» ovoz bersagina qabul qilinadi.',
    ruleTwoThirdsOfAll:
      'Uydagi barcha ovozlarning kamida uchdan ikki qismiga ega mulkdorlar «yoqlab» ovoz bersagina qabul qilinadi.',
  },
  ru: {
    kindAnnual: 'Годовое общее собрание собственников',
    kindExtraordinary: 'Внеочередное общее собрание собственников',
    formElectronic: 'электронное голосование',
    formAbsentee: 'заочное голосование (письменные бюллетени)',
    formInPerson: 'очное',
    formMixed: 'очно-заочное',
    itemNumber: 'Вопрос {n}',
    itemOrdinary: 'Обычный вопрос',
    itemManagementMethod: 'Способ управления',
    itemManagementOrganization: 'Выбор управляющей организации',
    itemCapitalRepair: 'Капитальный ремонт',
    itemReconstruction: 'Реконструкция',
    itemCommonPropertyUse: 'Пользование общим имуществом третьими лицами',
    itemLandPlotLimits: 'Ограничения на земельный участок',
    ruleMajorityOfCast: 'Принимается, если «за» больше половины голосов, поданных по этому вопросу.',
    ruleMajorityOfAll:
      'Принимается, только если «за» проголосовали собственники, у которых больше половины всех голосов дома.',
    ruleTwoThirdsOfAll:
      'Принимается, только если «за» проголосовали собственники, у которых не менее двух третей всех голосов дома.',
  },
};
