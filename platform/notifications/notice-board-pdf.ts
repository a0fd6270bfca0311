// The entrance notice board's list as one A4 PDF: the building, then per mailing its title and
// date and the apartments with the owners' initials in two columns. The document's date is the
// newest mailing's, so the same list gives the same bytes.
import type { Language } from '../../domain/common/language.ts';
import { BOARD_WORDS, type BoardSection } from '../../domain/notifications/notice-board.ts';
import { startPdf } from '../pdf.ts';

export async function renderNoticeBoardPdf(
  address: string,
  sections: BoardSection[],
  lang: Language,
  date: Date,
): Promise<Uint8Array> {
  const w = BOARD_WORDS[lang];
  const { doc, finish } = startPdf({ title: `${w.title} — ${address}`, subject: address, lang, date });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('bold').fontSize(16).text(w.title, { align: 'center' });
  doc.font('regular').fontSize(12).text(address, { align: 'center' }).moveDown(0.6);
  doc.fontSize(10).text(w.intro, left, doc.y, { width });
  if (!sections.length) doc.moveDown().fontSize(11).text(w.none, left, doc.y, { width });
  const col = width / 2;
  const cell = [0.3 * col, 0.7 * col - 8];
  for (const s of sections) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(11.5).text(`${w.mailing}: ${s.title}`, left, doc.y, { width });
    doc.font('regular').fontSize(10).text(s.day, left, doc.y, { width }).moveDown(0.3);
    const rows = Math.ceil(s.lines.length / 2);
    const header = () => {
      const y = doc.y;
      doc.font('bold').fontSize(10);
      for (const x of [left, left + col]) {
        doc.text(w.apartment, x, y, { width: cell[0] });
        doc.text(w.owner, x + cell[0]!, y, { width: cell[1] });
      }
      doc.y = y + 16;
    };
    header();
    for (let r = 0; r < rows; r++) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      doc.font('regular').fontSize(12);
      for (const [i, x] of [left, left + col].entries()) {
        const line = s.lines[r + i * rows];
        if (!line) continue;
        doc.text(line.place, x, y, { width: cell[0] });
        doc.text(line.initials, x + cell[0]!, y, { width: cell[1] });
      }
      doc.y = y + 18;
    }
  }
  return finish(w.footer, 9);
}
