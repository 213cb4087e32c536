// Starts the dynalite DynamoDB emulator (in memory) on 127.0.0.1:<port>.
// Usage: node start-dynamodb.mjs --port <n>
import dynalite from "dynalite";
import { LOOPBACK, announceReady, exitWithParent, failStart, parsePort } from "./lifecycle.mjs";

const name = "dynamodb";
const port = parsePort();
exitWithParent(name);

// Tables go ACTIVE at once (dynalite's default keeps them CREATING for 500 ms), so tests need no
// wait loop; no `path`, so the store lives in memory and disappears with the process.
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.on("error", (error) => failStart(name, error));
server.listen(port, LOOPBACK, () => announceReady(name, port));
