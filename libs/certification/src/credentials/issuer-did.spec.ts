import { base58btc, didDocument, didWebFor, ed25519Multibase, issuerIdentity } from './issuer-did';

describe('issuer DID', () => {
  it('derives did:web from an https PUBLIC_URL, a port as %3A and a path as :', () => {
    expect(didWebFor('https://themis.example.az')).toBe('did:web:themis.example.az');
    expect(didWebFor('https://themis.example.az:8443')).toBe('did:web:themis.example.az%3A8443');
    expect(didWebFor('https://example.az/cle/themis')).toBe('did:web:example.az:cle:themis');
    expect(didWebFor('http://localhost:3000')).toBeNull();
  });

  it('encodes base58btc as the multibase test vectors do', () => {
    // https://datatracker.ietf.org/doc/html/draft-msporny-base58-03#section-5
    expect(base58btc(Buffer.from('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(base58btc(Uint8Array.from([0, 0, 0x28, 0x7f, 0xb4, 0xcd]))).toBe('11233QC4');
  });

  it('makes a did:key whose fingerprint is the Ed25519 Multikey (z6Mk…)', () => {
    const raw = Buffer.from('3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29', 'hex');
    expect(ed25519Multibase(raw)).toMatch(/^z6Mk/);
    const id = issuerIdentity('http://localhost:3000', raw);
    expect(id).toMatchObject({ method: 'key', did: `did:key:${id.publicKeyMultibase}`, keyId: `did:key:${id.publicKeyMultibase}#${id.publicKeyMultibase}` });
    expect(issuerIdentity('https://t.example', raw)).toMatchObject({ method: 'web', did: 'did:web:t.example', keyId: 'did:web:t.example#key-1' });
  });

  it('lists the key as assertion method in the DID document', () => {
    const id = issuerIdentity('https://t.example', new Uint8Array(32));
    const doc = didDocument(id);
    expect(doc).toMatchObject({ id: 'did:web:t.example', assertionMethod: ['did:web:t.example#key-1'] });
    expect((doc.verificationMethod as object[])[0]).toEqual({ id: 'did:web:t.example#key-1', type: 'Multikey', controller: 'did:web:t.example', publicKeyMultibase: id.publicKeyMultibase });
  });
});
