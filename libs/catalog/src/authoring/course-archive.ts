import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';
import { DomainError, ErrorCode } from '@themis/core';
import { CatalogReadResult, readCatalog } from '../format/course-reader';
import { CaseRef, CourseSource } from '../format/course-source';
import { bibliographyFile, courseFiles, draftFromSource } from './course-files';

/** Limits for an uploaded archive: a course is a few hundred kilobytes of text. */
export const ARCHIVE_LIMITS = { maxEntries: 2000, maxFileBytes: 2 * 1024 * 1024, maxTotalBytes: 20 * 1024 * 1024 };
const SAFE_PATH = /^(?:[a-z0-9][a-z0-9._-]*\/)*[a-z0-9][a-z0-9._-]*\.(?:ya?ml|md)$/i;
// A fixed date keeps the archive of one version byte-for-byte the same on every export.
const EPOCH = new Date('2000-01-01T00:00:00Z');

/** One course version as a zip of the `courses/` folder format: `<slug>/…` and `bibliography/<slug>.yaml`. */
export function writeCourseArchive(source: CourseSource): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of [...courseFiles(draftFromSource(source)), bibliographyFile(source.slug, source.bibliography)]) {
    zip.addBuffer(Buffer.from(f.text, 'utf8'), f.path, { mtime: EPOCH, mode: 0o100644 });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** Why an archive is refused as a whole: a stable code the editor translates, with its parameters. */
export type ArchiveProblemCode = 'not_zip' | 'unreadable' | 'too_many_entries' | 'link' | 'unsafe_name' | 'file_too_large' | 'too_large' | 'outside';

const bad = (message: string, archiveProblem: ArchiveProblemCode, params: Record<string, string | number> = {}) =>
  new DomainError(ErrorCode.ValidationFailed, message, { archiveProblem, params });

/**
 * The text files of an uploaded archive. Refuses, before writing anything: paths that leave
 * the folder (zip-slip), links, files other than .yaml/.md, and archives that inflate past
 * the limits (yauzl checks each entry's real size against its header while inflating).
 */
export function readCourseArchive(buffer: Buffer, limits = ARCHIVE_LIMITS): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true }, (err, zip) => {
      if (err || !zip) return reject(bad(`the upload is not a zip archive (${err?.message ?? 'unreadable'})`, 'not_zip'));
      const files = new Map<string, string>();
      let total = 0;
      let entries = 0;
      const fail = (e: Error) => {
        zip.close();
        reject(e instanceof DomainError ? e : bad(`the archive could not be read: ${e.message}`, 'unreadable'));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (++entries > limits.maxEntries) return fail(bad(`the archive has more than ${limits.maxEntries} entries`, 'too_many_entries', { limit: limits.maxEntries }));
        const name = entry.fileName;
        if (name.endsWith('/')) return zip.readEntry();
        const isLink = ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
        if (isLink) return fail(bad(`${name}: links are not allowed in a course archive`, 'link', { name }));
        if (!SAFE_PATH.test(name) || name.split('/').some((s) => s === '..' || s === '.')) return fail(bad(`${name}: only .yaml and .md files with plain relative names are allowed`, 'unsafe_name', { name }));
        if (entry.uncompressedSize > limits.maxFileBytes) return fail(bad(`${name}: larger than ${limits.maxFileBytes} bytes`, 'file_too_large', { name, limit: limits.maxFileBytes }));
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) return fail(bad(`the archive inflates to more than ${limits.maxTotalBytes} bytes`, 'too_large', { limit: limits.maxTotalBytes }));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (c: Buffer) => {
            size += c.length;
            if (size > limits.maxFileBytes) stream.destroy(bad(`${name}: larger than ${limits.maxFileBytes} bytes`, 'file_too_large', { name, limit: limits.maxFileBytes }));
            else chunks.push(c);
          });
          stream.on('error', fail);
          stream.on('end', () => {
            files.set(name, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * Reads the courses in an archive with the same reader as `courses:validate`. The platform's
 * bibliography is laid beside the archive's, so a course may cite any known judgment and an
 * archive cannot quietly change the facts of one (the reader refuses a key with different facts).
 */
export function readArchiveCatalog(files: Map<string, string>, bibliography: Map<string, CaseRef>): CatalogReadResult {
  const names = [...files.keys()];
  const prefix = names.length > 0 && names.every((n) => n.startsWith('courses/')) ? 'courses/' : '';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-archive-'));
  try {
    for (const [name, text] of files) {
      const target = path.join(root, name.slice(prefix.length));
      if (!target.startsWith(root + path.sep)) throw bad(`${name}: outside the archive folder`, 'outside', { name });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
    const known = bibliographyFile('~platform', Object.fromEntries(bibliography));
    fs.mkdirSync(path.join(root, 'bibliography'), { recursive: true });
    fs.writeFileSync(path.join(root, known.path), known.text);
    const result = readCatalog(root);
    const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
    return { ...result, problems: result.problems.map((p) => ({ ...p, file: rel(p.file) })) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
