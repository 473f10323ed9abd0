/** Emails compare case-insensitively; names are kept exactly as typed (any script), only trimmed and NFC-normalised. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const normalizeName = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ');
export const SUPPORTED_LOCALES = ['en', 'az', 'ru'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const PROFESSIONS = ['defense_attorney', 'prosecutor', 'judge', 'other'] as const;
export type Profession = (typeof PROFESSIONS)[number];
export const ROLES = ['learner', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
