import net from "node:net";

// A TCP proxy on loopback in front of PostgreSQL, so a test can cut one instance off
// from the database and restore it, two ways:
// - cut(): every open connection dropped, new ones refused (a server that went away);
// - blackhole(): nothing is closed and nothing gets through, in either direction, and
//   new connections are accepted but never answered (a silent network partition).
export async function startTcpProxy(target: { host: string; port: number }) {
  type Pair = { client: net.Socket; upstream?: net.Socket };
  const pairs = new Set<Pair>();
  let mode: "open" | "cut" | "blackhole" = "open";

  function link(pair: Pair): void {
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", () => {});
    upstream.on("close", () => pair.client.destroy());
    pair.client.on("close", () => upstream.destroy());
    pair.client.pipe(upstream).pipe(pair.client);
  }

  const server = net.createServer((client) => {
    if (mode === "cut") return client.destroy();
    const pair: Pair = { client };
    pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => pairs.delete(pair));
    if (mode === "blackhole") client.pause();
    else link(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      mode = "cut";
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream?.destroy();
      }
    },
    blackhole() {
      mode = "blackhole";
      for (const { client, upstream } of pairs) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    restore() {
      const wasBlackholed = mode === "blackhole";
      mode = "open";
      if (!wasBlackholed) return;
      for (const pair of pairs) {
        if (!pair.upstream) {
          link(pair);
          continue;
        }
        pair.client.pipe(pair.upstream).pipe(pair.client);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream?.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
