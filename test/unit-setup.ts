// Setup of every unit test file. The unit project shares one module graph (isolate: false in
// vitest.config.ts), so process-wide state that tests fill is reset here, before each file.
import { beforeAll } from 'vitest';
import { clearRegisteredSecrets } from '../src/util/redact.js';

beforeAll(() => {
  clearRegisteredSecrets();
});
