import * as crypto from 'node:crypto';
import { bundledDocumentLoader, DocumentLoader, linkedData } from './linked-data';
import { didDocument, IssuerIdentity, verificationMethod } from './issuer-did';

/**
 * Signs credentials with an embedded Data Integrity proof, cryptosuite eddsa-rdfc-2022
 * (https://www.w3.org/TR/vc-di-eddsa/), with digitalbazaar's libraries: RDF canonicalisation of the
 * credential, an Ed25519 signature over it. Contexts come from the bundle, never the network.
 */
export class DataIntegritySigner {
  private signer?: Promise<unknown>;

  constructor(private readonly identity: IssuerIdentity, private readonly privateKey: crypto.KeyObject) {}

  /** The loader a verifier needs for Themis credentials: the bundled contexts, the DID document and key. */
  documentLoader(extra: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
    return bundledDocumentLoader(new Map([...issuerDocuments(this.identity), ...extra]));
  }

  async sign<T extends Record<string, unknown>>(credential: T): Promise<T & { proof: Record<string, unknown>[] }> {
    const { vc, DataIntegrityProof, cryptosuite } = await linkedData();
    const suite = new DataIntegrityProof({ signer: await this.keySigner(), cryptosuite });
    // structuredClone: the library adds the proof to the object it is given.
    const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader: this.documentLoader() });
    // A set of one proof, the same graph to JSON-LD: 1EdTech's Open Badges schema types `proof` as an array.
    return { ...signed, proof: [signed.proof] };
  }

  private keySigner(): Promise<unknown> {
    this.signer ??= (async () => {
      const { Ed25519Multikey } = await linkedData();
      const jwk = this.privateKey.export({ format: 'jwk' });
      const key = await Ed25519Multikey.fromJwk({ jwk, secretKey: true, id: this.identity.keyId, controller: this.identity.did });
      return key.signer();
    })();
    return this.signer;
  }
}

/** The issuer's DID document and verification method, as a resolver answers them. */
export function issuerDocuments(identity: IssuerIdentity): Map<string, unknown> {
  return new Map<string, unknown>([
    [identity.did, didDocument(identity)],
    [identity.keyId, verificationMethod(identity)],
  ]);
}
