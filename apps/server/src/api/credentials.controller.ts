import { Controller, Get, Header, Param, ParseIntPipe } from '@nestjs/common';
import { CredentialService, StatusListService } from '@themis/certification';
import { AuthenticatedUser, CurrentUser, Public } from '@themis/identity';

/** What wallets and verifiers fetch to check a credential: the issuer's DID document and the status lists. */
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialService, private readonly status: StatusListService) {}

  @Public()
  @Get('.well-known/did.json')
  @Header('Content-Type', 'application/did+json')
  did(): Record<string, unknown> {
    return this.credentials.didDocument();
  }

  @Public()
  @Get('api/v1/credentials/status/:list')
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'no-cache')
  statusList(@Param('list', ParseIntPipe) list: number): Promise<Record<string, unknown>> {
    return this.status.statusList(list);
  }

  @Public()
  @Get('api/v1/credentials/revocations')
  @Header('Cache-Control', 'no-cache')
  revocations(): Promise<Record<string, unknown>> {
    return this.status.revocationList();
  }

  @Get('api/v1/me/transcript/credential')
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'private, no-store')
  transcript(@CurrentUser() user: AuthenticatedUser): Promise<Record<string, unknown>> {
    return this.credentials.transcriptCredential(user.id);
  }
}
