import * as fs from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import { fill, formatDateIn, formatNumberIn, hoursIn, labelsFor } from '../pdf/certificate-labels';
import { transcriptLabelsFor } from './transcript-labels';
import type { TranscriptResponse } from './transcript.service';

// The certificate's font family: DejaVu covers Azerbaijani Latin (ə ğ ı ş) and Cyrillic, so names print as registered.
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  sans: fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf')),
  sansBold: fs.readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')),
};

const INK = '#1d2433';
const ACCENT = '#7a5c1e';
const MUTED = '#4a5160';
const MARGIN = 56;

export const formatDuration = (seconds: number, lang = 'en'): string => {
  const { min, h } = transcriptLabelsFor(lang);
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} ${min}` : `${Math.floor(minutes / 60)} ${h} ${String(minutes % 60).padStart(2, '0')} ${min}`;
};

/** The learner's transcript as an A4 portrait PDF: per calendar year, the certificates and the CLE hours they count for. */
export function renderTranscriptPdf(t: TranscriptResponse, issuer: string, lang = 'en'): Promise<Buffer> {
  const L = transcriptLabelsFor(lang);
  const C = labelsFor(lang);
  const date = (iso: string) => formatDateIn(lang, new Date(iso));
  const num = (n: number) => formatNumberIn(lang, n);
  const category = (k: string) => C.categories[k] ?? k;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    lang,
    displayTitle: true,
    bufferPages: true,
    info: { Title: fill(L.pdfTitle, { name: t.holder.fullName }), Author: issuer, Creator: 'Themis', Producer: 'Themis', CreationDate: new Date(t.generatedAt) },
  });
  doc.registerFont('sans', FONTS.sans);
  doc.registerFont('sans-bold', FONTS.sansBold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 20;
  /** Starts a new page when fewer than `needed` points are left. */
  const room = (needed: number) => {
    if (doc.y + needed > bottom()) doc.addPage();
  };
  const line = (text: string, font = 'sans', size = 10, color = INK, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.font(font).fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width: W, ...options });

  line(issuer.toLocaleUpperCase(lang), 'sans', 9, MUTED);
  doc.moveDown(0.3);
  line(L.title, 'sans-bold', 20, INK);
  doc.moveTo(MARGIN, doc.y + 4).lineTo(MARGIN + 140, doc.y + 4).lineWidth(1.2).strokeColor(ACCENT).stroke();
  doc.moveDown(1);
  line(t.holder.fullName, 'sans-bold', 15, INK);
  line([C.professions[t.holder.profession] ?? t.holder.profession, t.holder.barNumber ? `${L.barNo} ${t.holder.barNumber}` : null].filter(Boolean).join(' · '), 'sans', 10.5, MUTED);
  line(fill(L.issuedInAll, { date: date(t.generatedAt), hours: hoursIn(lang, t.totalHours) }), 'sans', 10.5, MUTED);
  doc.moveDown(1);

  // Column layout of a certificate row: issued | course | code | hours.
  const cols = [
    { x: 0, w: 86 },
    { x: 92, w: W - 92 - 196 },
    { x: W - 196, w: 140 },
    { x: W - 46, w: 46 },
  ];
  /** A thin rule across the page, then `gap` points of space. */
  const rule = (gap: number) => {
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + W, doc.y).lineWidth(0.5).strokeColor(MUTED).stroke();
    doc.y += gap;
  };
  const cells = (values: string[], font: string, size: number, color: string) => {
    const y = doc.y;
    let h = 0;
    values.forEach((v, i) => {
      const c = cols[i]!;
      const opts = { width: c.w, align: i === 3 ? ('right' as const) : ('left' as const) };
      h = Math.max(h, doc.font(font).fontSize(size).heightOfString(v, opts));
      doc.fillColor(color).text(v, MARGIN + c.x, y, opts);
    });
    doc.x = MARGIN;
    doc.y = y + h + 3;
  };

  if (t.years.length === 0) line(L.none, 'sans', 10.5, MUTED);
  for (const year of t.years) {
    room(90);
    line(`${year.year}`, 'sans-bold', 14, ACCENT);
    doc.moveDown(0.2);
    cells(L.columns, 'sans-bold', 8.5, MUTED);
    rule(3);
    for (const c of year.certificates) {
      room(40);
      const split = Object.entries(c.cleCategories).map(([k, h]) => `${category(k)} ${num(h)} ${C.hourShort}`).join(', ');
      const course = `${c.courseTitle}${split ? `\n${split}` : ''}${c.counted ? '' : `\n${L.revoked}`}`;
      cells([date(c.issuedAt), course, c.code, c.counted ? num(c.cleHours) : `(${num(c.cleHours)})`], 'sans', 9.5, c.counted ? INK : MUTED);
    }
    rule(4);
    room(30);
    if (year.hoursByCategory.length) line(`${L.byCategory}: ${year.hoursByCategory.map((c) => `${category(c.category)} ${num(c.hours)} ${C.hourShort}`).join(' · ')}`, 'sans', 9.5, MUTED);
    line(fill(L.totalFor, { year: year.year, hours: hoursIn(lang, year.totalHours) }), 'sans-bold', 11, INK);
    doc.moveDown(1);
  }

  if (t.courses.length) {
    room(80);
    line(L.timeOnTask, 'sans-bold', 14, ACCENT);
    doc.moveDown(0.2);
    cells(L.timeColumns, 'sans-bold', 8.5, MUTED);
    rule(3);
    for (const c of t.courses) {
      room(30);
      cells([date(c.enrolledAt), `${c.courseTitle} (${fill(L.version, { n: c.version })})${c.completedAt ? ` · ${fill(L.completed, { date: date(c.completedAt) })}` : ''}`, num(c.lessonsCompleted), formatDuration(c.secondsOnTask, lang)], 'sans', 9.5, INK);
    }
  }

  // Footer on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a page for it
    doc.font('sans').fontSize(7.5).fillColor(MUTED).text(
      fill(L.footer, { issuer, page: i + 1, pages: range.count }),
      MARGIN, doc.page.height - MARGIN + 10, { width: W, align: 'center', lineBreak: false },
    );
  }
  doc.end();
  return done;
}
