import * as iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { MAX_BAR_NUMBER, nameKey, normaliseBarNumber } from '../members/bar-number.rules';

export interface RosterLine {
  line: number;
  barNumber: string;
  barNumberKey: string;
  fullName: string;
  nameKey: string;
  admittedOn: string | null;
}

export interface RosterRejection {
  line: number;
  message: string;
}

export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/**
 * Text as Excel saves a CSV: UTF-8 with or without a BOM, or, from a Russian-locale Excel,
 * Windows-1251. Bytes that are not valid UTF-8 are read as Windows-1251.
 */
export function decodeRoster(body: Buffer): string {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(body);
  return utf8.includes('\uFFFD') ? iconv.decode(body, 'win1251') : utf8;
}

const HEADER_ALIASES: Record<string, 'barNumber' | 'fullName' | 'admittedOn'> = {
  barnumber: 'barNumber', fullname: 'fullName', admittedon: 'admittedOn',
};

/** The header's first line decides the delimiter: whichever of `;` and `,` it holds more of. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Every line of a roster, kept or rejected with its number (the header is line 1) and why. */
export function parseRoster(body: Buffer): { lines: RosterLine[]; rejected: RosterRejection[] } {
  const text = decodeRoster(body);
  let records: { record: string[]; line: number }[];
  try {
    records = (parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, info: true, bom: true }) as { record: string[]; info: { lines: number } }[])
      .map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { lines: [], rejected: [{ line, message: `the file is not a readable CSV from line ${line}: ${(err as Error).message}` }] };
  }
  const [header, ...rows] = records;
  const columns = (header?.record ?? []).map((h) => HEADER_ALIASES[h.trim().toLowerCase().replace(/[\s_-]/g, '')]);
  const at = (name: string) => columns.indexOf(name as never);
  if (at('barNumber') < 0 || at('fullName') < 0) {
    return { lines: [], rejected: [{ line: 1, message: 'the header line must name the columns barNumber and fullName' }] };
  }
  const lines: RosterLine[] = [];
  const rejected: RosterRejection[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of rows) {
    const problem = checkRow(record, at, seen);
    if (typeof problem === 'string') rejected.push({ line, message: problem });
    else {
      seen.set(problem.barNumberKey, line);
      lines.push({ line, ...problem });
    }
  }
  return { lines, rejected };
}

function checkRow(record: string[], at: (name: string) => number, seen: Map<string, number>): Omit<RosterLine, 'line'> | string {
  const barNumber = (record[at('barNumber')] ?? '').trim();
  const fullName = (record[at('fullName')] ?? '').trim().replace(/\s+/gu, ' ');
  const admitted = at('admittedOn') >= 0 ? (record[at('admittedOn')] ?? '').trim() : '';
  if (!barNumber) return 'barNumber is empty';
  const key = normaliseBarNumber(barNumber);
  if (!key || barNumber.length > MAX_BAR_NUMBER) return `barNumber "${barNumber.slice(0, 60)}" may hold only letters, digits, spaces, "-", "/" and "." (at most ${MAX_BAR_NUMBER})`;
  if (seen.has(key)) return `barNumber ${barNumber} is already on line ${seen.get(key)}`;
  if (fullName.length < 2 || fullName.length > 200 || /[\p{Cc}]/u.test(fullName)) return 'fullName must be 2 to 200 characters';
  if (admitted && !isDay(admitted)) return `admittedOn "${admitted.slice(0, 20)}" must be a date as YYYY-MM-DD`;
  return { barNumber, barNumberKey: key, fullName, nameKey: nameKey(fullName), admittedOn: admitted || null };
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
