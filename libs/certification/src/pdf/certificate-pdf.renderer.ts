import * as fs from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';
import type { CertificateRow } from '../certificates/certificate.view';
import { CODE_MARKER } from '../codes/certificate-code';
import { CertificateLabels, fill, formatDateIn, formatNumberIn, hoursIn, labelsFor } from './certificate-labels';

/** What the PDF prints: the certified facts of the record, plus where to verify them. */
export type CertificateFacts = Pick<
  CertificateRow,
  'code' | 'holderName' | 'profession' | 'barNumber' | 'courseTitle' | 'courseVersion' | 'cleHours' | 'cleCategories' | 'completedAt' | 'issuedAt' | 'expiresAt' | 'issuer' | 'replaces'
> & { verifyUrl: string; memberships?: { organisationName: string; barNumber: string }[]; accreditations?: { organisationName?: string; number: string }[] };

/** The rows of the facts block that say who vouches for the holder and the hours: verified memberships, accreditation numbers. */
export function standingRows(facts: Pick<CertificateFacts, 'memberships' | 'accreditations'>, L: CertificateLabels = labelsFor('en')): [string, string][] {
  const rows: [string, string][] = [];
  const members = (facts.memberships ?? []).map((m) => `${m.organisationName}, ${L.barNo} ${m.barNumber}`);
  if (members.length) rows.push([members.length > 1 ? L.membersOf : L.memberOf, members.join('; ')]);
  const accredited = (facts.accreditations ?? []).map((a) => (a.organisationName ? `${a.organisationName} ${L.accreditationNo} ${a.number}` : `${L.accreditationNo} ${a.number}`));
  if (accredited.length) rows.push([L.accreditation, accredited.join('; ')]);
  return rows;
}

// Three faces only: each embedded font is parsed and subset per document, the bulk of render time.
// DejaVu covers Latin (with Azerbaijani ə ğ ı ş ç ö ü) and Cyrillic: a name prints as registered.
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  serif: fs.readFileSync(path.join(fontDir, 'DejaVuSerif.ttf')),
  serifBold: fs.readFileSync(path.join(fontDir, 'DejaVuSerif-Bold.ttf')),
  sans: fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf')),
};

const INK = '#1d2433';
const ACCENT = '#7a5c1e';
const MUTED = '#4a5160';

/** The largest size (down to `min`) at which `text` fits in `width`: a long name stays on its line. */
function fitSize(doc: PDFKit.PDFDocument, text: string, font: string, max: number, min: number, width: number): number {
  let size = max;
  while (size > min && doc.font(font).fontSize(size).widthOfString(text) > width) size -= 1;
  return size;
}

const xmlEscape = (v: string) => v.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * pdfkit copies the document info into the XMP packet without escaping it: a course title with `&`
 * or `<` would make the packet ill-formed. The info dictionary (written before) keeps the plain text.
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = d._addInfo.bind(d);
  d._addInfo = () => {
    const plain = { ...d.info };
    for (const [k, v] of Object.entries(plain)) if (typeof v === 'string') d.info[k] = xmlEscape(v);
    addInfo();
    Object.assign(d.info, plain);
  };
}

/** The certificate's Open Badges credential, attached to the PDF as an associated file (PDF/A-3, ISO 19005-3 §6.8). */
export interface CredentialAttachment {
  json: string;
}

/**
 * Renders the certificate as an A4 landscape PDF, PDF/A-3b as far as pdfkit makes it (XMP with
 * pdfaid, an sRGB output intent, embedded fonts), with the credential as an associated file.
 * Deterministic: the creation date is the issue date and the file ID derives from the metadata, so
 * equal facts give equal bytes.
 */
