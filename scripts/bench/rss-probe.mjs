// Preloaded into a measured process (node --import): writes its peak RSS (bytes) to the file named
// by RSS_PROBE_FILE when it exits, and its CPU seconds to that name + `.cpu`, so the benchmark needs no external `time` binary.
// On Linux the peak comes from /proc/self/status (VmHWM): getrusage's maxRSS survives exec, so a
// child spawned by a large parent (the apply benchmark holds a 1 GiB image for a moment) would
// report the parent's peak instead of its own.
import { readFileSync, writeFileSync } from 'node:fs';

function peakRssBytes() {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

process.on('exit', () => {
  if (!process.env.RSS_PROBE_FILE) return;
  writeFileSync(process.env.RSS_PROBE_FILE, String(peakRssBytes()));
  // CPU seconds (user + system) of the measured process, beside it: shows what was CPU-bound
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  writeFileSync(`${process.env.RSS_PROBE_FILE}.cpu`, String((userCPUTime + systemCPUTime) / 1e6));
});
