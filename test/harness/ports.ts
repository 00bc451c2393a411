// Free TCP ports on 127.0.0.1, chosen by the kernel (bind to port 0), so a developer's own
// Keystone on 5000 or a second test run never collides with ours.
import net from 'node:net';

/** Reserve `count` distinct free ports; all are held open until every one is known, then released. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, host, () => resolve());
      });
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') throw new Error('unexpected server address');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}

/** Throws if something already listens on host:port (else our health checks would talk to it). */
export async function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  const srv = net.createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`port ${host}:${port} is in use (${e.code}); omit the port option to get a free one`)));
    srv.listen(port, host, () => resolve());
  });
  await new Promise<void>((r) => srv.close(() => r()));
}