export function renderCertificatePdf(facts: CertificateFacts, lang = 'en', attachment?: CredentialAttachment): Promise<Buffer> {
  const L = labelsFor(lang);
  const doc = new PDFDocument({
    subset: 'PDF/A-3b',
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    pdfVersion: '1.7',
    lang,
    displayTitle: true,
    info: {
      Title: fill(L.pdfTitle, { code: facts.code }),
      Author: facts.issuer,
      Subject: `${facts.courseTitle}: ${hoursIn(lang, facts.cleHours)}`,
      // Lets a verifier find the code of a PDF whose bytes were changed (tampered vs unknown).
      Keywords: `${CODE_MARKER}${facts.code}`,
      Creator: 'Themis',
      Producer: 'Themis',
      // No ModDate: pdfkit's XMP has no xmp:ModifyDate to match it, which PDF/A asks of every info entry.
      CreationDate: facts.issuedAt,
    },
  });
  escapeXmpInfo(doc);
  if (attachment) {
    // /Data: the machine-readable facts the page presents, signed by the issuer on their own.
    doc.file(Buffer.from(attachment.json, 'utf8'), <PDFKit.Mixins.PDFAttachmentOptions & { relationship: string }>{
      name: `themis-credential-${facts.code}.json`,
      type: 'application/ld+json',
      relationship: 'Data',
      description: 'Open Badges 3.0 credential of this certificate (W3C Verifiable Credential, Data Integrity proof eddsa-rdfc-2022)',
      creationDate: facts.issuedAt,
      modifiedDate: facts.issuedAt,
      // pdfkit 0.20 writes `relationship` as /AFRelationship; @types/pdfkit does not know the option yet.
    });
  }
  doc.registerFont('serif', FONTS.serif);
  doc.registerFont('serif-bold', FONTS.serifBold);
  doc.registerFont('sans', FONTS.sans);

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const H = doc.page.height;
  // A double frame, as on a printed diploma.
  doc.lineWidth(3).strokeColor(ACCENT).rect(24, 24, W - 48, H - 48).stroke();
  doc.lineWidth(0.8).rect(32, 32, W - 64, H - 64).stroke();

  const centre = (text: string, y: number, font: string, size: number, color = INK) =>
    doc.font(font).fontSize(size).fillColor(color).text(text, 70, y, { width: W - 140, align: 'center' });

  centre(facts.issuer.toUpperCase(), 58, 'sans', 10, MUTED);
  centre(L.title, 80, 'serif-bold', fitSize(doc, L.title, 'serif-bold', 26, 16, W - 140), INK);
  doc.moveTo(W / 2 - 90, 122).lineTo(W / 2 + 90, 122).lineWidth(1).strokeColor(ACCENT).stroke();
  centre(L.certify, 138, 'serif', 13, MUTED);
  centre(facts.holderName, 162, 'serif-bold', fitSize(doc, facts.holderName, 'serif-bold', 28, 14, W - 140), INK);
  const profession = L.professions[facts.profession] ?? facts.profession;
  // A bar number typed in a profile is printed only when no verified membership speaks for the holder.
  const who = facts.barNumber && !facts.memberships?.length ? `${profession} · ${L.barNo} ${facts.barNumber}` : profession;
  centre(who, 204, 'serif', 13, MUTED);
  centre(L.completedCourse, 232, 'serif', 13, MUTED);
  centre(facts.courseTitle, 254, 'serif-bold', fitSize(doc, facts.courseTitle, 'serif-bold', 18, 12, (W - 140) * 2), INK);
  centre(fill(L.version, { n: facts.courseVersion }), doc.y + 2, 'serif', 10, MUTED);

  const hoursY = doc.y + 12;
  centre(fill(L.credited, { hours: hoursIn(lang, facts.cleHours) }), hoursY, 'serif', 13, INK);
  const split = Object.entries(facts.cleCategories).map(([k, v]) => `${L.categories[k] ?? k}: ${formatNumberIn(lang, v)} ${L.hourShort}`).join('   ·   ');
  if (split) centre(split, doc.y + 4, 'serif', 11, MUTED);

  // Facts block, bottom left.
  const left = 70;
  const standing = standingRows(facts, L);
  let y = H - 205 - 19 * standing.length;
  const row = (label: string, value: string, font = 'serif') => {
    doc.font('sans').fontSize(8.5).fillColor(MUTED).text(label.toLocaleUpperCase(lang), left, y, { width: 130 });
    doc.font(font).fontSize(value.length > 40 ? 9 : 11).fillColor(INK).text(value, left + 130, y - 1.5, { width: 250 });
    y += 19;
  };
  row(L.completed, formatDateIn(lang, facts.completedAt));
  row(L.issued, formatDateIn(lang, facts.issuedAt));
  if (facts.expiresAt) row(L.validUntil, formatDateIn(lang, facts.expiresAt));
  row(L.code, facts.code, 'sans');
  if (facts.replaces) row(L.replaces, facts.replaces, 'sans');
  row(L.verifyAt, facts.verifyUrl);
  for (const [label, value] of standing) row(label, value);

  // Issuer's signature line, bottom centre-right.
  const sigX = W / 2 + 16;
  doc.moveTo(sigX, H - 84).lineTo(sigX + 210, H - 84).lineWidth(0.8).strokeColor(INK).stroke();
  doc.font('serif').fontSize(9.5).fillColor(INK).text(facts.issuer, sigX, H - 78, { width: 210, align: 'center' });
  doc.font('sans').fontSize(7.5).fillColor(MUTED).text(L.signed, sigX, H - 64, { width: 210, align: 'center' });

  // QR code to the public verification page, drawn as vectors (crisp in print, deterministic).
  const qr = QRCode.create(facts.verifyUrl, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const box = 104;
  const quiet = 4;
  const cell = box / (n + 2 * quiet);
  const qx = W - 70 - box;
  const qy = H - 70 - box - 14;
  doc.rect(qx, qy, box, box).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(qx + (c + quiet) * cell, qy + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
  doc.font('sans').fontSize(8).fillColor(MUTED).text(L.scan, qx, qy + box + 3, { width: box, align: 'center' });

  doc.end();
  return done;
}
