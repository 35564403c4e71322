// First: V8 settings that must be in place before the framework allocates anything.
import './runtime-tuning';
// Then tracing (off unless OTEL_* says where to send spans): it must patch http, fastify and pg as they load.
import './observability/start-tracing';
import { startPortal } from './start';

startPortal(process.env).catch((error: Error) => {
  // Configuration errors name the variable; print them plainly and stop.
  console.error(error.name === 'ConfigError' ? error.message : error.stack);
  process.exit(1);
});
