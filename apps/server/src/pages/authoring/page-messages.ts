import { ProblemText, SLUG } from '@themis/catalog';
import { DomainError } from '@themis/core';
import type { Message } from '../../web/i18n';

const DELETED = ['module', 'lesson', 'quiz'] as const;

/**
 * Someone saved the draft after the revision a form was made from: said in the reader's language
 * (the error's own message is the API's English). A refused deletion deleted nothing.
 */
export function conflictMessage(err: DomainError, action: 'save' | 'delete' = 'save'): Message {
  const d = err.details ?? {};
  return {
    key: action === 'delete' ? 'authoring.conflict.delete' : 'authoring.conflict.save',
    params: { name: String(d['updatedByName'] ?? '?'), revision: Number(d['currentRevision'] ?? 0) },
  };
}

/** A draft past one of its limits (DRAFT_LIMITS), in the trainer's language; undefined for any other error. */
export function limitMessage(err: unknown): Message | undefined {
  const d = err instanceof DomainError ? err.details : undefined;
  if (!d || typeof d['limit'] !== 'string') return undefined;
  return { key: `authoring.limit.${d['limit']}`, params: (d['params'] ?? {}) as Record<string, string | number> };
}

/** A validator problem in the reader's language: `problem.<code>` filled with its parameters. */
export const problemMessage = (p: Pick<ProblemText, 'code' | 'params'>): Message => ({ key: `problem.${p.code}`, params: p.params });

/** The notice after a deletion, from the redirect's query (`?deleted=lesson&what=lesson-one`); anything else shows nothing. */
export function deletedNotice(kind: unknown, what: unknown): Message | undefined {
  if (!(DELETED as readonly unknown[]).includes(kind) || typeof what !== 'string' || !SLUG.test(what) || what.length > 100) return undefined;
  return { key: `authoring.deleted.${String(kind)}`, params: { slug: what } };
}

/** The notice after a draft was discarded (`?discarded=<slug>` on the course list). */
export function discardedNotice(slug: unknown): Message | undefined {
  return typeof slug === 'string' && SLUG.test(slug) && slug.length <= 100 ? { key: 'authoring.discarded', params: { slug } } : undefined;
}

export function deletedLink(kind: (typeof DELETED)[number], what: string): string {
  return `deleted=${kind}&what=${encodeURIComponent(what)}`;
}
