import * as crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The code an authenticator app shows for a base32 secret (RFC 6238 over RFC 4226: HMAC-SHA-1,
 * 30-second steps, 6 digits), written out here from the RFCs so that tests do not check the
 * server's TOTP code with the server's own code.
 */
export function totpCodeFor(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  let bits = '';
  for (const ch of secret.replace(/[\s=]/g, '').toUpperCase()) bits += ALPHABET.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(epochSeconds / 30)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}
