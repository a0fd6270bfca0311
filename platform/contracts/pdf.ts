// The contract as a PDF: the readable, printable copy. What the parties sign is the HTML
// (renderContractHtml); this copy is made from the same sections so it carries the same text, and
// names the signed HTML by its SHA-256 in its Subject and Keywords, so a printout can be matched to
// the signatures. The same input gives the same bytes (CreationDate fixed from input.date).
// DejaVu Sans comes from npm and covers Uzbek Latin (oʻ gʻ) and Cyrillic whatever the OS has: the
// standard 14 PDF fonts cannot encode Cyrillic.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
  type ContractDocumentInput,
  contractSections,
  type DocumentLanguage,
  renderContractHtml,
} from '../../domain/contracts/document.ts';
import { documentSha256Hex } from '../../domain/signatures/ecdsa.ts';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  });

export async function renderContractPdf(
  input: ContractDocumentInput,
  lang: DocumentLanguage = 'uz',
): Promise<Uint8Array> {
  const htmlSha256 = await documentSha256Hex(new TextEncoder().encode(renderContractHtml(input, lang)));
  const doc = contractSections(input, lang);
  const f = loadFonts();
  const date = new Date(`${input.date}T00:00:00+05:00`);

  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    lang,
    info: {
      Title: doc.title,
      Author: 'Mening Uyim',
      Subject: `HTML SHA-256: ${htmlSha256}`,
      Keywords: `sha256:${htmlSha256}`,
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', f.regular);
  pdf.registerFont('bold', f.bold);

  pdf.font('bold').fontSize(13).text(doc.title, { align: 'center' });
  pdf.font('regular').fontSize(10).text(doc.subtitle, { align: 'center' }).moveDown();
  for (const section of doc.sections) {
    pdf.moveDown(0.6).font('bold').fontSize(11).text(section.heading).moveDown(0.2);
    for (const row of section.rows) {
      if (row.label) pdf.font('bold').fontSize(10).text(`${row.label}: `, { continued: true });
      pdf.font('regular').fontSize(10).text(row.text);
    }
  }

  const pages = pdf.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    pdf.switchToPage(pages.start + i);
    const bottom = pdf.page.margins.bottom;
    // Writing into the bottom margin would otherwise start a new page.
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(7)
      .fillColor('#666')
      .text(`${input.number} · SHA-256 ${htmlSha256} · ${i + 1}/${pages.count}`, 56, pdf.page.height - 36, {
        width: pdf.page.width - 112,
        align: 'center',
      })
      .fillColor('black');
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
