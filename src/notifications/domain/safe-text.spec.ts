import { safeText } from './safe-text';

describe('safeText', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeText('Sam O’Brien-Taylor')).toBe('Sam O’Brien-Taylor');
    expect(safeText('St. Mary’s C of E School')).toBe('St. Mary’s C of E School');
  });

  it('never lets a value start a new line', () => {
    const out = safeText('Smith\r\n\r\nUrgent:\u2028sign in\tnow\u0085x');
    expect(out).not.toMatch(/[\r\n\t\u2028\u2029\u0085]/);
    expect(out).toBe('Smith Urgent: sign in now x');
  });

  it('turns URLs, bare domains and addresses into inert text', () => {
    const out = safeText('Jo https://evil.example/login www.evil.example mail@evil.example');
    expect(out).not.toMatch(/https?:\/\//);
    expect(out).not.toMatch(/[\p{L}\p{N}]\.[\p{L}\p{N}]/u);
    expect(out).not.toContain('@');
    expect(out).toContain('evil\u2024example');
  });

  it('cuts very long values', () => {
    expect([...safeText('x'.repeat(500), 50)]).toHaveLength(50);
  });
});
