import { Controller, Get } from '@nestjs/common';
import { TranscriptResponse, TranscriptService } from '@themis/certification';
import { AuthenticatedUser, CurrentUser } from '@themis/identity';

/** The caller's own transcript; there is no route to anyone else's. */
@Controller('api/v1/me/transcript')
export class TranscriptController {
  constructor(private readonly transcripts: TranscriptService) {}

  @Get()
  transcript(@CurrentUser() user: AuthenticatedUser): Promise<TranscriptResponse> {
    return this.transcripts.forUser(user.id);
  }
}
