import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { EICAR, FakeClamd } from '../../../test/tasks/support/fake-clamd';
import { ClamavVirusScanner } from './clamav-virus-scanner';

describe('ClamavVirusScanner (clamd INSTREAM over TCP)', () => {
  let clamd: FakeClamd;
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    clamd = new FakeClamd();
    await clamd.start();
  });
  afterEach(() => clamd.stop());

  it('streams the file in chunks and reads OK or FOUND', async () => {
    const scanner = new ClamavVirusScanner(clamd.url);
    await expect(scanner.scan(Readable.from([Buffer.alloc(300 * 1024, 7)]))).resolves.toEqual({ clean: true });
    await expect(scanner.scan(Readable.from([Buffer.alloc(100 * 1024), Buffer.from(EICAR)]))).resolves.toEqual({
      clean: false,
      signature: 'Eicar-Test-Signature',
    });
    expect(clamd.scans).toBe(2);
  });

  it('no answer means unavailable: an error reply, silence past the timeout, or nobody listening', async () => {
    clamd.behaviour = 'garbage';
    await expect(new ClamavVirusScanner(clamd.url).scan(Readable.from([Buffer.from('x')]))).rejects.toMatchObject({ code: 'scanner_unavailable' });
    clamd.behaviour = 'silent';
    await expect(new ClamavVirusScanner(clamd.url, 200).scan(Readable.from([Buffer.from('x')]))).rejects.toMatchObject({
      code: 'scanner_unavailable',
    });
    const url = clamd.url;
    await clamd.stop();
    await expect(new ClamavVirusScanner(url).scan(Readable.from([Buffer.from('x')]))).rejects.toMatchObject({ code: 'scanner_unavailable' });
  });
});
