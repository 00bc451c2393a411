import type { DistroReleases } from '../../../core/releases/distro-releases.js';
import { clipEchoed } from '../../../core/text/clip.js';
import { readBundledReleases } from '../../../inputs/read-releases.js';
import { VERDICT_WORDS } from '../../../reporters/common.js';
import { Monitor, totalRequests, type CycleSummary } from '../../../usecases/serve/monitor.js';
import { safeOutput } from '../../../util/redact.js';
import { EXIT, ExitError } from '../../exit-codes.js';
import { parseSeconds, usage } from '../../flags/values.js';
import { parseListen, startServer } from './http.js';
import type { ServeRun } from './index.js';
import { serveMetrics } from './metrics.js';

/** `scs-images serve`: runs until SIGTERM or SIGINT (exit 0). */
export async function run({ flags, opts, io }: ServeRun): Promise<number> {
  const { clouds, catalogue, rules, connection } = flags;
  const listen = parseListen(opts.listen);
  if (!listen) throw usage(`--listen: '${opts.listen}' is not HOST:PORT (e.g. 127.0.0.1:9842, [::1]:9842)`);
  const intervalMs = parseSeconds(opts.interval, '--interval') * 1000;
  const log = (line: string): void => {
    io.stderr.write(`scs-images serve: ${clipEchoed(safeOutput(line), 4000)}\n`);
  };

  // bad clouds or rules end the run here (exit 2), before anything is served
  const monitor = await Monitor.create({
    rules: { spec: rules.spec, standards: rules.standards, scope: rules.scope, scopeVersion: rules.scopeVersion, withRecommended: rules.withRecommended },
    selection: catalogue.selection,
    allCommunity: catalogue.allCommunity,
    strict: rules.strict,
    strictReading: rules.strictReading,
    concurrency: clouds.concurrency,
    intervalMs,
    fleet: clouds.selection,
    connection,
    // a monitor is not in a hurry: serial paging costs the fewest requests (1,501 images: 2 GETs, not 6)
    listStreams: catalogue.listStreams ?? 1,
    env: io.env,
  });
  const releases: DistroReleases = await readBundledReleases();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(listen, monitor, (dialect) => serveMetrics(monitor, releases, dialect));
  } catch (e) {
    await monitor.stop();
    throw new ExitError(EXIT.INCOMPLETE, `error: --listen ${opts.listen}: ${(e as Error).message}`);
  }
  const host = server.address.host.includes(':') ? `[${server.address.host}]` : server.address.host;
  log(`listening on http://${host}:${server.address.port}/metrics; checking ${monitor.targetLabels.join(', ')} every ${intervalMs / 1000} s`);
  monitor.onCycle((s) => log(cycleLine(s)));

  return new Promise<number>((resolve) => {
    const hup = (): void => {
      log('SIGHUP: checking every cloud now');
      monitor.runNow().catch(() => undefined);
    };
    const stop = (signal: NodeJS.Signals): void => {
      // a second signal takes its default course: quit at once
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      process.off('SIGHUP', hup);
      log(`${signal}: stopping (a cycle under way finishes first)`);
      void (async () => {
        await server.close();
        await monitor.stop();
        log(`stopped after ${monitor.cycleCount} cycle(s)`);
        resolve(EXIT.OK);
      })();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('SIGHUP', hup);
    monitor.start();
  });
}

/** One line per cycle: each cloud's verdict (or failure and next retry) and the requests it cost. */
export function cycleLine(s: CycleSummary): string {
  const parts = s.targets.map((t) => {
    const n = totalRequests(t.requests);
    const detail = Object.entries(t.requests)
      .flatMap(([service, methods]) => Object.entries(methods).map(([m, c]) => `${service} ${m} ${c}`))
      .join(', ');
    const requests = `${n} request${n === 1 ? '' : 's'}${detail ? ` (${detail})` : ''}`;
    if (t.ok) return `${t.label} ${VERDICT_WORDS[t.verdict ?? 'no-verdict']}, ${requests}`;
    const retry = t.retryInMs !== undefined ? `, retry in ${Math.round(t.retryInMs / 1000)} s` : '';
    return `${t.label} FAILED (${t.failures} in a row${retry}; last results kept, stale), ${requests}: ${t.error ?? ''}`;
  });
  const checked = s.targets.length === 0 ? 'no cloud due' : parts.join('; ');
  return `cycle ${s.cycle} in ${(s.durationMs / 1000).toFixed(2)} s: ${checked}`;
}
