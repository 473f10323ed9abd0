import { Body, Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CredentialOfferResponse, WalletIssuanceService } from '@themis/certification';
import { AuthenticatedUser, CurrentUser, Public } from '@themis/identity';

const incoming = (req: Request, body: unknown) => ({ method: req.method, path: req.originalUrl, headers: req.headers, body });

/** OpenID for Verifiable Credential Issuance 1.0 (pre-authorized code flow): what a wallet calls. */
@Controller()
export class WalletController {
  constructor(private readonly wallet: WalletIssuanceService) {}

  @Public()
  @Get('.well-known/openid-credential-issuer')
  issuerMetadata(): Record<string, unknown> {
    return this.wallet.credentialIssuerMetadata();
  }

  @Public()
  @Get('.well-known/oauth-authorization-server')
  authorizationServerMetadata(): Record<string, unknown> {
    return this.wallet.authorizationServerMetadata();
  }

  /** The holder's fresh offer: what the certificate page turns into a QR code. */
  @Post('api/v1/certificates/:code/credential-offer')
  @Header('Cache-Control', 'no-store')
  offer(@CurrentUser() user: AuthenticatedUser, @Param('code') code: string): Promise<CredentialOfferResponse> {
    return this.wallet.offer(user, code);
  }

  @Public()
  @Post('api/v1/oid4vci/token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  token(@Req() req: Request, @Body() body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.wallet.token(incoming(req, body));
  }

  @Public()
  @Post('api/v1/oid4vci/credential')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  credential(@Req() req: Request, @Body() body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.wallet.credential(incoming(req, body));
  }
}
