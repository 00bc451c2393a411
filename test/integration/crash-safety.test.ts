// Crash safety of an apply that hides and deactivates old versions: SIGKILL at every phase, then
// one re-run converges to the state of an uninterrupted run (test/harness/crash-scenario.ts).
import { crashScenario } from '../harness/crash-scenario.js';

crashScenario({ label: 'with --deactivate', flags: ['--deactivate'] });
