// Runs once per server process before it serves requests: apply pending migrations,
// and flush buffered writes when the process is asked to stop.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/lifecycle");
  await startServer();
}
