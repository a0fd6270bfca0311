// The contract as a PDF: the readable, printable copy. What the parties sign is the HTML
// (renderContractHtml); this copy is made from the same sections so it carries the same text, and
// names the signed HTML by its SHA-256 in its Subject and Keywords, so a printout can be matched to
// the signatures. The same input gives the same bytes (CreationDate fixed from input.date).
import {
  type ContractDocumentInput,
  contractSections,
  type DocumentLanguage,
  renderContractHtml,
} from '../../domain/contracts/document.ts';
import { documentSha256Hex } from '../../domain/signatures/ecdsa.ts';
import { startPdf } from '../pdf.ts';

export async function renderContractPdf(
  input: ContractDocumentInput,
  lang: DocumentLanguage = 'uz',
): Promise<Uint8Array> {
  const htmlSha256 = await documentSha256Hex(new TextEncoder().encode(renderContractHtml(input, lang)));
  const doc = contractSections(input, lang);
  const date = new Date(`${input.date}T00:00:00+05:00`);
  const { doc: pdf, finish } = startPdf({
    title: doc.title,
    subject: `HTML SHA-256: ${htmlSha256}`,
    keywords: `sha256:${htmlSha256}`,
    lang,
    date,
  });

  pdf.font('bold').fontSize(13).text(doc.title, { align: 'center' });
  pdf.font('regular').fontSize(10).text(doc.subtitle, { align: 'center' }).moveDown();
  for (const section of doc.sections) {
    pdf.moveDown(0.6).font('bold').fontSize(11).text(section.heading).moveDown(0.2);
    for (const row of section.rows) {
      if (row.label) pdf.font('bold').fontSize(10).text(`${row.label}: `, { continued: true });
      pdf.font('regular').fontSize(10).text(row.text);
    }
  }

  return finish((page, pages) => `${input.number} · SHA-256 ${htmlSha256} · ${page}/${pages}`, 7);
}
