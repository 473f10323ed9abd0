import { renderCitationsAsText, renderLessonHtml } from './lesson-renderer';

const bibliography = {
  'salduz-v-turkey': { key: 'salduz-v-turkey', name: 'Salduz v. Turkey', applicationNumbers: ['36391/02'], judgmentDate: '2008-11-27', formation: 'Grand Chamber', articles: ['6§1'] },
};

describe(renderLessonHtml.name, () => {
  it('turns a citation into a parenthetical reference with the case name, formation and year', () => {
    expect(renderLessonHtml('**Salduz** [@salduz-v-turkey] held so.', bibliography)).toContain(
      '<strong>Salduz</strong> (<cite class="case-ref" data-case="salduz-v-turkey">Salduz v. Turkey</cite> [GC], 2008) held so.',
    );
  });

  it('never lets author HTML or script links through', () => {
    const html = renderLessonHtml('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))', bibliography);
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it('keeps sub-paragraph letters such as 5§1(c) and 6§3(c) as written, in every language', () => {
    const html = renderLessonHtml('Article 5§1(c) and 6§3(c); 6-cı maddənin 3(c) bəndi; подпункт (c) пункта 3 статьи 6.', bibliography, 'az');
    expect(html).toContain('Article 5§1(c) and 6§3(c); 6-cı maddənin 3(c) bəndi; подпункт (c) пункта 3 статьи 6.');
    expect(html).not.toContain('©');
  });

  it('keeps ordinary Markdown: headings, lists, emphasis and safe links', () => {
    const html = renderLessonHtml('# Title\n\n- one\n- **two**\n\n[HUDOC](https://hudoc.echr.coe.int)', bibliography);
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<strong>two</strong>');
    expect(html).toContain('<a href="https://hudoc.echr.coe.int" rel="noopener noreferrer">HUDOC</a>');
  });
});

describe(renderCitationsAsText.name, () => {
  it('writes a parenthetical reference with the application number and date', () => {
    expect(renderCitationsAsText('Access from the first interrogation [@salduz-v-turkey].', bibliography)).toBe('Access from the first interrogation (Salduz v. Turkey [GC], no. 36391/02, 2008-11-27).');
  });
});
