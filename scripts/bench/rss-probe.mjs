// Preloaded into a measured process (node --import): writes its peak RSS (bytes) to the file named
// by RSS_PROBE_FILE when it exits, so the benchmark needs no external `time` binary.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.RSS_PROBE_FILE) writeFileSync(process.env.RSS_PROBE_FILE, String(process.resourceUsage().maxRSS * 1024));
});
