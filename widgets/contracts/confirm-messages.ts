// What <mu-contract> asks before a signature, and how it offers the document to read first.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  readDocument: 'Read the document',
  readFirst: 'Read the document above before signing it.',
  signTitle: 'Sign the contract?',
  signBody:
    'You sign contract {number} ({change}) for {party} ({name}) with this device’s key. The signature covers the document with SHA-256 {sha} and cannot be withdrawn.',
  signConfirm: 'Sign the contract',
} as const;

export type ContractConfirmKey = keyof typeof en;

export const contractConfirmMessages: Catalogs<ContractConfirmKey> = {
  en,
  uz: {
    readDocument: 'Hujjatni oʻqish',
    readFirst: 'Imzolashdan oldin yuqoridagi hujjatni oʻqing.',
    signTitle: 'Shartnoma imzolansinmi?',
    signBody:
      '{number}-shartnomani ({change}) {party} ({name}) nomidan shu qurilma kaliti bilan imzolaysiz. Imzo SHA-256 {sha} boʻlgan hujjatni qamrab oladi va uni qaytarib olib boʻlmaydi.',
    signConfirm: 'Shartnomani imzolash',
  },
  ru: {
    readDocument: 'Прочитать документ',
    readFirst: 'Прочитайте документ выше, прежде чем подписать его.',
    signTitle: 'Подписать договор?',
    signBody:
      'Вы подписываете договор {number} ({change}) за {party} ({name}) ключом этого устройства. Подпись относится к документу с SHA-256 {sha}, отозвать её нельзя.',
    signConfirm: 'Подписать договор',
  },
};
