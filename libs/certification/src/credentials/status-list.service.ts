import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, notFound } from '@themis/core';
import { CredentialSigner } from './credential-signer.service';
import { CredentialStatusRepository } from './credential-status.repository';
import { linkedData, VC_V2 } from './linked-data';
import { listRange, revocationListUrl, STATUS_LIST_LENGTH, statusListUrl } from './status-list';
import { verifyUrl } from '../codes/verify-url';

/**
 * The two status documents a credential points to, built from the committed rows on every request, so a
 * revocation is in them as soon as its call has answered. The signed list is kept per list until its bits change.
 */
@Injectable()
export class StatusListService {
  private readonly signed = new Map<number, { encodedList: string; credential: Record<string, unknown> }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly signer: CredentialSigner, private readonly status: CredentialStatusRepository) {}

  /** The W3C BitstringStatusListCredential number `list`, signed (eddsa-rdfc-2022). */
  async statusList(list: number): Promise<Record<string, unknown>> {
    if (!Number.isInteger(list) || list < 0 || list > Math.floor(Math.max(0, await this.status.highestNumber()) / STATUS_LIST_LENGTH)) throw notFound('Status list');
    const { from, to } = listRange(list);
    const { statusList } = await linkedData();
    const bits = await statusList.createList({ length: STATUS_LIST_LENGTH });
    for (const n of await this.status.revokedNumbers(from, to)) bits.setStatus(n - from, true);
    const encodedList = await bits.encode();
    const cached = this.signed.get(list);
    if (cached?.encodedList === encodedList) return cached.credential;
    const id = statusListUrl(this.config.publicUrl, list);
    const credential = await this.signer.dataIntegrity.sign({
      '@context': [VC_V2],
      id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: this.signer.identity.did,
      validFrom: new Date().toISOString(),
      credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
    });
    this.signed.set(list, { encodedList, credential });
    return credential;
  }

  /** 1EdTech's Revocation List (https://purl.imsglobal.org/spec/vcrl/v1p0/), which Open Badges displayers read. */
  async revocationList(): Promise<Record<string, unknown>> {
    const revoked = await this.status.revoked();
    return {
      id: revocationListUrl(this.config.publicUrl),
      issuer: this.signer.identity.did,
      revokedCredentials: revoked.map((r) => ({ id: verifyUrl(this.config.publicUrl, r.code), revocationReason: r.revocationReason ?? undefined })),
    };
  }
}
