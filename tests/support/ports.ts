import net from 'node:net';

/** Listens on `port` (0: any) on loopback and answers the port it got, or null when it is taken. */
function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' || e.code === 'EACCES' ? resolve(null) : reject(e)));
    srv.listen(port, '127.0.0.1', () => {
      const { port: got } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(got));
    });
  });
}

/** A TCP port nobody listens on right now (on loopback). */
export async function freePort(): Promise<number> {
  return (await tryListen(0))!;
}

export async function isPortFree(port: number): Promise<boolean> {
  return (await tryListen(port)) !== null;
}
