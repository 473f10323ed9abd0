/**
 * The certificate's and transcript's words in each language. Profession names are the
 * interface's own (apps/server/i18n `profession.*`; certificate-labels.spec.ts holds them equal).
 * Counts go through ICU plural rules (Intl.PluralRules): "1 час", "2 часа", "5 часов", "0,75 часа".
 */
export const DOCUMENT_LANGUAGES = ['az', 'en', 'ru'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];
export const isDocumentLanguage = (v: unknown): v is DocumentLanguage => typeof v === 'string' && (DOCUMENT_LANGUAGES as readonly string[]).includes(v);

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface CertificateLabels {
  title: string;
  certify: string;
  completedCourse: string;
  version: string;
  credited: string;
  hours: Plural;
  hourShort: string;
  completed: string;
  issued: string;
  validUntil: string;
  code: string;
  replaces: string;
  verifyAt: string;
  barNo: string;
  memberOf: string;
  membersOf: string;
  accreditation: string;
  accreditationNo: string;
  signed: string;
  scan: string;
  pdfTitle: string;
  /** The Open Badges credential's texts, in the language the course was taken in. */
  credential: { name: string; description: string; criteria: string; category: string };
  professions: Record<string, string>;
  categories: Record<string, string>;
}

const LABELS: Record<DocumentLanguage, CertificateLabels> = {
  en: {
    title: 'Certificate of Continuing Legal Education',
    certify: 'This is to certify that',
    completedCourse: 'has completed the course',
    version: '(version {n})',
    credited: 'and is credited with {hours} of continuing legal education',
    hours: { one: '{n} hour', other: '{n} hours' },
    hourShort: 'h',
    completed: 'Completed',
    issued: 'Issued',
    validUntil: 'Valid until',
    code: 'Certificate code',
    replaces: 'Replaces',
    verifyAt: 'Verify at',
    barNo: 'Bar no.',
    memberOf: 'Verified member of',
    membersOf: 'Verified member of',
    accreditation: 'Accreditation',
    accreditationNo: 'no.',
    signed: 'Digitally signed — the PDF signature and this code can be checked online',
    scan: 'Scan to verify',
    pdfTitle: 'CLE certificate {code}',
    credential: {
      name: 'CLE certificate: {title}',
      description: 'Continuing legal education: {title} (version {n})',
      criteria: 'Completed every lesson and passed every quiz of the course.',
      category: 'CLE hours: {category}',
    },
    professions: { defense_attorney: 'Defence lawyer', prosecutor: 'Prosecutor', judge: 'Judge', other: 'Other' },
    categories: { procedural_law: 'Procedural law', substantive_law: 'Substantive law', ethics: 'Ethics', skills: 'Skills' },
  },
  az: {
    title: 'Davamlı hüquqi təhsil sertifikatı',
    certify: 'Bununla təsdiq edilir ki,',
    completedCourse: 'aşağıdakı kursu başa vurmuşdur',
    version: '(versiya {n})',
    credited: 'və ona {hours} davamlı hüquqi təhsil hesablanmışdır',
    hours: { other: '{n} saat' },
    hourShort: 'saat',
    completed: 'Başa vurulub',
    issued: 'Verilib',
    validUntil: 'Etibarlıdır',
    code: 'Sertifikat kodu',
    replaces: 'Əvəz edir',
    verifyAt: 'Yoxlama ünvanı',
    barNo: 'Vəkil vəsiqəsi №',
    memberOf: 'Təsdiqlənmiş üzvü',
    membersOf: 'Təsdiqlənmiş üzvü',
    accreditation: 'Akkreditasiya',
    accreditationNo: '№',
    signed: 'Rəqəmsal imza ilə imzalanıb — PDF imzasını və bu kodu onlayn yoxlamaq olar',
    scan: 'Yoxlamaq üçün skan edin',
    pdfTitle: 'DHT sertifikatı {code}',
    credential: {
      name: 'DHT sertifikatı: {title}',
      description: 'Davamlı hüquqi təhsil: {title} (versiya {n})',
      criteria: 'Kursun bütün dərsləri keçilib və bütün testlərindən uğurla keçilib.',
      category: 'DHT saatları: {category}',
    },
    professions: { defense_attorney: 'Vəkil (müdafiəçi)', prosecutor: 'Prokuror', judge: 'Hakim', other: 'Digər' },
    categories: { procedural_law: 'Prosessual hüquq', substantive_law: 'Maddi hüquq', ethics: 'Etika', skills: 'Bacarıqlar' },
  },
  ru: {
    title: 'Сертификат о непрерывном юридическом образовании',
    certify: 'Настоящим удостоверяется, что',
    completedCourse: 'прошёл(-ла) курс',
    version: '(версия {n})',
    credited: 'и ему (ей) засчитано: {hours} непрерывного юридического образования',
    hours: { one: '{n} час', few: '{n} часа', many: '{n} часов', other: '{n} часа' },
    hourShort: 'ч',
    completed: 'Курс пройден',
    issued: 'Выдан',
    validUntil: 'Действителен до',
    code: 'Код сертификата',
    replaces: 'Заменяет',
    verifyAt: 'Проверка',
    barNo: 'Рег. № адвоката',
    memberOf: 'Подтверждённый член',
    membersOf: 'Подтверждённый член',
    accreditation: 'Аккредитация',
    accreditationNo: '№',
    signed: 'Подписан электронной подписью — подпись PDF и этот код можно проверить онлайн',
    scan: 'Сканируйте для проверки',
    pdfTitle: 'Сертификат НЮО {code}',
    credential: {
      name: 'Сертификат НЮО: {title}',
      description: 'Непрерывное юридическое образование: {title} (версия {n})',
      criteria: 'Пройдены все уроки курса и сданы все его тесты.',
      category: 'Часы НЮО: {category}',
    },
    professions: { defense_attorney: 'Адвокат (защитник)', prosecutor: 'Прокурор', judge: 'Судья', other: 'Другое' },
    categories: { procedural_law: 'Процессуальное право', substantive_law: 'Материальное право', ethics: 'Этика', skills: 'Навыки' },
  },
};

export const labelsFor = (lang: string): CertificateLabels => LABELS[isDocumentLanguage(lang) ? lang : 'en'];

export const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, k: string) => (params[k] === undefined ? whole : String(params[k])));

export const formatNumberIn = (lang: string, n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);

/** "0.75 hours", "1 час", "2,5 часа": the count with its plural form (ICU rules). */
export function hoursIn(lang: string, n: number): string {
  const forms = labelsFor(lang).hours;
  const rule = new Intl.PluralRules(lang).select(n);
  return fill(forms[rule] ?? forms.other, { n: formatNumberIn(lang, n) });
}

/** `2 December 2026`, `2 dekabr 2026`, `2 декабря 2026 г.`, in Baku time. */
export const formatDateIn = (lang: string, d: Date) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'Asia/Baku' }).format(d);
