/** Objects as HEAD tells them, and what a PUT sends (camelCase; wire headers stop in requests.ts). */
export interface ObjectInfo {
  container: string;
  name: string;
  size: number;
  /** Swift's ETag without quotes: md5 of the bytes, or of the segments' ETags for a static large object. */
  etag: string;
  /** `X-Object-Meta-*`, keys lowercased without the prefix. */
  metadata: Record<string, string>;
  /** `X-Static-Large-Object: True`: the object is a manifest of segments. */
  staticLargeObject: boolean;
}

export interface PutObjectOptions {
  /** Bytes of the body; a streamed body without it is sent chunked. */
  contentLength?: number;
  contentType?: string;
  /** Stored as `X-Object-Meta-<key>`. */
  metadata?: Record<string, string>;
  signal?: AbortSignal;
}

/** One segment of a static large object manifest (Swift's SLO JSON: path, etag, size_bytes). */
export interface SloSegment {
  /** `<container>/<object>` of the segment. */
  path: string;
  etag: string;
  sizeBytes: number;
}
