import { parseSet } from '../../core/adopt/given-values.js';
import { InputError } from '../../core/errors.js';
import type { AdoptRequest } from '../../usecases/adopt/adopt.js';
import type { CliIO } from '../io.js';
import { connectionOptions, parseNow } from '../options.js';

export interface RawAdoptOptions {
  cloud?: string;
  region?: string;
  image?: string[];
  filter?: string;
  set?: string[];
  values?: string;
  tag: string;
  now?: string;
  timeout: string;
  insecure?: boolean;
  debug?: boolean;
}

/** The flags adopt and fix share → the parts of their requests. */
export function adoptRequestParts(opts: RawAdoptOptions, io: CliIO): Pick<AdoptRequest, 'cloud' | 'tag' | 'choice' | 'given' | 'now'> {
  let filter: RegExp | undefined;
  if (opts.filter !== undefined) {
    try {
      filter = new RegExp(opts.filter);
    } catch (e) {
      throw new InputError({ file: '--filter', field: opts.filter }, `not a regular expression: ${(e as Error).message}`);
    }
  }
  return {
    cloud: { ...connectionOptions(opts, io), cloud: opts.cloud, region: opts.region, env: io.env },
    tag: opts.tag,
    choice: { images: opts.image ?? [], filter },
    given: { sets: (opts.set ?? []).map(parseSet), valuesFile: opts.values },
    now: parseNow(opts.now),
  };
}
