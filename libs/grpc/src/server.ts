import type { Server, ServerCredentials } from "@grpc/grpc-js";

/** Binds and resolves with the port actually bound (useful with port 0 in tests). */
export function bindServer(server: Server, address: string, credentials: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (err, port) => (err ? reject(err) : resolve(port)));
  });
}

/** Graceful shutdown bounded by `timeoutMs`, then a forced one. */
export function shutdownServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, timeoutMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Ends a server stream with a status. grpc-js sends the status only through
 * the stream's 'error' listener; `destroy(err)` would drop the connection
 * without one and leave the client guessing.
 */
export function failStream(call: NodeJS.EventEmitter, error: { code: number; details: string }): void {
  call.emit("error", Object.assign(new Error(error.details), error));
}
