import { credentialStatusEntries, listRange, STATUS_LIST_LENGTH, statusPosition } from './status-list';

describe('status list positions', () => {
  it('fills list 0 first and moves to the next list at 131,072', () => {
    expect(statusPosition(0)).toEqual({ list: 0, index: 0 });
    expect(statusPosition(STATUS_LIST_LENGTH - 1)).toEqual({ list: 0, index: STATUS_LIST_LENGTH - 1 });
    expect(statusPosition(STATUS_LIST_LENGTH)).toEqual({ list: 1, index: 0 });
    expect(listRange(2)).toEqual({ from: 2 * STATUS_LIST_LENGTH, to: 3 * STATUS_LIST_LENGTH });
  });

  it('refuses a negative or fractional number', () => {
    expect(() => statusPosition(-1)).toThrow();
    expect(() => statusPosition(1.5)).toThrow();
  });

  it('lists the Bitstring entry first, its id distinct from the list URL', () => {
    const [bitstring, revocation] = credentialStatusEntries('https://t.example', STATUS_LIST_LENGTH + 7);
    expect(bitstring).toEqual({
      id: 'https://t.example/api/v1/credentials/status/1#7',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '7',
      statusListCredential: 'https://t.example/api/v1/credentials/status/1',
    });
    expect(revocation).toEqual({ id: 'https://t.example/api/v1/credentials/revocations', type: '1EdTechRevocationList' });
  });
});
