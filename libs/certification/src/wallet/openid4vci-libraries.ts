/* eslint-disable @typescript-eslint/no-explicit-any */
/** The ESM-only @openid4vc libraries (OpenID for Verifiable Credential Issuance 1.0), as far as Themis uses them. */
export interface Openid4vcLibraries {
  Openid4vciIssuer: new (o: { callbacks: any }) => any;
  Openid4vciClient: new (o: { callbacks: any }) => any;
  Oauth2AuthorizationServer: new (o: { callbacks: any }) => any;
  Oauth2ResourceServer: new (o: { callbacks: any }) => any;
  Openid4vciVersion: { V1: string };
  preAuthorizedCodeGrantIdentifier: string;
  setGlobalConfig(c: { allowInsecureUrls: boolean }): void;
  /** A wallet's client authentication for an issuer that allows anonymous pre-authorized access. */
  clientAuthenticationAnonymous(): unknown;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// ES modules only (dist/index.mjs even under `require`): a native import(), as for the linked-data libraries
// (credentials/linked-data.ts says why the source differs per load).
const importEsm = new Function('specifier', `return import(specifier); // ${process.hrtime.bigint()}`) as (specifier: string) => Promise<Record<string, unknown>>;

let libraries: Promise<Openid4vcLibraries> | undefined;

export function openid4vc(): Promise<Openid4vcLibraries> {
  libraries ??= (async () => {
    const vci = await importEsm('@openid4vc/openid4vci');
    const oauth2 = await importEsm('@openid4vc/oauth2');
    return { ...vci, Oauth2AuthorizationServer: oauth2.Oauth2AuthorizationServer, Oauth2ResourceServer: oauth2.Oauth2ResourceServer, preAuthorizedCodeGrantIdentifier: oauth2.preAuthorizedCodeGrantIdentifier, clientAuthenticationAnonymous: oauth2.clientAuthenticationAnonymous } as unknown as Openid4vcLibraries;
  })();
  libraries.catch(() => (libraries = undefined));
  return libraries;
}
