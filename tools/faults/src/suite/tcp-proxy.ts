import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A loopback TCP proxy that can pause (hold every byte both ways, connections
 * open: a network stall) and resume, or cut and restore (an outage), so a
 * fault run or a test can stage them without touching the server others use.
 * The fault suite's broker advertises this proxy's port, so clients cannot
 * reconnect around a stall. Also the test helpers' proxy.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<[Socket, Socket]>();
  private paused = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      for (const s of pair) {
        s.on("close", () => {
          this.pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        });
        s.on("error", () => s.destroy());
      }
      // A connection opened during a stall stalls too.
      if (!this.paused) connect(pair);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    this.server = server;
    const addr = server.address();
    this.port = typeof addr === "object" && addr ? addr.port : port;
    return this.port;
  }

  /** Stops reading from both sides of every connection, new ones included; nothing is dropped. */
  pause(): void {
    this.paused = true;
    for (const pair of this.pairs) disconnect(pair);
  }

  resume(): void {
    this.paused = false;
    for (const pair of this.pairs) connect(pair);
  }

  /** Closes the listener and every connection. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const pair of this.pairs) for (const s of pair) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    await this.start(this.port);
  }
}

// Unpiped rather than only paused: pipe() resumes a paused source on its destination's 'drain'.
function connect([client, upstream]: [Socket, Socket]): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

function disconnect([client, upstream]: [Socket, Socket]): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
