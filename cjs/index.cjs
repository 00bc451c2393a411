'use strict';
// What `require('scs-images')` loads. The package is ES modules only (its dependencies are too),
// and Node 20 cannot require() an ES module: say so, with the way that works, instead of
// Node's ERR_PACKAGE_PATH_NOT_EXPORTED.
const error = new Error(
  "scs-images is ESM-only and cannot be loaded with require(): use `import { checkCompliance } from 'scs-images'` in an ES module, or `const lib = await import('scs-images')` from CommonJS",
);
error.code = 'ERR_REQUIRE_ESM';
throw error;
