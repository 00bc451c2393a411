/**
 * The audit use case: for every image a check would consider (same clouds, selection and
 * clouds.yaml handling), does it hold the bytes its image_source names? The result is a
 * CheckReport with one module `audit` and one testcase per image, so every report format, the
 * exit codes and CI integrations of `check` apply unchanged:
 *
 * - verified → PASS; mismatch → FAIL (mandatory: exit 1);
 * - unverifiable → a recommended FAIL (a warning; counts only with --strict), the reason in the finding;
 * - when nothing of a subject could be decided because upstream was unreachable, its testcases
 *   are ABORT (exit 3: no verdict), never a PASS.
 */
import { buildReport, type CheckReport, type ModuleRef, type SubjectInput } from '../../core/check/report.js';
import type { Finding, TestcaseResult } from '../../core/check/result.js';
import { selectImages, type ImageSelection } from '../../core/check/select-images.js';
import { InputError } from '../../core/errors.js';
import { imageRef, type Image } from '../../core/images/image.js';
import { parseImagesFile } from '../../inputs/parse-images-file.js';
import { readInputFile } from '../../inputs/read-file.js';
import type { OpenStackClient } from '../../openstack/client.js';
import { listCheckImages } from '../../openstack/image-listings.js';
import { mapLimit } from '../../util/map-limit.js';
import { VERSION } from '../../version.js';
import { onEachCloud } from '../check/collect-subjects.js';
import type { CheckSource } from '../check/run-check.js';
import type { BaseUrls } from '../update/base-urls.js';
import { auditImage, ManifestCache, type AuditOutcome } from './audit-image.js';

export interface AuditRequest {
  source: CheckSource;
  selection: ImageSelection;
  allCommunity: boolean;
  /** Read the data back from Glance where its hashes cannot decide (another algorithm). */
  deep: boolean;
  /** Images audited at the same time (read-backs and manifest fetches). */
  parallel: number;
  strict: boolean;
  baseUrls: BaseUrls;
  /** Per upstream request. */
  fetchTimeoutMs: number;
  now: Date;
  env: NodeJS.ProcessEnv;
  /** Progress of read-backs: bytes so far; `done` once per image. */
  onRead?: (event: { image: Image; bytes: number; done: boolean }) => void;
}

export interface AuditReport extends CheckReport {
  /** Upstream manifests fetched (each once per run) and bytes read back from Glance. */
  audit: { manifestFetches: number; bytesRead: number };
}

const AUDIT_MODULE: ModuleRef = {
  id: 'audit',
  name: 'Image bytes against upstream checksum manifests',
  url: 'https://github.com/SovereignCloudStack/standards/blob/main/Standards/scs-0102-v2-image-metadata.md',
  source: 'upstream checksum manifests',
};

