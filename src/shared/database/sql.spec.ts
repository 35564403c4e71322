import { numberPlaceholders } from './sql';

describe('numberPlaceholders', () => {
  it('numbers each placeholder in order', () => {
    expect(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4',
    );
  });

  it('leaves question marks in string literals, quoted identifiers and comments alone', () => {
    expect(numberPlaceholders(`SELECT 'why?', 'it''s ?', "odd?col" FROM t -- really?\nWHERE a = ?`)).toBe(
      `SELECT 'why?', 'it''s ?', "odd?col" FROM t -- really?\nWHERE a = $1`,
    );
  });

  it('keeps casts and a statement without placeholders as they are', () => {
    expect(numberPlaceholders('SELECT ?::uuid[], now()::date')).toBe('SELECT $1::uuid[], now()::date');
    expect(numberPlaceholders('SELECT 1')).toBe('SELECT 1');
  });

  it('refuses an unterminated literal instead of guessing', () => {
    expect(() => numberPlaceholders("SELECT 'open")).toThrow('Unterminated quote');
  });
});
