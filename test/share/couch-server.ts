// A CouchDB-protocol server for the sharing tests: pouchdb-server (CouchDB's HTTP and replication
// API over PouchDB), its databases in LevelDB files in a temporary folder (so that a restart keeps
// them, as a real CouchDB's does), on 127.0.0.1, started by the test that needs it. Set
// VERBATIM_COUCH_URL (e.g. http://admin:secret@127.0.0.1:5984) to run against a server started
// elsewhere (CI's, or a real CouchDB); a test that stops and restarts the server starts its own.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

export interface CouchServer {
  /** Base URL ending in "/", for database URLs like `${url}team`. */
  url: string;
  /** Stop the server and delete its databases. */
  stop(): Promise<void>;
  /** Stop and start again on the same port, databases kept: a server restart as a client sees it. */
  restart(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode}): ${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server did not answer at ${url} within 30 s: ${log()}`);
}

/** Whether this machine can run the sharing tests against a server, and if not, why. */
export function couchServerMissing(): string | null {
  if (process.env.VERBATIM_COUCH_URL) return null;
  return fs.existsSync(BIN) ? null : `pouchdb-server is not installed (${BIN})`;
}

/** `own`: start a server here even when VERBATIM_COUCH_URL names one (to stop and restart it). */
export async function startCouchServer({ own = false } = {}): Promise<CouchServer> {
  const external = own ? undefined : process.env.VERBATIM_COUCH_URL;
  if (external) return { url: external.endsWith('/') ? external : `${external}/`, stop: async () => undefined, restart: async () => undefined };
  const port = await freePort();
  // pouchdb-server writes its config and log into its working folder: keep them out of the repo.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-couch-'));
  let child: ChildProcess;
  let out = '';
  const url = `http://127.0.0.1:${port}/`;
  const launch = async () => {
    out = '';
    child = spawn(process.execPath, [BIN, '--dir', dir, '--host', '127.0.0.1', '--port', String(port), '--no-color'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (out = (out + d).slice(-2000)));
    child.stderr?.on('data', (d) => (out = (out + d).slice(-2000)));
    await waitUntilUp(url, child, () => out);
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  await launch();
  return {
    url,
    async stop() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await kill();
      await launch();
    },
  };
}
