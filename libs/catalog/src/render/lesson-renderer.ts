import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { CaseRef, CITATION } from '../format/course-source';

// Typographic quotes stay; the "replacements" rule goes, because it turns the Convention's
// "Article 5§1(c)" and "6§3(c)" into "5§1©" and "6§3©" (lessons write real dashes and ellipses).
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true }).disable('replacements');

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Raw HTML is already off in markdown-it; the sanitiser is the second wall in case a
// Markdown construct ever produces something unexpected.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'h5', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'blockquote', 'code', 'pre', 'a', 'cite',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 's', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title', 'rel'], cite: ['class', 'data-case', 'lang'], th: ['style'], td: ['style'], ol: ['start'] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    // Authors write "#" for the lesson title's level; inside the page a lesson starts at h2.
    h1: 'h2',
  },
};

/** Markdown → safe HTML, once, on import. Citations `[@key]` become a parenthetical case reference. */
export function renderLessonHtml(md: string, bibliography: Record<string, CaseRef>, textLanguage = 'en'): string {
  // The bibliography names cases in English: inside a translated lesson the name is marked so (WCAG 3.1.2).
  const lang = textLanguage === 'en' ? '' : ' lang="en"';
  const html = markdown.render(md).replace(CITATION, (whole, key: string) => {
    const ref = bibliography[key];
    return ref ? `(<cite class="case-ref" data-case="${escape(key)}"${lang}>${escape(ref.name)}</cite>${formationMark(ref)}, ${ref.judgmentDate.slice(0, 4)})` : whole;
  });
  return sanitizeHtml(html, SANITIZE);
}

/** For prompts and explanations, which are plain text: "(Salduz v. Turkey [GC], no. 36391/02, 2008-11-27)". */
export function renderCitationsAsText(text: string, bibliography: Record<string, CaseRef>): string {
  return text.replace(CITATION, (whole, key: string) => {
    const ref = bibliography[key];
    if (!ref) return whole;
    const numbers = `${ref.applicationNumbers.length > 1 ? 'nos.' : 'no.'} ${ref.applicationNumbers.join(', ')}`;
    return `(${ref.name}${formationMark(ref)}, ${numbers}, ${ref.judgmentDate})`;
  });
}

// Authors write [@key] as a reference after naming the case ("**Salduz** [@salduz-v-turkey] held…"),
// so a citation renders as a parenthetical reference in the Court's own style: (Name [GC], year).
const formationMark = (ref: CaseRef) => (ref.formation === 'Grand Chamber' ? ' [GC]' : ref.formation === 'Plenary' ? ' [Plenary]' : '');
