import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition (RFC 6266 / RFC 8187)', () => {
  it('gives plain names as they are', () => {
    expect(attachmentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    const value = attachmentDisposition('Résumé (final) it’s done.pdf');
    expect(value).toBe(
      `attachment; filename="R_sum_ (final) it_s done.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29%20it%E2%80%99s%20done.pdf`,
    );
  });

  it('never lets quotes or backslashes break out of the quoted fallback', () => {
    const value = attachmentDisposition('a"b\\c%d.pdf');
    expect(value).toContain('filename="a_b_c_d.pdf"');
    expect(value).toContain(`filename*=UTF-8''a%22b%5Cc%25d.pdf`);
  });
});
