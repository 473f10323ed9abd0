import * as crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const SHA256 = '2.16.840.1.101.3.4.2.1';
/** PKIStatus granted (0) and grantedWithMods (1): RFC 3161 §2.4.2. */
const GRANTED = [0, 1];

/** The timestamping authority did not answer with a usable token (down, slow, refused, or a token that does not match). */
export class TimestampUnavailableError extends Error {}

export interface TimestampPolicy {
  /** How many requests to send before giving up, and how long to wait for each. */
  attempts: number;
  timeoutMs: number;
}

const toArrayBuffer = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer as ArrayBuffer;

/**
 * An RFC 3161 client (https://www.rfc-editor.org/rfc/rfc3161): a TimeStampReq over the SHA-256 of the
 * data with a fresh nonce and certReq, sent by HTTP POST (RFC 3161 §3.4); the answer is accepted only
 * when granted, signed by the certificate it carries, over our imprint and nonce.
 */
export class TimestampAuthority {
  constructor(readonly url: string) {}

  /** The TimeStampToken (a CMS ContentInfo) over `data`. */
  async timestamp(data: Buffer, policy: TimestampPolicy): Promise<pkijs.ContentInfo> {
    let last: unknown;
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      try {
        return await this.once(data, policy.timeoutMs);
      } catch (e) {
        last = e;
        if (attempt < policy.attempts) await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
    throw new TimestampUnavailableError(`The timestamping authority at ${this.url} gave no token: ${last instanceof Error ? last.message : String(last)}`);
  }

  private async once(data: Buffer, timeoutMs: number): Promise<pkijs.ContentInfo> {
    const imprint = crypto.createHash('sha256').update(data).digest();
    const nonce = crypto.randomBytes(8);
    nonce[0] = (nonce[0] & 0x7f) | 0x01; // a positive INTEGER with no leading zero byte, so it reads back the same
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
      }),
      nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
      certReq: true,
    });
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: Buffer.from(request.toSchema().toBER(false)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const response = pkijs.TimeStampResp.fromBER(await res.arrayBuffer());
    if (!GRANTED.includes(response.status.status)) throw new Error(`status ${response.status.status} ${response.status.statusStrings?.map((s) => s.valueBlock.value).join(' ') ?? ''}`.trim());
    if (!response.timeStampToken) throw new Error('no timeStampToken in the response');
    const signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
    const tstInfo = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent!.valueBlock.valueHexView);
    if (!Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint)) throw new Error('the token is over another imprint');
    if (!tstInfo.nonce || !Buffer.from(tstInfo.nonce.valueBlock.valueHexView).equals(nonce)) throw new Error('the token does not carry our nonce');
    // Signature over the TSTInfo by the TSA certificate in the token (the chain is the relying party's to judge).
    if (!(await response.verify({ signer: 0, data: toArrayBuffer(data) }))) throw new Error('the token signature does not verify');
    return response.timeStampToken;
  }
}
