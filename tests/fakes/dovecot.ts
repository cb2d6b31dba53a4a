import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { createImapClient } from '../../src/server/integrations/imap.js';

/**
 * A real IMAP server for tests: Debian's Dovecot (`apt-get install -y dovecot-imapd`), started
 * with a throw-away configuration on 127.0.0.1 and a free port, plain-text login (no TLS), one
 * user from a passwd file, Maildir storage in a temp folder. Dovecot refuses uid 0 for mail, so
 * as root the mail is owned by nobody (65534).
 *
 * Its runtime folder holds sockets: it lives under the OS temp folder, not the repository (a
 * socket in the tree makes the Tailwind scan of `vite build` hang).
 */
export const DOVECOT_BINARY = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

export type FakeImapServer = { host: string; port: number; user: string; password: string; root: string; stop(): Promise<void> };

/** Why the IMAP tests cannot run here, or null when they can. `REQUIRE_DOVECOT=1` turns a skip into a failure. */
export function dovecotUnavailableReason(): string | null {
  if (!existsSync(DOVECOT_BINARY)) return `Dovecot is not installed (${DOVECOT_BINARY}): apt-get install -y dovecot-imapd`;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server sends its IMAP greeting. */
async function waitForGreeting(port: number, child: ChildProcess, logFile: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : ''}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not answer on port ${port} within ${timeoutMs} ms`);
}

/** `withoutIdle`: the server does not advertise IDLE (RFC 2177), like the few that still lack it. */
export async function startDovecot(options: { user?: string; password?: string; withoutIdle?: boolean } = {}): Promise<FakeImapServer> {
  const reason = dovecotUnavailableReason();
  if (reason) throw new Error(reason);
  const user = options.user ?? 'tester';
  const password = options.password ?? 'imap-secret-pw';
  const root = mkdtempSync(path.join(tmpdir(), 'sm-dovecot-'));
  chmodSync(root, 0o755);
  const isRoot = process.getuid?.() === 0;
  const uid = isRoot ? 65534 : (process.getuid?.() ?? 1000);
  const gid = isRoot ? 65534 : (process.getgid?.() ?? 1000);
  const mail = path.join(root, 'mail');
  mkdirSync(path.join(mail, user), { recursive: true });
  if (isRoot) {
    chownSync(mail, uid, gid);
    chownSync(path.join(mail, user), uid, gid);
  }
  const port = await freePort();
  const logFile = path.join(root, 'dovecot.log');
  writeFileSync(path.join(root, 'users'), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  const unprivileged = isRoot
    ? ''
    : `default_login_user = ${process.env.USER ?? 'nobody'}\ndefault_internal_user = ${process.env.USER ?? 'nobody'}\n`;
  const config = `
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
${options.withoutIdle ? 'imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS NAMESPACE\n' : ''}# Real servers push new mail to an IDLE client within seconds; inotify usually does it here, this is the fallback.
mailbox_idle_check_interval = 1 secs
first_valid_uid = ${uid}
last_valid_uid = ${uid}
${unprivileged}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${mail}/%u
}
`;
  const configFile = path.join(root, 'dovecot.conf');
  writeFileSync(configFile, config, { mode: 0o644 });
  const check = spawnSync(DOVECOT_BINARY, ['-c', configFile, '-n'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`dovecot rejected the test configuration: ${check.stderr}`);
  const child = spawn(DOVECOT_BINARY, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForGreeting(port, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    root,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A connected client for setting the test mailbox up (append, create folders), built like the app's own. */
export async function connectImapAdmin(server: Pick<FakeImapServer, 'host' | 'port' | 'user' | 'password'>): Promise<ImapFlow> {
  const created = await createImapClient({ host: server.host, port: server.port, secure: false, plaintext: true, user: server.user, password: server.password, allowPrivate: true });
  if (!created.ok) throw new Error(created.error);
  await created.client.connect();
  return created.client;
}
