import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import { connect, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { ScanResult, VirusScanner } from '../application/task.ports';
import { ScannerUnavailableError } from '../domain/task-errors';

const CHUNK_BYTES = 64 * 1024;

/**
 * clamd's INSTREAM command over TCP (CLAMAV_URL=tcp://host:port): the file is sent in length-prefixed
 * chunks as it is read from storage (never whole in memory; the socket's backpressure paces the
 * reading) and clamd answers `stream: OK` or `stream: <signature> FOUND`. Anything else, a refused
 * connection or silence past the timeout means "no answer", and no answer means the file is refused.
 */
export class ClamavVirusScanner extends VirusScanner {
  private readonly logger = new Logger('ClamAV');
  private readonly host: string;
  private readonly port: number;

  constructor(
    url: string,
    private readonly timeoutMs = 30_000,
  ) {
    super();
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port || 3310);
  }

  scan(content: Readable): Promise<ScanResult> {
    return new Promise<ScanResult>((resolve, reject) => {
      const replies: Buffer[] = [];
      let settled = false;
      const socket = connect({ host: this.host, port: this.port });
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        this.logger.warn(`scanner unavailable: ${reason}`);
        reject(new ScannerUnavailableError());
      };
      socket.setTimeout(this.timeoutMs, () => fail('timed out'));
      socket.on('error', (error) => fail(error.message));
      socket.on('data', (data) => replies.push(data));
      socket.on('end', () => {
        if (settled) return;
        const reply = Buffer.concat(replies).toString('utf8').replace(/\0/g, '').trim();
        const found = /^stream: (.+) FOUND$/.exec(reply);
        if (reply === 'stream: OK') {
          settled = true;
          socket.end();
          resolve({ clean: true });
        } else if (found) {
          settled = true;
          socket.end();
          resolve({ clean: false, signature: found[1] });
        } else {
          fail(`unexpected reply "${reply.slice(0, 200)}"`);
        }
      });
      socket.on('connect', () => {
        send(socket, content, () => settled).catch((error: Error) => fail(`reading the file: ${error.message}`));
      });
    });
  }
}

async function send(socket: Socket, content: Readable, settled: () => boolean): Promise<void> {
  socket.write('zINSTREAM\0');
  for await (const data of content) {
    const buffer = data as Buffer;
    for (let offset = 0; offset < buffer.length; offset += CHUNK_BYTES) {
      if (settled()) return;
      const chunk = buffer.subarray(offset, offset + CHUNK_BYTES);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(chunk.length);
      socket.write(length);
      if (!socket.write(chunk)) await Promise.race([once(socket, 'drain'), once(socket, 'close')]);
    }
  }
  if (!settled()) socket.write(Buffer.alloc(4)); // a zero-length chunk ends the stream
}
