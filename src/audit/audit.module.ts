import { Global, Module } from '@nestjs/common';
import { AdminAuditController } from './admin-audit.controller';
import { AuditLog } from './audit-log';
import { AuditTrail } from './audit-trail';

@Global()
@Module({
  controllers: [AdminAuditController],
  providers: [AuditTrail, { provide: AuditLog, useExisting: AuditTrail }],
  exports: [AuditLog, AuditTrail],
})
export class AuditModule {}
