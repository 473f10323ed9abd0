import { diffLines, diffWordsWithSpace } from 'diff';

/** One run of text: kept, added (only in the newer version) or removed (only in the older). */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A changed field, with its text as a word diff (options and other lists: a line diff, one item a line). */
export interface FieldChange {
  field: string;
  parts: DiffPart[];
}

/** Unchanged text longer than this is cut to its ends, so a one-word edit in a long lesson is readable. */
const KEEP = 160;
const ELLIPSIS = ' … ';

/** A field's value as text a trainer reads: lists one item a line, options with ✓ for a right answer. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? itemText(v as Record<string, unknown>) : String(v))).join('\n');
  return JSON.stringify(value);
}

function itemText(item: Record<string, unknown>): string {
  const fraction = typeof item['fraction'] === 'number' ? ` (${item['fraction']})` : '';
  if (typeof item['text'] === 'string') return `${item['correct'] === false ? '✗' : '✓'} ${item['text']}${fraction}`;
  if (typeof item['value'] === 'number') return `✓ ${item['value']}${typeof item['tolerance'] === 'number' ? ` ± ${item['tolerance']}` : ''}${fraction}`;
  if (typeof item['stem'] === 'string') return `${item['stem']} → ${String(item['match'] ?? '')}`;
  return JSON.stringify(item);
}

/** A word diff of two texts (line diff for lists), long unchanged stretches shortened to their ends. */
export function textDiff(field: string, before: unknown, after: unknown): FieldChange {
  const a = fieldText(before);
  const b = fieldText(after);
  const list = Array.isArray(before) || Array.isArray(after);
  const changes = list ? diffLines(a.endsWith('\n') || !a ? a : `${a}\n`, b.endsWith('\n') || !b ? b : `${b}\n`) : diffWordsWithSpace(a, b);
  const parts = tidy(changes.map((c): DiffPart => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value })));
  return { field, parts: parts.map((p, i) => (p.kind === 'same' ? { ...p, text: shorten(p.text, i === 0, i === parts.length - 1) } : p)) };
}

/**
 * Semantic clean-up: a scrap of punctuation kept between two changes ("<", "/", ">") is read as part of
 * them, and each run of changes shows all it removed, then all it added ("</scriptb>" becomes
 * "</script>" struck through, then "</b>").
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  const folded = parts.flatMap((p, i): DiffPart[] => {
    const between = i > 0 && i < parts.length - 1 && parts[i - 1]!.kind !== 'same' && parts[i + 1]!.kind !== 'same';
    return p.kind === 'same' && between && p.text.trim().length <= 2 && !p.text.includes('\n') ? [{ kind: 'removed', text: p.text }, { kind: 'added', text: p.text }] : [p];
  });
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = added = '';
  };
  for (const p of folded) {
    if (p.kind === 'removed') removed += p.text;
    else if (p.kind === 'added') added += p.text;
    else {
      flush();
      out.push(p);
    }
  }
  flush();
  return out;
}

function shorten(text: string, first: boolean, last: boolean): string {
  if (text.length <= KEEP * 2) return text;
  const head = first ? '' : text.slice(0, KEEP);
  const tail = last ? '' : text.slice(-KEEP);
  return `${head}${ELLIPSIS}${tail}`;
}
