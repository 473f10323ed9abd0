import { fieldText, textDiff } from './text-diff';

describe(textDiff.name, () => {
  it('marks the words removed and added, keeping the rest', () => {
    const sut = textDiff('title', 'The right to a lawyer', 'The right to counsel');
    expect(sut.parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text.trim()])).toEqual([['removed', 'a lawyer'], ['added', 'counsel']]);
    expect(sut.parts.map((p) => (p.kind === 'added' ? '' : p.text)).join('')).toBe('The right to a lawyer');
    expect(sut.parts.map((p) => (p.kind === 'removed' ? '' : p.text)).join('')).toBe('The right to counsel');
  });

  it('diffs options one a line, with the right answer marked', () => {
    const sut = textDiff('options', [{ text: 'Article 5', correct: false }, { text: 'Article 6', correct: true }], [{ text: 'Article 5', correct: true }, { text: 'Article 6', correct: true }]);
    expect(sut.parts).toEqual([
      { kind: 'removed', text: '✗ Article 5\n' },
      { kind: 'added', text: '✓ Article 5\n' },
      { kind: 'same', text: '✓ Article 6\n' },
    ]);
  });

  it('cuts a long unchanged stretch to its ends', () => {
    const long = 'word '.repeat(400);
    const sut = textDiff('markdown', `${long}old ${long}`, `${long}new ${long}`);
    expect(sut.parts.every((p) => p.text.length < 400)).toBe(true);
    expect(sut.parts.find((p) => p.kind === 'removed')!.text.trim()).toBe('old');
  });

  it('reads scraps of punctuation between changes as part of them', () => {
    const sut = textDiff('markdown', 'cites it.\n\n<script>x</script> end', 'cites it and <b>y</b> end');
    const changed = sut.parts.filter((p) => p.kind !== 'same');
    expect(changed.map((p) => p.kind)).toEqual(['removed', 'added']);
    expect(changed[1]!.text).toContain(' and <b>y</b');
    expect(changed[0]!.text).toContain('<script>x</script');
  });

  it('keeps markup as text (the page escapes it)', () => {
    expect(textDiff('prompt', '<b>a</b>', '<b>b</b>').parts.map((p) => p.text).join('')).toContain('<b>');
    expect(fieldText(['salduz-v-turkey', 'ibrahim-v-uk'])).toBe('salduz-v-turkey\nibrahim-v-uk');
  });
});
