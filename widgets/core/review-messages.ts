// Messages of the two shared pieces that keep a person from acting blind: the confirmation dialog
// (confirm.ts) and the document shown before it is signed (document-panel.ts).
import type { Catalogs } from './i18n.ts';

const en = {
  goBack: 'No, go back',
  documentTitle: 'The document you are signing',
  documentHash: 'SHA-256 of exactly these bytes:',
  documentChanged: 'This is not the document the card names: it was not shown. Reload and read it again.',
} as const;

export type ReviewMessageKey = keyof typeof en;

export const reviewMessages: Catalogs<ReviewMessageKey> = {
  en,
  uz: {
    goBack: 'Yoʻq, orqaga',
    documentTitle: 'Siz imzolayotgan hujjat',
    documentHash: 'Aynan shu baytlarning SHA-256 xeshi:',
    documentChanged: 'Bu kartada koʻrsatilgan hujjat emas: u koʻrsatilmadi. Sahifani yangilab, qayta oʻqing.',
  },
  ru: {
    goBack: 'Нет, вернуться',
    documentTitle: 'Документ, который вы подписываете',
    documentHash: 'SHA-256 именно этих байтов:',
    documentChanged:
      'Это не тот документ, который указан в карточке: он не показан. Обновите страницу и прочитайте снова.',
  },
};
