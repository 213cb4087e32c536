// Starts the fauxqs SQS emulator on 127.0.0.1:<port>.
// fauxqs' own CLI and startFauxqs() always listen on 0.0.0.0, so this builds the Fastify app
// with buildApp() and listens on loopback itself. Usage: node start-sqs.mjs --port <n>
import { buildApp } from "fauxqs";
import { LOOPBACK, announceReady, exitWithParent, failStart, parsePort } from "./lifecycle.mjs";

const name = "sqs";
const port = parsePort();
exitWithParent(name);

try {
  // Request logging off: one JSON line per call would drown the output the fixture keeps for errors.
  const app = buildApp({ logger: false, defaultRegion: "us-east-1" });
  await app.listen({ port, host: LOOPBACK });
  announceReady(name, port);
} catch (error) {
  failStart(name, error);
}
