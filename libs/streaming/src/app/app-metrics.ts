import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A Prometheus registry for one app (`tmrm_trainer_...`): the process's default metrics, and
 * `gauge(name, help, read)` for values read from the app's status at scrape time (null: left
 * unset, e.g. an AUC before there is one).
 */
export function appMetrics(app: string): {
  registry: Registry;
  gauge(metric: string, help: string, read: () => number | null): void;
} {
  const registry = new Registry();
  const prefix = `tmrm_${app}_`;
  collectDefaultMetrics({ register: registry, prefix });
  return {
    registry,
    gauge(metric, help, read) {
      new Gauge({
        name: `${prefix}${metric}`,
        help,
        registers: [registry],
        collect() {
          const value = read();
          if (value !== null) this.set(value);
        },
      });
    },
  };
}
