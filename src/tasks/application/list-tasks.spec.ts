import { decodeCursor, encodeCursor } from './list-tasks';

const id = '0190a0b0-0000-7000-8000-000000000001';

describe('list cursors', () => {
  it('round-trip the sort key and id, opaque and URL-safe', () => {
    const cursor = encodeCursor('dueDate', 'asc', { value: '2026-12-01', id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'dueDate', 'asc')).toEqual({ value: '2026-12-01', id });
    const title = encodeCursor('title', 'desc', { value: 'Ünïcode title, with "quotes"', id });
    expect(decodeCursor(title, 'title', 'desc')).toEqual({ value: 'Ünïcode title, with "quotes"', id });
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['another sort', encodeCursor('title', 'asc', { value: 'x', id })],
    ['another order', encodeCursor('dueDate', 'desc', { value: '2026-12-01', id })],
    ['a bad date', encodeCursor('dueDate', 'asc', { value: '2026-02-30', id })],
    ['a bad id', encodeCursor('dueDate', 'asc', { value: '2026-12-01', id: "1' OR 1=1" })],
    ['too long', 'A'.repeat(2000)],
  ])('refuses %s with 400 invalid_request', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'dueDate', 'asc')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });

  it('checks instants for delegatedAt cursors', () => {
    expect(
      decodeCursor(encodeCursor('delegatedAt', 'asc', { value: '2026-11-28T10:00:00.000Z', id }), 'delegatedAt', 'asc').value,
    ).toBe('2026-11-28T10:00:00.000Z');
    expect(() => decodeCursor(encodeCursor('delegatedAt', 'asc', { value: 'yesterday', id }), 'delegatedAt', 'asc')).toThrow();
  });
});
