import ExcelJS from 'exceljs';
import type { ComplianceReport } from './compliance.service';

const HEADER = ['barNumber', 'fullName', 'status', 'track', 'requiredHours', 'earnedHours', 'carriedIn', 'shortfallHours', 'shortCategories', 'exemptionReason'];

function rows(report: ComplianceReport): (string | number)[][] {
  return report.members.map((m) => [
    m.barNumber, m.fullName, m.status, m.track, m.required.totalHours, m.earned.totalHours, m.carriedIn, m.shortfall.totalHours,
    Object.entries(m.shortfall.perCategory).map(([c, h]) => `${c}: ${h}`).join('; '), m.exemptionReason ?? '',
  ]);
}

// A cell that starts like a formula is text, not a formula, in the clerk's spreadsheet (CSV injection).
const safe = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const quote = (v: string | number) => {
  const s = String(safe(v));
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 with a BOM, so Excel opens Azerbaijani and Cyrillic names as they are. */
export function complianceCsv(report: ComplianceReport): Buffer {
  const lines = [HEADER, ...rows(report)].map((r) => r.map(quote).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function complianceXlsx(report: ComplianceReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Themis';
  const sheet = book.addWorksheet(`CLE ${report.cycle.start} – ${report.cycle.end}`.slice(0, 31));
  sheet.addRow(HEADER).font = { bold: true };
  for (const r of rows(report)) sheet.addRow(r.map(safe));
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}
