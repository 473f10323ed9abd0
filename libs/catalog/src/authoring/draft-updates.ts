import type { DraftCourse } from './course-files';
import { findLesson, optionalText } from './draft-edits';
import type { UpdateCourseMetaDto, UpdateLessonDto } from './dto/authoring.dto';

/** Field updates from the editor's forms and the API, applied to the draft content. */
export function applyLessonUpdate(d: DraftCourse, slug: string, u: Omit<UpdateLessonDto, 'revision'>): void {
  const { lesson } = findLesson(d, slug);
  if (u.title !== undefined) lesson.title = u.title;
  if (u.minutes !== undefined) {
    if (u.minutes === null) delete lesson.minutes;
    else lesson.minutes = u.minutes;
  }
  if (u.contentNote !== undefined) {
    const note = optionalText(u.contentNote);
    if (note === undefined) delete lesson.contentNote;
    else lesson.contentNote = note;
  }
  if (u.cases !== undefined) lesson.cases = [...new Set(u.cases)];
  if (u.markdown !== undefined) lesson.markdown = u.markdown.replace(/\r\n/g, '\n');
}

export function applyCourseMetaUpdate(d: DraftCourse, u: Omit<UpdateCourseMetaDto, 'revision'>): void {
  if (u.title !== undefined) d.title = u.title;
  if (u.summary !== undefined) d.summary = u.summary;
  if (u.language !== undefined) d.language = u.language;
  if (u.audience !== undefined) d.audience = u.audience;
  if (u.cleHours !== undefined) d.cleHours = Object.fromEntries(Object.entries(u.cleHours).filter(([, h]) => h !== undefined && h !== null && h !== 0));
  for (const key of ['validityMonths', 'minLessonSeconds'] as const) {
    const v = u[key];
    if (v === undefined) continue;
    if (v === null || v === 0) delete d[key];
    else d[key] = v;
  }
  if (u.published !== undefined) d.published = u.published;
}
