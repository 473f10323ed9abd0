import { IsIn, IsOptional } from 'class-validator';

export class CredentialFormatQueryDto {
  /** `jwt_vc_json` (the default) or `ldp_vc`, the names OpenID for Verifiable Credential Issuance gives the two forms. */
  @IsOptional() @IsIn(['jwt_vc_json', 'ldp_vc'], { message: 'format must be jwt_vc_json or ldp_vc' })
  format?: 'jwt_vc_json' | 'ldp_vc';
}
