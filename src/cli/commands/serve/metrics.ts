/**
 * What /metrics shows: the families of the latest report (reporters/openmetrics.ts), each cloud's
 * results marked stale after a failure, plus the exporter's own families. Rendered from memory.
 */
import type { DistroReleases } from '../../../core/releases/distro-releases.js';
import { renderExposition, type ExpositionDialect, type MetricFamily } from '../../../reporters/exposition.js';
import { reportMetricFamilies } from '../../../reporters/openmetrics.js';
import type { Monitor } from '../../../usecases/serve/monitor.js';

export function serveMetrics(monitor: Monitor, releases: DistroReleases | undefined, dialect: ExpositionDialect): string {
  const { report, views } = monitor.report();
  const families: MetricFamily[] = reportMetricFamilies(report, {
    releases,
    subjectStates: views.map((v) => ({ stale: v.stale, checkedAt: v.checkedAt })),
  });
  const labels = (i: number) => ({ cloud: report.subjects[i]!.subject.name, region: report.subjects[i]!.subject.region ?? '' });
  const last = monitor.lastCycle;
  families.push(
    {
      name: 'scs_images_check_consecutive_failures',
      type: 'gauge',
      help: 'Checks of the cloud that failed in a row since its last success (0: the last one succeeded).',
      samples: views.map((v, i) => ({ labels: labels(i), value: v.failures })),
    },
    {
      name: 'scs_images_check_requests',
      type: 'gauge',
      help: 'HTTP requests the latest check of the cloud sent, by OpenStack service (token reuse: identity is 0 until the token expires).',
      samples: views.flatMap((v, i) => Object.entries(v.requests).map(([service, n]) => ({ labels: { ...labels(i), service }, value: n }))),
    },
    {
      name: 'scs_images_serve_cycles',
      type: 'counter',
      help: 'Check cycles the exporter has finished.',
      samples: [{ labels: {}, value: monitor.cycleCount }],
    },
    {
      name: 'scs_images_serve_cycle_duration_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: 'How long the latest cycle took.',
      samples: last ? [{ labels: {}, value: last.durationMs / 1000 }] : [],
    },
  );
  return renderExposition(families, dialect);
}
