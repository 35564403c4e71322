import { Injectable } from '@nestjs/common';
import { Clock, HOUR_MS } from '../../shared/clock/clock';
import { FileStorage } from './task.ports';

/**
 * An upload whose staged bytes have not grown for this long died mid-way (the instance crashed or
 * was killed, the connection was lost before the refusal's clean-up ran): even a 10 MiB file over a
 * very slow link writes a part every few seconds.
 */
export const ABANDONED_UPLOAD_AFTER_MS = HOUR_MS;

/** Removes the staged bytes of uploads that never completed (they are no file anyone can see). */
@Injectable()
export class SweepAbandonedUploads {
  constructor(
    private readonly files: FileStorage,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<number> {
    return this.files.sweepStaged(new Date(this.clock.now().getTime() - ABANDONED_UPLOAD_AFTER_MS));
  }
}
