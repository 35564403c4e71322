import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { MikroORM } from '@mikro-orm/postgresql';
import { Public } from '../shared/http/access';

/** Liveness and readiness for orchestrators; outside /api/v1. */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly orm: MikroORM) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string }> {
    try {
      const pending = await Promise.race([
        this.orm.getMigrator().getPendingMigrations(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      if (pending.length > 0) {
        reply.status(503);
        return { status: 'migrating' };
      }
      return { status: 'ready' };
    } catch {
      reply.status(503);
      return { status: 'database unavailable' };
    }
  }
}
