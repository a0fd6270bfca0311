// An owner's monthly receipt as a PDF, drawn from its stored snapshot alone, so the same snapshot
// gives the same bytes in each language however often it is downloaded or mailed again. The QR
// code (drawn as vector squares: sharp at any print size, no image library) carries the payment
// page's address; the footer names the snapshot by its SHA-256.
import QRCode from 'qrcode';
import {
  area,
  dayName,
  money,
  periodName,
  RECEIPT_WORDS,
  type ReceiptSnapshot,
  receiptNotes,
} from '../../domain/billing/receipt-document.ts';
import type { Language } from '../../domain/common/language.ts';
import { startPdf } from '../pdf.ts';

const QR_SIZE = 120;

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // Four modules of quiet zone on each side, as scanners expect.
  const cell = size / (modules.size + 8);
  doc.save().rect(x, y, size, size).fill('white').fillColor('black');
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++)
      if (modules.get(r, c)) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell + 0.05, cell + 0.05);
  doc.fill('black').restore();
}

export async function renderReceiptPdf(
  snapshot: ReceiptSnapshot,
  sha256: string,
  lang: Language,
): Promise<Uint8Array> {
  const w = RECEIPT_WORDS[lang];
  const r = snapshot.receipt;
  const p = snapshot.parties;
  const { doc, finish } = startPdf({
    title: `${w.title} ${r.number}`,
    subject: `SHA-256: ${sha256}`,
    keywords: `sha256:${sha256}`,
    lang,
    date: new Date(snapshot.madeAt),
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const amountWidth = 130;

  doc.font('bold').fontSize(14).text(w.title, { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(`${w.number}: ${r.number} · ${periodName(lang, r.period)}`, {
      align: 'center',
    });
  doc.moveDown();

  const top = doc.y;
  const qrX = left + width - QR_SIZE;
  const factWidth = width - QR_SIZE - 16;
  const fact = (label: string, value: string) =>
    doc
      .font('bold')
      .fontSize(9.5)
      .text(`${label}: `, left, doc.y, { continued: true, width: factWidth })
      .font('regular')
      .text(value, { width: factWidth });
  fact(w.owner, p.ownerName);
  fact(w.address, p.address);
  fact(w.apartment, `${p.apartmentNumber} · ${w.share} ${p.share}`);
  fact(w.personalAccount, r.personalAccount);
  if (p.organizationName) fact(w.organization, p.organizationName);
  if (p.payee) fact(w.payee, `${w.tin} ${p.payee.tin}, ${w.bankAccount} ${p.payee.bankAccount}`);
  else fact(w.payee, w.payeeMissing);
  fact(w.dueDate, dayName(r.dueDate));
  drawQr(doc, snapshot.payUrl, qrX, top, QR_SIZE);
  doc
    .font('regular')
    .fontSize(7)
    .text(w.scan, qrX, top + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
  doc.y = Math.max(doc.y, top + QR_SIZE + 24);
  doc.moveDown();

  const row = (label: string, amount: string, bold = false) => {
    const y = doc.y;
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(10)
      .text(label, left, y, { width: width - amountWidth - 8 });
    const after = doc.y;
    doc.text(amount, left + width - amountWidth, y, { width: amountWidth, align: 'right' });
    doc.y = Math.max(after, doc.y);
  };
  const heading = (text: string) => {
    doc.moveDown(0.4).font('bold').fontSize(10.5).text(text, left).moveDown(0.1);
  };
  const rule = () => {
    doc
      .moveTo(left, doc.y + 2)
      .lineTo(left + width, doc.y + 2)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke()
      .strokeColor('black');
    doc.moveDown(0.3);
  };

  const opening =
    r.opening.debt > 0 ? [w.openingDebt, r.opening.debt] : [w.openingAdvance, -r.opening.advance];
  if (r.opening.debt === 0 && r.opening.advance === 0) row(w.openingNone, money(lang, 0));
  else row(opening[0] as string, money(lang, opening[1] as number));

  heading(w.accruals);
  for (const l of r.accruals)
    row(
      `${dayName(l.from)}–${dayName(l.to)}: ${w.accrualLine({
        area: area(lang, l.areaHundredths),
        tariff: money(lang, l.tiyinPerM2),
        days: l.days,
        daysInMonth: l.daysInMonth,
      })}`,
      money(lang, l.amount),
    );
  for (const note of receiptNotes(r, lang))
    doc.font('regular').fontSize(9.5).text(`${note}.`, left, doc.y, { width });
  row(w.accrued, money(lang, r.accrued), true);

  if (r.penalties.length > 0) {
    heading(w.penalties);
    for (const x of r.penalties)
      row(`${dayName(x.date)} ${w.penaltyOf(periodName(lang, x.period))}`, money(lang, x.amount));
  }
  heading(`${w.payments} (${w.paymentsThrough(dayName(r.countedThrough))})`);
  if (r.payments.length === 0) row(w.noMovements, money(lang, 0));
  for (const x of r.payments)
    row(`${dayName(x.date)} ${w.channels[x.channel]} ${x.reference}`, money(lang, -x.amount));
  if (r.corrections.length > 0) {
    heading(w.corrections);
    for (const x of r.corrections) row(`${dayName(x.date)} ${x.reason}`, money(lang, x.amount));
  }
  doc.moveDown(0.3);
  rule();
  if (r.advance > 0) row(w.advance, money(lang, r.advance), true);
  else row(w.toPay, money(lang, r.toPay), true);
  doc
    .moveDown(0.6)
    .font('regular')
    .fontSize(8)
    .fillColor('#444')
    .text(snapshot.payUrl, left)
    .fillColor('black');
  doc.moveDown(0.3).fontSize(8).text(w.footer, left);

  return finish((page, pages) => `${r.number} · SHA-256 ${sha256} · ${page}/${pages}`, 7);
}
