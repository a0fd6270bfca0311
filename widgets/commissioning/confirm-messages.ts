// What <mu-commissioning> asks before a step that binds someone: signing an act, commissioning the
// building, rejecting the application. Each says what will happen and to whom.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  readAct: 'Read the act',
  readFirst: 'Read the act above before signing it.',
  signTitle: 'Sign the act?',
  signBody:
    'You sign “{act}” as {party} with this device’s key. The signature binds {name} to the act with SHA-256 {sha} and cannot be withdrawn.',
  signConfirm: 'Sign the act',
  commissionTitle: 'Commission the building?',
  commissionBody:
    'The building at {address} is put into operation: it enters the registry as a managed building and the application closes. This cannot be undone here.',
  commissionConfirm: 'Commission the building',
  rejectTitle: 'Reject the application?',
  rejectBody:
    'The developer’s application is closed as rejected, for these reasons: {reasons}. The developer must apply again.',
  rejectConfirm: 'Reject the application',
} as const;

export type CommissioningConfirmKey = keyof typeof en;

export const commissioningConfirmMessages: Catalogs<CommissioningConfirmKey> = {
  en,
  uz: {
    readAct: 'Dalolatnomani oʻqish',
    readFirst: 'Imzolashdan oldin yuqoridagi dalolatnomani oʻqing.',
    signTitle: 'Dalolatnoma imzolansinmi?',
    signBody:
      '«{act}»ni {party} sifatida shu qurilma kaliti bilan imzolaysiz. Imzo {name}ni SHA-256 {sha} boʻlgan dalolatnoma bilan bogʻlaydi va uni qaytarib olib boʻlmaydi.',
    signConfirm: 'Dalolatnomani imzolash',
    commissionTitle: 'Uy foydalanishga topshirilsinmi?',
    commissionBody:
      '{address} manzilidagi uy foydalanishga topshiriladi: u boshqariladigan uy sifatida reyestrga kiradi va ariza yopiladi. Buni bu yerda bekor qilib boʻlmaydi.',
    commissionConfirm: 'Uyni foydalanishga topshirish',
    rejectTitle: 'Ariza rad etilsinmi?',
    rejectBody:
      'Quruvchining arizasi quyidagi sabablar bilan rad etilgan holda yopiladi: {reasons}. Quruvchi qaytadan ariza berishi kerak.',
    rejectConfirm: 'Arizani rad etish',
  },
  ru: {
    readAct: 'Прочитать акт',
    readFirst: 'Прочитайте акт выше, прежде чем подписать его.',
    signTitle: 'Подписать акт?',
    signBody:
      'Вы подписываете «{act}» как {party} ключом этого устройства. Подпись связывает {name} с актом с SHA-256 {sha}, отозвать её нельзя.',
    signConfirm: 'Подписать акт',
    commissionTitle: 'Ввести дом в эксплуатацию?',
    commissionBody:
      'Дом по адресу {address} вводится в эксплуатацию: он вносится в реестр как управляемый дом, заявление закрывается. Отменить это здесь нельзя.',
    commissionConfirm: 'Ввести дом в эксплуатацию',
    rejectTitle: 'Отклонить заявление?',
    rejectBody:
      'Заявление застройщика закрывается как отклонённое по причинам: {reasons}. Застройщику придётся подать его заново.',
    rejectConfirm: 'Отклонить заявление',
  },
};
