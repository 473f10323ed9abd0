import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface CompletedEnrollment {
  enrollmentId: string;
  userId: string;
  courseId: string;
  versionId: string;
  completedAt: Date;
}

/** Runs inside the transaction that completes the course; returns the certificate code it issued, if any. */
export type CourseCompletionHook = (manager: EntityManager, enrollment: CompletedEnrollment) => Promise<string | null>;

/**
 * Lets a higher domain (certification) act in the very transaction that completes a
 * course, without learning depending on it.
 */
@Injectable()
export class CourseCompletionHooks {
  private readonly hooks: CourseCompletionHook[] = [];

  register(hook: CourseCompletionHook): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, enrollment: CompletedEnrollment): Promise<string | null> {
    let code: string | null = null;
    for (const hook of this.hooks) code = (await hook(manager, enrollment)) ?? code;
    return code;
  }
}
