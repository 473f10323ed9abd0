import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { VersionContent } from '@themis/catalog';

export interface RequirementSubject {
  id: string;
  userId: string;
  versionId: string;
}

/** A requirement a course declares beyond its lessons and quizzes (contract: Completion), e.g. its evaluation form. */
export interface CompletionRequirement {
  name: string;
  applies(version: VersionContent): boolean;
  /** Read in the completing transaction, with the enrolment row locked. */
  met(manager: EntityManager, enrollment: RequirementSubject, version: VersionContent): Promise<boolean>;
}

/**
 * Lets a higher domain (evaluation) hold completion back until its requirement is met, without
 * learning depending on it; the domain calls ProgressService.recheck once it is.
 */
@Injectable()
export class CompletionRequirements {
  private readonly requirements: CompletionRequirement[] = [];

  register(requirement: CompletionRequirement): void {
    this.requirements.push(requirement);
  }

  async left(manager: EntityManager, enrollment: RequirementSubject, version: VersionContent): Promise<string[]> {
    const left: string[] = [];
    for (const r of this.requirements) if (r.applies(version) && !(await r.met(manager, enrollment, version))) left.push(r.name);
    return left;
  }
}
