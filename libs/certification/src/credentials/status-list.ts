/**
 * Bitstring Status List positions (https://www.w3.org/TR/vc-bitstring-status-list/). Each list holds
 * 131,072 entries, the specification's minimum for group privacy: a verifier fetching a list learns
 * nothing about which of its certificates it checks.
 */
export const STATUS_LIST_LENGTH = 131_072;

export interface StatusPosition {
  list: number;
  index: number;
}

/** Where a certificate's sequence number falls: which list, which bit. */
export function statusPosition(sequenceNumber: number): StatusPosition {
  if (!Number.isInteger(sequenceNumber) || sequenceNumber < 0) throw new Error(`Not a status list number: ${sequenceNumber}`);
  return { list: Math.floor(sequenceNumber / STATUS_LIST_LENGTH), index: sequenceNumber % STATUS_LIST_LENGTH };
}

/** The sequence numbers a list covers, [from, to). */
export function listRange(list: number): { from: number; to: number } {
  return { from: list * STATUS_LIST_LENGTH, to: (list + 1) * STATUS_LIST_LENGTH };
}

export const statusListUrl = (publicUrl: string, list: number) => `${publicUrl}/api/v1/credentials/status/${list}`;
export const revocationListUrl = (publicUrl: string) => `${publicUrl}/api/v1/credentials/revocations`;

/** The credential's status entries: the W3C Bitstring entry first (what wallets check), then 1EdTech's revocation list. */
export function credentialStatusEntries(publicUrl: string, sequenceNumber: number): Record<string, unknown>[] {
  const { list, index } = statusPosition(sequenceNumber);
  const listUrl = statusListUrl(publicUrl, list);
  return [
    { id: `${listUrl}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: listUrl },
    { id: revocationListUrl(publicUrl), type: '1EdTechRevocationList' },
  ];
}
