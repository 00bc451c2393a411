// Crash safety of an apply that deletes old versions: SIGKILL at every phase; no killed run deleted
// an image the finished run keeps, and one re-run leaves exactly the images an uninterrupted run
// leaves (test/harness/crash-scenario.ts).
import { crashScenario } from '../harness/crash-scenario.js';

crashScenario({ label: 'with --delete', flags: ['--delete', '--yes-i-really-know-what-i-do'] });
