/**
 * Every command, in the order `--help` lists them. Adding a command is a folder under
 * cli/commands/ (index.ts declares it, run.ts handles it; cli/command.ts) and one line here.
 */
import type { CommandDeclaration } from '../command.js';
import { adopt } from './adopt/index.js';
import { apply } from './apply/index.js';
import { audit } from './audit/index.js';
import { check } from './check/index.js';
import { completion } from './completion/index.js';
import { doctor } from './doctor/index.js';
import { ensure } from './ensure/index.js';
import { fix } from './fix/index.js';
import { init } from './init/index.js';
import { list } from './list/index.js';
import { manage } from './manage/index.js';
import { mirror } from './mirror/index.js';
import { plan } from './plan/index.js';
import { serve } from './serve/index.js';
import { share } from './share/index.js';
import { update } from './update/index.js';
import { upload } from './upload/index.js';
import { validate } from './validate/index.js';

// biome-ignore lint/suspicious/noExplicitAny: each declaration keeps its own flag types; the shell only registers them
export const COMMANDS: ReadonlyArray<CommandDeclaration<any, any>> = [
  check,
  // right after check: it sends what check -f yaml wrote
  upload,
  validate,
  plan,
  apply,
  // before apply's users reach for it: what would stop an apply
  doctor,
  ensure,
  share,
  manage,
  list,
  audit,
  init,
  update,
  mirror,
  adopt,
  fix,
  serve,
  // last: it completes every command declared before it
  completion,
];
