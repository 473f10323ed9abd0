import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, visit } from 'yaml';
import { Problem } from './course-source';
import { ProblemText, said } from './problem-codes';

type Path = (string | number)[];

/**
 * A YAML file kept with its line map, so that every problem found in a value can be
 * reported as `file:line: message`, the way trainers read compiler output.
 */
export class YamlSource {
  readonly data: unknown;
  private readonly lines = new LineCounter();
  private readonly doc;

  constructor(
    readonly file: string,
    text: string,
    readonly problems: Problem[],
    private readonly lineOffset = 0,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
    for (const err of [...this.doc.errors, ...this.doc.warnings]) {
      const line = err.linePos?.[0]?.line ?? 1;
      problems.push({ file, line: line + lineOffset, ...said('yaml', { detail: err.message.split('\n')[0] ?? '' }) });
    }
    this.data = this.doc.errors.length ? undefined : this.toData(problems);
  }

  /** Aliases that expand exponentially (a "billion laughs") are refused by the parser: one problem, not a stack trace. */
  private toData(problems: Problem[]): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      if (!(err instanceof ReferenceError)) throw err;
      let line = 1;
      visit(this.doc, { Alias: (_key, node) => { line = this.lineAt(node as Node) ?? line; return visit.BREAK; } });
      problems.push({ file: this.file, line: line + this.lineOffset, ...said('yaml', { detail: 'too many aliases (*name): at most 100 expansions are read' }) });
      return undefined;
    }
  }

  /** The line of the key (or item) at `path`, falling back to the nearest parent. */
  lineOf(path: Path): number {
    let node: unknown = this.doc.contents;
    let line = 1;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
        if (!pair) break;
        line = this.lineAt(pair.key as Node) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        line = this.lineAt(node as Node) ?? line;
      } else break;
    }
    return line + this.lineOffset;
  }

  report(path: Path, text: ProblemText): void {
    this.problems.push({ file: this.file, line: this.lineOf(path), ...text });
  }

  private lineAt(node: Node | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }
}
