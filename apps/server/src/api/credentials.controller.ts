import { BadRequestException, Controller, Get, Header, Param, ParseIntPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CredentialService, StatusListService } from '@themis/certification';
import { AuthenticatedUser, CurrentUser, Public } from '@themis/identity';

const LIST_NUMBER = new ParseIntPipe({ exceptionFactory: () => new BadRequestException('list must be a whole number') });

/** What wallets and verifiers fetch to check a credential: the issuer's DID document and the status lists. */
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialService, private readonly status: StatusListService) {}

  @Public()
  @Get('.well-known/did.json')
  did(@Res({ passthrough: true }) res: Response): Record<string, unknown> {
    return withType(res, 'application/did+json', this.credentials.didDocument());
  }

  @Public()
  @Get('api/v1/credentials/status/:list')
  @Header('Cache-Control', 'no-cache')
  async statusList(@Param('list', LIST_NUMBER) list: number, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return withType(res, 'application/ld+json', await this.status.statusList(list));
  }

  @Public()
  @Get('api/v1/credentials/revocations')
  @Header('Cache-Control', 'no-cache')
  revocations(): Promise<Record<string, unknown>> {
    return this.status.revocationList();
  }

  @Get('api/v1/me/transcript/credential')
  @Header('Cache-Control', 'private, no-store')
  async transcript(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return withType(res, 'application/ld+json', await this.credentials.transcriptCredential(user.id));
  }
}

/** Sets the media type once the answer exists, so an error keeps the error page's own type. */
export function withType<T>(res: Response, type: string, body: T): T {
  res.type(type);
  return body;
}
