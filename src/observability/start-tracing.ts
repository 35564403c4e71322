// Imported by main.ts before anything else that loads http, fastify or pg (see tracing.ts).
import { startTracing } from './tracing';

startTracing(process.env);
