// Large catalogues written straight into the local Glance's sqlite database, in one transaction:
// the API creates about 10 images a second on this machine, so 10,000 images through it take
// minutes, and it cannot give two images the same created_at to the microsecond. Rows look like
// the API's own (queued, no data); Glance reads its database on every request, so they are listed
// at once. Only for catalogues the tests list and never change through Glance.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { layout } from './config-files.js';
import type { CloudUserName, LocalCloud } from './cloud-info.js';
import { PYTHON } from './local-cloud.js';

export interface DbImage {
  name: string;
  /** `YYYY-MM-DD HH:MM:SS.ffffff` UTC, as Glance's sqlite keeps it; images may share one. */
  createdAt: string;
  visibility?: 'public' | 'private' | 'shared' | 'community';
  hidden?: boolean;
  properties?: Record<string, string>;
  /** default: a random UUID */
  id?: string;
}

const INSERT = `
import json, sqlite3, sys
db, owner = sys.argv[1], sys.argv[2]
rows = json.load(sys.stdin)
c = sqlite3.connect(db, timeout=60)
with c:
    c.executemany("insert into images (id, name, size, status, created_at, updated_at, deleted, min_disk, min_ram, protected, visibility, os_hidden, owner) values (?, ?, null, 'queued', ?, ?, 0, 0, 0, 0, ?, ?, ?)",
        [(r['id'], r['name'], r['createdAt'], r['createdAt'], r['visibility'], 1 if r['hidden'] else 0, owner) for r in rows])
    c.executemany("insert into image_properties (image_id, name, value, created_at, deleted) values (?, ?, ?, ?, 0)",
        [(r['id'], k, v, r['createdAt']) for r in rows for k, v in r['properties'].items()])
print(len(rows))
`;

/** Insert the images as owned by `owner`'s project; returns their ids in the given order. */
export async function seedImagesInDb(cloud: LocalCloud, owner: CloudUserName, images: readonly DbImage[]): Promise<string[]> {
  const rows = images.map((i) => ({
    id: i.id ?? crypto.randomUUID(),
    name: i.name,
    createdAt: i.createdAt,
    visibility: i.visibility ?? 'public',
    hidden: i.hidden ?? false,
    properties: i.properties ?? {},
  }));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', INSERT, layout(cloud.dir).glanceDb, cloud.projectIds[owner]], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`seeding ${rows.length} images into Glance's database failed (${code}): ${stderr}`)),
    );
    child.stdin.end(JSON.stringify(rows));
  });
  return rows.map((r) => r.id);
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` for Glance's sqlite, from epoch microseconds. */
export function dbTime(epochMicros: number): string {
  const ms = Math.floor(epochMicros / 1000);
  const micros = String(epochMicros % 1_000_000).padStart(6, '0');
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}.${micros}`;
}

/** Remove images seeded by seedImagesInDb (deleting 10,000 through the API would take minutes). */
export async function removeImagesFromDb(cloud: LocalCloud, ids: readonly string[]): Promise<void> {
  const script = `
import json, sqlite3, sys
ids = [(i,) for i in json.load(sys.stdin)]
c = sqlite3.connect(sys.argv[1], timeout=60)
with c:
    c.executemany("delete from image_properties where image_id = ?", ids)
    c.executemany("delete from images where id = ?", ids)
`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', script, layout(cloud.dir).glanceDb], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`removing images from Glance's database failed (${code}): ${stderr}`))));
    child.stdin.end(JSON.stringify(ids));
  });
}
