import * as crypto from 'node:crypto';
import type { Base32Plugin } from '@otplib/core';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync, verifySync } from '@otplib/totp';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
export const TOTP = { algorithm: 'sha1', digits: 6, period: 30 } as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * RFC 4648 base32, as otpauth URIs carry the secret. otplib's bundled plugin depends on an
 * ESM-only package that jest's CommonJS runtime cannot load, so the few lines are here.
 */
export const base32: Base32Plugin = {
  name: 'themis-rfc4648',
  encode(data: Uint8Array): string {
    let bits = 0, value = 0, out = '';
    for (const byte of data) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) out += ALPHABET[(value >>> (bits -= 5)) & 31];
    }
    return bits > 0 ? out + ALPHABET[(value << (5 - bits)) & 31] : out;
  },
  decode(str: string): Uint8Array {
    const clean = str.toUpperCase().replace(/=+$/, '').replace(/\s/g, '');
    const out: number[] = [];
    let bits = 0, value = 0;
    for (const ch of clean) {
      const index = ALPHABET.indexOf(ch);
      if (index < 0) throw new Error('not base32');
      value = (value << 5) | index;
      bits += 5;
      if (bits >= 8) out.push((value >>> (bits -= 8)) & 255);
    }
    return Uint8Array.from(out);
  },
};

const plugins = { crypto: new NodeCryptoPlugin(), base32 };

/** 160 random bits, the size RFC 4226 §4 recommends. */
export const newTotpSecret = (): string => base32.encode(crypto.randomBytes(20));

/** Google's Key Uri Format, with the parameters spelled out (apps that ignore them assume these same defaults). */
export const totpUri = (label: string, secret: string): string =>
  `otpauth://totp/Themis:${encodeURIComponent(label)}?${new URLSearchParams({ secret, issuer: 'Themis', algorithm: 'SHA1', digits: String(TOTP.digits), period: String(TOTP.period) }).toString()}`;

/** The current code for a secret: what the authenticator app shows (and what tests compute). */
export const totpCode = (secret: string, epochSeconds?: number): string => generateSync({ secret, ...TOTP, ...plugins, ...(epochSeconds !== undefined ? { epoch: epochSeconds } : {}) });

/** The matched time step, or null; one step of clock drift either way, and never a step at or before `afterStep` (replay). */
export function totpStep(secret: string, code: string, afterStep: number | null): number | null {
  try {
    const result = verifySync({ secret, token: code.replace(/\s/g, ''), epochTolerance: TOTP.period, ...(afterStep !== null ? { afterTimeStep: afterStep } : {}), ...TOTP, ...plugins });
    return result.valid ? result.timeStep : null;
  } catch {
    return null;
  }
}
