/** Observability's public entry: the metrics registry contexts add their gauges to. */
export { Metrics } from './metrics';
export type { GaugeSource } from './metrics';