export async function runAudit(req: AuditRequest): Promise<AuditReport> {
  const manifests = new ManifestCache({ baseUrls: req.baseUrls, timeoutMs: req.fetchTimeoutMs });
  let bytesRead = 0;
  const auditSubject = async (images: readonly Image[], client?: OpenStackClient): Promise<TestcaseResult[]> => {
    const considered = selectImages(images, req.selection);
    const readBack = req.deep && client ? (image: Image, sink: (chunk: Uint8Array) => void) => client.image.readImageData(image.id, sink) : undefined;
    const outcomes = await mapLimit(considered, req.parallel, async (image) => {
      const outcome = await auditImage(image, {
        manifests,
        ...(readBack ? { readBack } : {}),
        ...(req.onRead ? { onBytes: (bytes: number) => req.onRead?.({ image, bytes, done: false }) } : {}),
      });
      if ('bytesRead' in outcome && outcome.bytesRead !== undefined) {
        bytesRead += outcome.bytesRead;
        req.onRead?.({ image, bytes: outcome.bytesRead, done: true });
      }
      return outcome;
    });
    const nothingDecided =
      outcomes.length > 0 && outcomes.every((o) => o.kind === 'unverifiable') && outcomes.some((o) => o.kind === 'unverifiable' && o.unreachable);
    return considered.map((image, i) => toTestcase(image, outcomes[i] as AuditOutcome, nothingDecided));
  };

  let subjects: SubjectInput[];
  if (req.source.kind === 'file') {
    const path = req.source.path;
    const file = parseImagesFile(await readInputFile(path), path);
    if (!file.hasProperties)
      throw new InputError(
        { file: path },
        "the export has no image properties, so no image_source to audit; export with `openstack image show -f json` or Glance's GET /v2/images",
      );
    const testcases = await auditSubject(file.images);
    subjects = [{ subject: { kind: 'file', name: path }, images: { listed: file.images.length, considered: testcases.length }, testcases }];
  } else if (req.source.kind === 'images') {
    const testcases = await auditSubject(req.source.images);
    subjects = [{ subject: req.source.subject, images: { listed: req.source.images.length, considered: testcases.length }, testcases }];
  } else {
    const { listStreams, connection } = req.source;
    const listing = { includeHidden: req.selection.includeHidden, allCommunity: req.allCommunity, listStreams, trace: connection.trace };
    const outcomes = await onEachCloud(req.source, req.env, "audit the cloud's images", async (client) => {
      const images = await listCheckImages(client, listing);
      return { listed: images.length, testcases: await auditSubject(images, client) };
    });
    subjects = outcomes.map((o): SubjectInput => {
      if ('error' in o) return { subject: o.subject, images: { listed: 0, considered: 0 }, testcases: [], error: o.error };
      return { subject: o.subject, images: { listed: o.value.listed, considered: o.value.testcases.length }, testcases: o.value.testcases };
    });
  }

  const report = buildReport({
    toolVersion: VERSION,
    checkedAt: req.now,
    modules: [AUDIT_MODULE],
    warnings: [],
    options: {
      visibilities: req.selection.visibilities.slice(),
      includeHidden: req.selection.includeHidden,
      allCommunity: req.allCommunity,
      strict: req.strict,
      strictReading: false,
      collapseDuplicates: false,
    },
    subjects,
  });
  return { ...report, audit: { manifestFetches: manifests.fetches, bytesRead } };
}

function toTestcase(image: Image, outcome: AuditOutcome, nothingDecided: boolean): TestcaseResult {
  const ref = imageRef(image);
  const base = { id: `audit-${image.id}`, images: [ref], module: AUDIT_MODULE.id, entry: image.name };
  const read = 'bytesRead' in outcome && outcome.bytesRead !== undefined ? ` (${outcome.bytesRead} bytes read back)` : '';
  if (outcome.kind === 'verified') {
    return {
      ...base,
      description: `'${image.name}' holds the upstream bytes of ${outcome.fileUrl}`,
      requirement: 'mandatory',
      verdict: 'PASS',
      findings: [{ level: 'info', message: `verified: ${outcome.how}${read}; manifest ${outcome.manifestUrl}`, image: ref }],
    };
  }
  if (outcome.kind === 'mismatch') {
    const finding: Finding = {
      level: 'error',
      message:
        `Image '${image.name}' (${image.id}) does not hold the bytes of ${outcome.fileUrl}: ${outcome.how} is ${outcome.actual}, ` +
        `the manifest ${outcome.manifestUrl} says ${outcome.expected.algorithm}:${outcome.expected.hex}${read}`,
      image: ref,
      property: 'image_source',
      value: image.properties['image_source'],
      expected: [`${outcome.expected.algorithm}:${outcome.expected.hex}`],
    };
    return {
      ...base,
      description: `'${image.name}' holds the upstream bytes its image_source names`,
      requirement: 'mandatory',
      verdict: 'FAIL',
      findings: [finding],
    };
  }
  const description = `'${image.name}' holds the upstream bytes its image_source names`;
  if (nothingDecided && outcome.unreachable) {
    return {
      ...base,
      description,
      requirement: 'mandatory',
      verdict: 'ABORT',
      findings: [{ level: 'error', message: `upstream unreachable: ${outcome.why}`, image: ref }],
    };
  }
  return {
    ...base,
    description,
    requirement: 'recommended',
    verdict: 'FAIL',
    findings: [{ level: 'warning', message: `unverifiable: Image '${image.name}' (${image.id}): ${outcome.why}`, image: ref }],
  };
}
