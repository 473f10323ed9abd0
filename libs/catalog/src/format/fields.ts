import { Place, ProblemCode, ProblemText, said } from './problem-codes';
import { YamlSource } from './yaml-source';

type Path = (string | number)[];

/** Typed reads from one YAML mapping that report each bad value at its line and return undefined. */
export class Fields {
  constructor(
    private readonly src: YamlSource,
    private readonly path: Path,
    readonly value: Record<string, unknown>,
  ) {}

  static of(src: YamlSource, path: Path, value: unknown, allowed: readonly string[], where: Place): Fields | undefined {
    const { kind, ...at } = where;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      src.report(path, said(`mapping.${kind}`, at));
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) src.report([...path, key], said(`unknownKey.${kind}`, { ...at, key, allowed: allowed.join(', ') }));
    }
    return new Fields(src, path, value as Record<string, unknown>);
  }

  at(key: string | number): Path {
    return [...this.path, key];
  }

  report(key: string, text: ProblemText): void {
    this.src.report(this.at(key), text);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  text(key: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (opts.required) this.src.report(this.path, said('requiredKey', { key }));
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.report(key, said('emptyText', { key }));
      return undefined;
    }
    if (opts.max && v.length > opts.max) {
      this.report(key, said('tooLong', { key, max: opts.max }));
      return undefined;
    }
    return v.trim();
  }

  int(key: string, min: number, max: number, required = false): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.src.report(this.path, said('requiredKey', { key }));
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.report(key, said('wholeNumber', { key, min, max }));
      return undefined;
    }
    return v;
  }

  /** Any finite number from min to max (a fraction, a numerical answer). */
  num(key: string, min: number, max: number, required = false): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.src.report(this.path, said('requiredKey', { key }));
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      this.report(key, said('number', { key, min, max }));
      return undefined;
    }
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.report(key, said('boolean', { key }));
      return undefined;
    }
    return v;
  }

  list(key: string, required = false): unknown[] | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.src.report(this.path, said('requiredKey', { key }));
      return undefined;
    }
    if (!Array.isArray(v) || (required && v.length === 0)) {
      this.report(key, said(required ? 'nonEmptyList' : 'list', { key }));
      return undefined;
    }
    return v;
  }

  /** `pattern` comes with the code that says what form an item must have. */
  textList(key: string, required = false, pattern?: { test: RegExp; code: ProblemCode }): string[] | undefined {
    const items = this.list(key, required);
    if (!items) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') this.src.report([...this.at(key), i], said('listItemText', { key }));
      else if (pattern && !pattern.test.test(item)) this.src.report([...this.at(key), i], said(pattern.code, { item, key }));
      else out.push(item.trim());
    });
    return out.length === items.length ? out : undefined;
  }
}
