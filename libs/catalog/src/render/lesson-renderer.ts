import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { CaseRef, CITATION } from '../format/course-source';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Raw HTML is already off in markdown-it; the sanitiser is the second wall in case a
// Markdown construct ever produces something unexpected.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'h5', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'blockquote', 'code', 'pre', 'a', 'cite',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 's', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title', 'rel'], cite: ['class', 'data-case'], th: ['style'], td: ['style'], ol: ['start'] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    // Authors write "#" for the lesson title's level; inside the page a lesson starts at h2.
    h1: 'h2',
  },
};

/** Markdown → safe HTML, once, on import. Citations `[@key]` become the case name. */
export function renderLessonHtml(md: string, bibliography: Record<string, CaseRef>): string {
  const html = markdown.render(md).replace(CITATION, (whole, key: string) => {
    const ref = bibliography[key];
    return ref ? `<cite class="case-ref" data-case="${escape(key)}">${escape(ref.name)}</cite>` : whole;
  });
  return sanitizeHtml(html, SANITIZE);
}

/** For prompts and explanations, which are plain text: a citation reads "Name (no. 36391/02, 2008-11-27)". */
export function renderCitationsAsText(text: string, bibliography: Record<string, CaseRef>): string {
  return text.replace(CITATION, (whole, key: string) => {
    const ref = bibliography[key];
    return ref ? `${ref.name} (no. ${ref.applicationNumbers.join(', ')}, ${ref.judgmentDate})` : whole;
  });
}
