import * as iconv from 'iconv-lite';
import { decodeRoster, parseRoster } from './roster-csv';

describe('parseRoster', () => {
  it('reads a UTF-8 roster with a BOM and semicolons, as Excel saves it', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('barNumber;fullName\r\nAZ-1;Aytən Məmmədova\r\nAZ-2;"Алиева; Гюльнара"\r\n')]);
    const { lines, rejected } = parseRoster(body);
    expect(rejected).toEqual([]);
    expect(lines.map((l) => [l.line, l.barNumberKey, l.fullName])).toEqual([[2, 'AZ1', 'Aytən Məmmədova'], [3, 'AZ2', 'Алиева; Гюльнара']]);
  });

  it('reads Windows-1251 from a Russian-locale Excel', () => {
    const body = iconv.encode('barNumber,fullName\r\nАВ-7,Гюльнара Алиева\r\n', 'win1251');
    expect(decodeRoster(body)).toContain('Гюльнара');
    expect(parseRoster(body).lines[0]).toMatchObject({ barNumberKey: 'AB7', fullName: 'Гюльнара Алиева' });
  });

  it('rejects bad lines by number and keeps the rest', () => {
    const csv = 'fullName,barNumber\nA One,AZ-1\nNo Number,\nA Two,az 1\nX,AZ-3\nA Four,AZ;4\nA Five,AZ-5\n';
    const { lines, rejected } = parseRoster(Buffer.from(csv));
    expect(lines.map((l) => l.line)).toEqual([2, 7]);
    expect(rejected).toEqual([
      { line: 3, message: 'barNumber is empty' },
      { line: 4, message: 'barNumber az 1 is already on line 2' },
      { line: 5, message: 'fullName must be 2 to 200 characters' },
      { line: 6, message: expect.stringMatching(/^barNumber "AZ;4"/) },
    ]);
  });

  it('refuses a roster whose header lacks the columns', () => {
    expect(parseRoster(Buffer.from('name,number\nA,1\n')).rejected).toEqual([{ line: 1, message: 'the header line must name the columns barNumber and fullName' }]);
  });
});
