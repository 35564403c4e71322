import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { Limiter } from '../../shared/concurrency/limiter';
import { PasswordHasher } from '../application/identity.ports';

/** OWASP's argon2id parameters: 19 MiB of memory, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  private dummyHash?: Promise<string>;
  /**
   * Hashes at once: one per core, at most three. Each is pure CPU for tens of ms, so more than the
   * cores is no faster, and libuv's pool (4 threads) is shared with the zlib and file work of uploads
   * and PDFs: a burst of sign-ins should leave it a thread. (The bench's login peak RSS moved little,
   * 385 → 376 MB: glibc keeps each thread's freed 19 MiB in its arena whichever threads ran them.)
   */
  private readonly atOnce = new Limiter(Math.max(1, Math.min(availableParallelism(), 3)));

  hash(password: string): Promise<string> {
    return this.atOnce.run(() => argon2.hash(password, OPTIONS));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.atOnce.run(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }

  async burn(password: string): Promise<void> {
    this.dummyHash ??= this.hash('not-a-real-password-just-for-timing');
    await this.verify(await this.dummyHash, password);
  }
}
