import { YamlSource } from './yaml-source';

type Path = (string | number)[];

/** Typed reads from one YAML mapping that report each bad value at its line and return undefined. */
export class Fields {
  constructor(
    private readonly src: YamlSource,
    private readonly path: Path,
    readonly value: Record<string, unknown>,
  ) {}

  static of(src: YamlSource, path: Path, value: unknown, allowed: readonly string[], what: string): Fields | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      src.report(path, `${what} must be a mapping of keys to values`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) src.report([...path, key], `unknown key "${key}" in ${what} (allowed: ${allowed.join(', ')})`);
    }
    return new Fields(src, path, value as Record<string, unknown>);
  }

  at(key: string | number): Path {
    return [...this.path, key];
  }

  report(key: string, message: string): void {
    this.src.report(this.at(key), message);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  text(key: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (opts.required) this.src.report(this.path, `missing required key "${key}"`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.report(key, `"${key}" must be non-empty text`);
      return undefined;
    }
    if (opts.max && v.length > opts.max) {
      this.report(key, `"${key}" is longer than ${opts.max} characters`);
      return undefined;
    }
    return v.trim();
  }

  int(key: string, min: number, max: number, required = false): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.src.report(this.path, `missing required key "${key}"`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.report(key, `"${key}" must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.report(key, `"${key}" must be true or false`);
      return undefined;
    }
    return v;
  }

  list(key: string, required = false): unknown[] | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.src.report(this.path, `missing required key "${key}"`);
      return undefined;
    }
    if (!Array.isArray(v) || (required && v.length === 0)) {
      this.report(key, `"${key}" must be a${required ? ' non-empty' : ''} list`);
      return undefined;
    }
    return v;
  }

  textList(key: string, required = false, pattern?: RegExp, patternHint?: string): string[] | undefined {
    const items = this.list(key, required);
    if (!items) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') this.src.report([...this.at(key), i], `each item of "${key}" must be non-empty text`);
      else if (pattern && !pattern.test(item)) this.src.report([...this.at(key), i], `"${item}" in "${key}" ${patternHint ?? 'has the wrong form'}`);
      else out.push(item.trim());
    });
    return out.length === items.length ? out : undefined;
  }
}
