// A free TCP port on 127.0.0.1, for servers the tests start themselves (redis-server, PostgreSQL, the bot's own
// HTTP server): the OS picks one, we close it and hand its number on.
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
