// The PDF documents the platform issues (meeting protocols, contract copies) share their making:
// A4 with DejaVu Sans from npm, which covers Uzbek Latin (oʻ gʻ) and Cyrillic whatever the OS has
// (the standard 14 PDF fonts cannot encode Cyrillic), fixed dates so the same data gives the same
// bytes, and a footer on every page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
// Parsed fonts are kept for the next document: pdfkit takes a parsed fontkit font as well as the
// file, and parsing DejaVu Sans anew took most of a document's time (a month's receipts are
// thousands of documents). A parsed font is lent to one document at a time and its glyph cache
// emptied when the document is done: embedding a subset caches glyphs without their characters,
// which would leave those letters out of the next document's text layer.
interface ParsedFont {
  _glyphs?: Record<number, unknown>;
}
const fontkit = require('fontkit') as { create(buffer: Buffer): ParsedFont };
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;
type FontPair = Record<keyof typeof FONT_FILES, ParsedFont>;
let files: Record<keyof typeof FONT_FILES, Buffer> | undefined;
const idle: FontPair[] = [];
function borrowFonts(): FontPair {
  const pair = idle.pop();
  if (pair) return pair;
  files ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return { regular: fontkit.create(files.regular), bold: fontkit.create(files.bold) };
}
function returnFonts(pair: FontPair): void {
  for (const font of Object.values(pair)) font._glyphs = {};
  if (idle.length < 4) idle.push(pair);
}

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
  const f = borrowFonts();
  // @types/pdfkit names only files and buffers; pdfkit itself takes any font with a layout().
  doc.registerFont('regular', f.regular as unknown as Buffer);
  doc.registerFont('bold', f.bold as unknown as Buffer);

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
      try {
        await ended;
      } finally {
        returnFonts(f);
      }
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
