import type { GiftProblem } from './gift/gift-parser';
import type { MoodleXmlProblem } from './moodle-xml/moodle-xml-reader';
import type { CaseRef } from '../format/course-source';
import type { DraftCourse } from './course-files';
import type { FieldProblem } from './draft-validation';

export interface DraftResponse {
  slug: string;
  baseVersion: number | null;
  revision: number;
  updatedAt: string;
  updatedByName: string;
  content: DraftCourse;
  /** The validator's problems, each on its field; publishing needs none. */
  problems: FieldProblem[];
  /** Item-writing warnings, each on its field; they do not hold up publishing. */
  warnings: FieldProblem[];
}

export interface AuthoringCourseResponse {
  slug: string;
  currentVersion: number | null;
  versions: { version: number; title: string; createdAt: string; current: boolean }[];
  draft: { revision: number; baseVersion: number | null; updatedAt: string; updatedByName: string } | null;
}

export interface PublishResponse {
  slug: string;
  version: number;
  /** False when the draft equals the current version: nothing new was published. */
  changed: boolean;
}

export interface ArchiveImportResponse {
  courses: { slug: string; version: number; changed: boolean }[];
}

export interface GiftImportResponse {
  draft: DraftResponse;
  imported: { id: string; type: string; category: string | null }[];
  /** Every question or line Themis cannot represent, with the reason: nothing is dropped silently. */
  notImported: GiftProblem[];
}

export interface MoodleXmlImportResponse {
  draft: DraftResponse;
  imported: { id: string; type: string; category: string | null }[];
  /** Every question Themis cannot represent, by its number in the file and its name, with the reason. */
  notImported: MoodleXmlProblem[];
  /** Questions imported with a loss the author should know of (the images and sounds they embedded). */
  changed: MoodleXmlProblem[];
}

export type BibliographyResponse = CaseRef[];
