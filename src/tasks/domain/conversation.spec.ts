import { DomainError } from '../../shared/errors/domain-error';
import { declineComment, messageBody, plainText } from './conversation';
import { describeChange } from './case-system-change';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a domain error');
}

describe('plain text from professionals', () => {
  it('keeps line breaks and tabs, drops other control characters, trims, and leaves markup as text', () => {
    expect(plainText('  Hello\r\nthere\u0007\t<b>x</b>\r ', 'body', 100)).toBe('Hello\nthere\t<b>x</b>');
  });

  it('counts characters as a person does (an emoji is one)', () => {
    expect(plainText('😀'.repeat(5), 'body', 5)).toBe('😀'.repeat(5));
    expect(codeOf(() => plainText('😀'.repeat(6), 'body', 5))).toBe('text_too_long');
  });

  it('a message must say something', () => {
    expect(codeOf(() => messageBody(' \u0000\n '))).toBe('empty_message');
    expect(messageBody(' Hi ')).toBe('Hi');
  });

  it('a decline needs a comment only for "other"', () => {
    expect(declineComment('not_known', undefined)).toBeNull();
    expect(declineComment('duplicate', '  ')).toBeNull();
    expect(declineComment('other', ' Moved away ')).toBe('Moved away');
    expect(codeOf(() => declineComment('other', ' '))).toBe('comment_required');
    expect(codeOf(() => declineComment('wrong_professional', 'x'.repeat(1001)))).toBe('text_too_long');
  });
});

describe('notices of the case system’s changes', () => {
  it('names the dates, never the content', () => {
    expect(describeChange({ field: 'dueDate', from: '2026-12-16', to: '2026-12-23' })).toBe('The due date changed from 16-Dec-2026 to 23-Dec-2026.');
    expect(describeChange({ field: 'message' })).toBe("The case worker's note changed.");
    expect(describeChange({ field: 'prefill' })).toBe('Information filled in by the council changed.');
  });
});
