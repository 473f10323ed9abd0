import { DocumentLanguage, isDocumentLanguage } from '../pdf/certificate-labels';

/** The transcript's words in each language ({n} and {total} are filled in; hours go through hoursIn). */
export interface TranscriptLabels {
  title: string;
  pdfTitle: string;
  barNo: string;
  issuedInAll: string;
  none: string;
  columns: [string, string, string, string];
  revoked: string;
  byCategory: string;
  totalFor: string;
  timeOnTask: string;
  timeColumns: [string, string, string, string];
  version: string;
  completed: string;
  footer: string;
  min: string;
  h: string;
}

const LABELS: Record<DocumentLanguage, TranscriptLabels> = {
  en: {
    title: 'Continuing Legal Education transcript',
    pdfTitle: 'CLE transcript: {name}',
    barNo: 'Bar no.',
    issuedInAll: 'Issued {date} · {hours} of CLE in all',
    none: 'No certificates have been issued to this learner yet.',
    columns: ['Issued', 'Course', 'Certificate', 'Hours'],
    revoked: 'REVOKED — not counted',
    byCategory: 'By category',
    totalFor: 'Total for {year}: {hours} of CLE',
    timeOnTask: 'Time on task',
    timeColumns: ['Enrolled', 'Course', 'Lessons done', 'Time'],
    version: 'version {n}',
    completed: 'completed {date}',
    footer: 'Each certificate can be verified by its code on the {issuer} verification page. Page {page} of {pages}.',
    min: 'min',
    h: 'h',
  },
  az: {
    title: 'Davamlı hüquqi təhsil üzrə arayış',
    pdfTitle: 'DHT arayışı: {name}',
    barNo: 'Vəkil vəsiqəsi №',
    issuedInAll: 'Verilib: {date} · cəmi {hours} DHT',
    none: 'Bu istifadəçiyə hələ sertifikat verilməyib.',
    columns: ['Verilib', 'Kurs', 'Sertifikat', 'Saat'],
    revoked: 'LƏĞV EDİLİB — hesablanmır',
    byCategory: 'Kateqoriyalar üzrə',
    totalFor: '{year} üzrə cəmi: {hours} DHT',
    timeOnTask: 'Təhsilə sərf olunan vaxt',
    timeColumns: ['Qeydiyyat', 'Kurs', 'Keçilmiş dərslər', 'Vaxt'],
    version: 'versiya {n}',
    completed: 'başa vurulub: {date}',
    footer: 'Hər sertifikatı kodu ilə {issuer} yoxlama səhifəsində yoxlamaq olar. Səhifə {page} / {pages}.',
    min: 'dəq',
    h: 'saat',
  },
  ru: {
    title: 'Выписка о непрерывном юридическом образовании',
    pdfTitle: 'Выписка НЮО: {name}',
    barNo: 'Рег. № адвоката',
    issuedInAll: 'Выдана {date} · всего НЮО: {hours}',
    none: 'Этому слушателю ещё не выдано ни одного сертификата.',
    columns: ['Выдан', 'Курс', 'Сертификат', 'Часы'],
    revoked: 'ОТОЗВАН — не засчитывается',
    byCategory: 'По категориям',
    totalFor: 'Итого за {year} год: {hours} НЮО',
    timeOnTask: 'Время обучения',
    timeColumns: ['Запись на курс', 'Курс', 'Пройдено уроков', 'Время'],
    version: 'версия {n}',
    completed: 'пройден {date}',
    footer: 'Каждый сертификат можно проверить по его коду на странице проверки {issuer}. Страница {page} из {pages}.',
    min: 'мин',
    h: 'ч',
  },
};

export const transcriptLabelsFor = (lang: string): TranscriptLabels => LABELS[isDocumentLanguage(lang) ? lang : 'en'];
