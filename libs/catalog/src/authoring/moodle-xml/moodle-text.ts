import { convert, HtmlToTextOptions } from 'html-to-text';

/**
 * Moodle's text formats (`format="…"` on questiontext, feedback and answers) as Themis's course
 * text, which is plain text shown escaped. HTML becomes its text as Moodle's own html_to_text
 * shows it: paragraphs and line breaks kept, a link's text without its address, an image as its
 * [alt text]. Markdown and plain text are kept as written.
 */
export type MoodleTextFormat = 'html' | 'moodle_auto_format' | 'plain_text' | 'markdown';

const HTML_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  formatters: {
    imageAlt: (elem, _walk, builder) => {
      const alt = (elem as { attribs?: Record<string, string> }).attribs?.['alt']?.trim();
      if (alt) builder.addInline(`[${alt}]`);
    },
  },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'imageAlt' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

const looksLikeHtml = (s: string) => /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i.test(s);

/** Moodle's text in `format` as course text; `fallback` is the format Moodle assumes when none is given (the question's own). */
export function courseText(text: string, format: string | undefined, fallback: MoodleTextFormat = 'html'): string {
  const f = (format ?? fallback).toLowerCase();
  const raw = text.replace(/\r\n?/g, '\n');
  // moodle_auto_format is plain text in which Moodle lets HTML through: only then is it converted.
  const html = f === 'html' || (f === 'moodle_auto_format' && looksLikeHtml(raw));
  return (html ? convert(raw, HTML_OPTIONS) : raw).trim();
}
