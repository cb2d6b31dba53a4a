/**
 * A separate OS process ticking the send engine for one workspace against the Postgres database at
 * argv[2], as a second instance would: used by the two-processes + kill -9 test.
 */
import { openDatabase } from '../../src/server/db/database.js';
import { runSendTick } from '../../src/server/sending/send-tick.service.js';
import { createTestServices } from './test-services.js';

const [url, workspaceId, dataDir, leaseMs, dnsServers] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
const services = await createTestServices(database, { LOG_LEVEL: 'silent', DATA_DIR: dataDir, ALLOW_PRIVATE_NETWORK_URLS: 'true', ...(dnsServers ? { DNS_SERVERS: dnsServers } : {}) });
process.stdout.write('ready\n');
for (;;) {
  await runSendTick({ inWorkspace: (fn) => database.withWorkspace(workspaceId, fn), config: services.config, secretBox: services.secretBox, logger: services.logger }, { leaseMs: Number(leaseMs) });
  await new Promise((resolve) => setTimeout(resolve, 50));
}
