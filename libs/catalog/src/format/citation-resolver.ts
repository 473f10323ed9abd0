import { CaseRef, CITATION } from './course-source';
import { ProblemText, said } from './problem-codes';

/** Context for resolving citations while reading one course. */
export class CitationResolver {
  readonly used = new Map<string, CaseRef>();
  constructor(private readonly bibliography: Map<string, CaseRef>) {}

  resolve(key: string, report: (text: ProblemText) => void): boolean {
    const ref = this.bibliography.get(key);
    if (!ref) {
      report(said('citationUnknown', { key }));
      return false;
    }
    this.used.set(key, ref);
    return true;
  }

  /** Every `[@key]` in a text, each reported at its own line. */
  scan(text: string, report: (line: number, text: ProblemText) => void, firstLine = 1): string[] {
    const keys: string[] = [];
    for (const m of text.matchAll(CITATION)) {
      const line = firstLine + text.slice(0, m.index).split('\n').length - 1;
      if (this.resolve(m[1]!, (msg) => report(line, msg)) && !keys.includes(m[1]!)) keys.push(m[1]!);
    }
    return keys;
  }
}

