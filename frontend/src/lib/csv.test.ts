/** CSV out (quoting, no spreadsheet formulas) and certificate ids in (pasted text or a CSV file). */
import { describe, expect, it } from 'vitest';

import { extractIds, toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(
      toCsv(
        ['name', 'note'],
        [
          ['Weber, Jonas', 'said "ok"\nthen left'],
          ['=SUM(A1)', null],
        ],
      ),
    ).toBe('name,note\r\n"Weber, Jonas","said ""ok""\nthen left"\r\n\'=SUM(A1),\r\n');
  });
});

describe('extractIds', () => {
  it('finds each id once, in order, in pasted text or a CSV with a header', () => {
    const first = '0f8e2c1a-1b2c-4d5e-8f90-123456789abc';
    const second = 'B8196430-95DA-4D10-A7E9-29611F3B21D8';
    expect(extractIds(`id\n${first}\n"${second}", ${first};`)).toEqual([
      first,
      second.toLowerCase(),
    ]);
  });
});
