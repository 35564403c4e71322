import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a long-running request/response server, applied before anything else is loaded.
 *
 * Allocation-site pretenuring off: at start-up almost everything allocated lives for ever (modules,
 * metadata, the DI container), so V8 learns to allocate objects from many sites straight into the
 * old generation — and keeps doing so under load for the same sites (object literals in the driver,
 * the framework) where each object lives for one request. Those objects, and the young row strings
 * they point to, then survive until a full collection: under list load that promoted ~1 MB per
 * scavenge and forced a mark-compact every half second. Without it, request garbage dies young:
 * ~20 % more list requests per second, p99 halved, ~0.2 ms less CPU per request (BENCHMARKS.md, fourth round).
 * The flag is read when V8 makes a pretenuring decision, so setting it here, before the framework
 * starts, is as good as passing it on the command line (which NODE_OPTIONS does not allow).
 */
setFlagsFromString('--no-allocation-site-pretenuring');
