// The floor for the spray scenario of bench/pressure.mts: Node.js's HTTP server with no app
// at all, 200 for the one key it knows (BARE_KEY), 401 for any other. Whatever share of its
// time a one-connection client keeps while ten connections spray made-up keys here, no app
// on this server can beat. Run: PORT=… BARE_KEY=… node bench/peers/bare-http.mjs
import http from "node:http";

const valid = `Bearer ${process.env.BARE_KEY}`;
http
  .createServer((req, res) => {
    const known = req.headers.authorization === valid;
    res.writeHead(known ? 200 : 401, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(known ? '{"keyId":"bare"}' : '{"error":{"code":"unauthorized"}}');
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
