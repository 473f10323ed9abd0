import { csvCell, csvRows } from './csv';

describe(csvCell.name, () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['Məmmədova', 'Məmmədova'],
  ])('writes %j as %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('keeps negative numbers as numbers, and empty for null', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(null)).toBe('');
    expect(csvRows([['a', 1], ['b', null]])).toBe('a,1\r\nb,\r\n');
  });
});
