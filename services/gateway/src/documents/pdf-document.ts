import PDFDocument from 'pdfkit';

/*
 * The frame every PDF the gateway renders shares: A4, the standard Helvetica fonts (no font
 * file to ship), the document's title in its metadata, and "Page n of m" at the foot of
 * every page once all pages are laid out.
 */

export type Pdf = PDFKit.PDFDocument;

export const pageMargin = 50;
const footerHeight = 20;

/**
 * Text as the standard PDF fonts can draw it (WinAnsi: Latin letters, with their accents, and
 * common punctuation): any other character becomes `?`, rather than a wrong glyph.
 */
export function pdfText(value: string): string {
  return value.replace(
    /[^\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/gu,
    '?',
  );
}

/**
 * Renders a document: `draw` lays out its content, page breaks included; the footers follow.
 * Laying out is synchronous work on the gateway's one thread: a long `draw` yields now and
 * then (`yieldToOtherRequests`) so that other requests are answered meanwhile.
 */
export async function renderPdf(title: string, draw: (pdf: Pdf) => void | Promise<void>): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: pageMargin, bottom: pageMargin + footerHeight, left: pageMargin, right: pageMargin },
    bufferPages: true,
    info: { Title: title, Author: 'MoneyPal', Creator: 'MoneyPal' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica');
  await draw(pdf);
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    // Written below the bottom margin, which would otherwise start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Page ${index - start + 1} of ${count}`, pageMargin, pdf.page.height - pageMargin, {
        width: pdf.page.width - 2 * pageMargin,
        align: 'right',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

/** Lets the event loop answer other requests before going on. */
export function yieldToOtherRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The width between the margins. */
export function contentWidth(pdf: Pdf): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
}

/** The lowest y a line may start at on the current page. */
export function pageBottom(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom;
}

/** A document's heading: the brand, the title, and a line under them. */
export function drawHeading(pdf: Pdf, title: string): void {
  pdf.font('Helvetica-Bold').fontSize(20).fillColor('#0b3d91').text('MoneyPal', pageMargin, pageMargin);
  pdf.font('Helvetica-Bold').fontSize(14).fillColor('#000000').text(pdfText(title));
  const y = pdf.y + 6;
  pdf
    .moveTo(pageMargin, y)
    .lineTo(pageMargin + contentWidth(pdf), y)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  pdf.y = y + 10;
}

/** Label and value pairs, one per line, the labels in a column of their own. */
export function drawFields(pdf: Pdf, fields: readonly (readonly [string, string])[]): void {
  const labelWidth = 130;
  for (const [label, value] of fields) {
    const y = pdf.y;
    pdf
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#333333')
      .text(pdfText(label), pageMargin, y, { width: labelWidth });
    pdf
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#000000')
      .text(pdfText(value), pageMargin + labelWidth, y, { width: contentWidth(pdf) - labelWidth });
    pdf.y = Math.max(pdf.y, y + 14) + 2;
  }
}

/** A date-time as a person reads it, in UTC: "3 Nov 2026, 14:05 UTC". */
export function dateTimeText(iso: string): string {
  const date = new Date(iso);
  return `${dateText(date)}, ${date.toISOString().slice(11, 16)} UTC`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A UTC day as a person reads it: "3 Nov 2026". */
export function dateText(date: Date): string {
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
