// The PDF documents the platform issues (meeting protocols, contract copies) share their making:
// A4 with DejaVu Sans from npm, which covers Uzbek Latin (oʻ gʻ) and Cyrillic whatever the OS has
// (the standard 14 PDF fonts cannot encode Cyrillic), fixed dates so the same data gives the same
// bytes, and a footer on every page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  });

export interface PdfInfo {
  title: string;
  subject: string;
  keywords?: string;
  lang?: string;
  /** Creation and modification date: data, not the clock, so a regenerated copy is identical. */
  date: Date;
}

export interface PdfWriter {
  /** Fonts 'regular' and 'bold' are registered. */
  doc: PDFKit.PDFDocument;
  /** Writes `footer(page, pages)` at the foot of every page and returns the bytes. */
  finish(footer: (page: number, pages: number) => string, fontSize?: number): Promise<Uint8Array>;
}

export function startPdf(info: PdfInfo): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    ...(info.lang ? { lang: info.lang } : {}),
    info: {
      Title: info.title,
      Author: 'Mening Uyim',
      Subject: info.subject,
      ...(info.keywords ? { Keywords: info.keywords } : {}),
      CreationDate: info.date,
      ModDate: info.date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const f = loadFonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);

  return {
    doc,
    async finish(footer, fontSize = 8) {
      const pages = doc.bufferedPageRange();
      for (let i = 0; i < pages.count; i++) {
        doc.switchToPage(pages.start + i);
        const bottom = doc.page.margins.bottom;
        // Writing into the bottom margin would otherwise start a new page.
        doc.page.margins.bottom = 0;
        doc
          .font('regular')
          .fontSize(fontSize)
          .fillColor('#666')
          .text(footer(i + 1, pages.count), 56, doc.page.height - 36, {
            width: doc.page.width - 112,
            align: 'center',
          })
          .fillColor('black');
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      await ended;
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
