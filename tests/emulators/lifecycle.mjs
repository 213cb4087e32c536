// Shared start-up plumbing for the emulator scripts: port argument, readiness line, exit rules.
// The test fixture reads the readiness line from stdout and keeps stdin open while it needs the
// emulator; when the test host exits (or is killed) the pipe closes and the emulator exits too.

/** The loopback address every emulator binds: never 0.0.0.0, so nothing is reachable from outside. */
export const LOOPBACK = "127.0.0.1";

/** Reads `--port <n>` from the command line; a real port is required because dynalite maps 0 to 4567. */
export function parsePort(argv = process.argv.slice(2)) {
  const index = argv.indexOf("--port");
  const port = index >= 0 ? Number.parseInt(argv[index + 1] ?? "", 10) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error("usage: node <script> --port <1-65535>");
    process.exit(2);
  }
  return port;
}

/** Prints the line the fixture waits for: `READY <name> http://127.0.0.1:<port>`. */
export function announceReady(name, port) {
  console.log(`READY ${name} http://${LOOPBACK}:${port}`);
}

/** Exits when stdin reaches end-of-file or on SIGTERM/SIGINT, so an orphaned emulator never lingers. */
export function exitWithParent(name) {
  const exit = (reason) => {
    console.log(`STOP ${name} (${reason})`);
    process.exit(0);
  };
  process.stdin.on("end", () => exit("stdin closed"));
  process.stdin.on("error", () => exit("stdin error"));
  process.stdin.resume();
  process.on("SIGTERM", () => exit("SIGTERM"));
  process.on("SIGINT", () => exit("SIGINT"));
}

/** Reports a start-up failure on stderr and exits non-zero, so the fixture can show why. */
export function failStart(name, error) {
  console.error(`FAILED ${name}: ${error?.stack ?? error}`);
  process.exit(1);
}
