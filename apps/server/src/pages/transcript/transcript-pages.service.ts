import { Injectable } from '@nestjs/common';
import { TranscriptService } from '@themis/certification';

/** Adds what the page shows but the JSON leaves to the client: minutes of time on task. */
@Injectable()
export class TranscriptPagesService {
  constructor(private readonly transcripts: TranscriptService) {}

  async transcript(userId: string): Promise<object> {
    const t = await this.transcripts.forUser(userId);
    return { ...t, courses: t.courses.map((c) => ({ ...c, minutesOnTask: Math.round(c.secondsOnTask / 60) })) };
  }
}
