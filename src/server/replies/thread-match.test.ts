import { describe, expect, it } from 'vitest';
import { companyDomainOf, matchThread, type OutboundMessageRef, type ThreadLookup, type ThreadMatchInput } from './thread-match.js';

/** The caller's lookups, over arrays: what the SQL will answer, without a database. */
function memoryLookup(own: string[], outbound: OutboundMessageRef[]): ThreadLookup & { calls: string[] } {
  const calls: string[] = [];
  const domainOf = (ref: OutboundMessageRef) => ref.prospectCompanyDomain ?? ref.prospectEmail.split('@')[1];
  return {
    calls,
    ownAddresses: () => Promise.resolve(own),
    outboundByMessageIds: (ids) => {
      calls.push(`ids:${ids.join(',')}`);
      return Promise.resolve(outbound.filter((ref) => ids.includes(ref.messageId)));
    },
    outboundToAddress: (address) => {
      calls.push(`address:${address}`);
      return Promise.resolve(outbound.filter((ref) => ref.prospectEmail === address));
    },
    outboundToDomain: (domain) => {
      calls.push(`domain:${domain}`);
      return Promise.resolve(outbound.filter((ref) => domainOf(ref) === domain));
    },
  };
}

const ref = (id: string, overrides: Partial<OutboundMessageRef> = {}): OutboundMessageRef => ({
  id,
  messageId: `<${id}@ourco.example>`,
  prospectId: 'p-bob',
  prospectEmail: 'bob@prospect.example',
  prospectCompanyDomain: 'prospect.example',
  campaignId: 'c-1',
  mailboxAddress: 'alice@ourco.example',
  sentAt: new Date('2025-01-10T09:00:00Z'),
  ...overrides,
});

const OWN = ['alice@ourco.example', 'sales@ourco.example'];
const OUTBOUND = [
  ref('out-1'),
  ref('out-2', { sentAt: new Date('2025-01-12T09:00:00Z') }),
  ref('out-3', { sentAt: new Date('2025-01-11T09:00:00Z'), mailboxAddress: 'sales@ourco.example', campaignId: 'c-2' }),
  ref('gm-1', { prospectId: 'p-gmail', prospectEmail: 'zoe@gmail.com', prospectCompanyDomain: null }),
];

const inbound = (overrides: Partial<ThreadMatchInput> = {}): ThreadMatchInput => ({
  messageId: '<reply@prospect.example>',
  inReplyTo: null,
  references: [],
  from: { address: 'bob@prospect.example', name: 'Bob' },
  to: [{ address: 'alice@ourco.example', name: '' }],
  cc: [],
  ...overrides,
});

describe('matchThread', () => {
  it('matches by In-Reply-To first', async () => {
    const verdict = await matchThread(inbound({ inReplyTo: '<out-1@ourco.example>', references: ['<out-2@ourco.example>'] }), memoryLookup(OWN, OUTBOUND));
    expect(verdict).toMatchObject({ kind: 'reply', reason: 'matched_by_in_reply_to', outbound: { id: 'out-1' }, senderIsProspect: true });
  });

  it('then by References, the newest of ours first, when In-Reply-To is someone else’s', async () => {
    const verdict = await matchThread(
      inbound({ inReplyTo: '<colleague@prospect.example>', references: ['<out-1@ourco.example>', '<out-2@ourco.example>', '<colleague@prospect.example>'] }),
      memoryLookup(OWN, OUTBOUND),
    );
    expect(verdict).toMatchObject({ kind: 'reply', reason: 'matched_by_references', outbound: { id: 'out-2' } });
  });

  it('then by sender: the most recent outbound, preferring the mailbox the reply was sent to', async () => {
    const lookup = memoryLookup(OWN, OUTBOUND);
    expect(await matchThread(inbound({ inReplyTo: '<unknown@elsewhere.example>' }), lookup)).toMatchObject({ kind: 'reply', reason: 'matched_by_sender', outbound: { id: 'out-2' } });
    const toSales = await matchThread(inbound({ to: [{ address: 'sales@ourco.example', name: '' }] }), lookup);
    expect(toSales).toMatchObject({ reason: 'matched_by_sender', outbound: { id: 'out-3', campaignId: 'c-2' } });
  });

  it('counts a colleague at the prospect’s company (and its subdomains), not a stranger', async () => {
    const lookup = memoryLookup(OWN, OUTBOUND);
    const colleague = await matchThread(inbound({ from: { address: 'carol@prospect.example', name: '' } }), lookup);
    expect(colleague).toMatchObject({ kind: 'reply', reason: 'matched_by_company_domain', outbound: { id: 'out-2' }, senderIsProspect: false });
    const subsidiary = await matchThread(inbound({ from: { address: 'dan@eu.prospect.example', name: '' }, inReplyTo: '<out-1@ourco.example>' }), lookup);
    expect(subsidiary).toMatchObject({ kind: 'reply', reason: 'matched_by_in_reply_to', senderIsProspect: false });
    const stranger = await matchThread(inbound({ from: { address: 'eve@other.example', name: '' }, inReplyTo: '<out-1@ourco.example>' }), lookup);
    expect(stranger).toEqual({ kind: 'not_reply', reason: 'not_from_prospect' });
  });

  it('never treats a free-mail domain as a company: another gmail.com user is unknown', async () => {
    const lookup = memoryLookup(OWN, OUTBOUND);
    expect(await matchThread(inbound({ from: { address: 'zoe@gmail.com', name: '' } }), lookup)).toMatchObject({ kind: 'reply', outbound: { id: 'gm-1' } });
    expect(await matchThread(inbound({ from: { address: 'max@gmail.com', name: '' } }), lookup)).toEqual({ kind: 'not_reply', reason: 'unknown_thread' });
    expect(await matchThread(inbound({ from: { address: 'max@gmail.com', name: '' }, inReplyTo: '<gm-1@ourco.example>' }), lookup)).toEqual({ kind: 'not_reply', reason: 'not_from_prospect' });
    expect(lookup.calls).not.toContain('domain:gmail.com');
    expect(companyDomainOf('a@Orange.fr', null)).toBeNull();
    expect(companyDomainOf('a@gmail.com', 'www.Acme.example')).toBe('acme.example');
  });

  it('never counts our own messages: From one of our mailboxes, or a Message-ID we sent', async () => {
    const lookup = memoryLookup(OWN, OUTBOUND);
    const fromUs = await matchThread(inbound({ from: { address: 'Sales@OurCo.example', name: '' }, inReplyTo: '<out-1@ourco.example>' }), lookup);
    expect(fromUs).toEqual({ kind: 'not_reply', reason: 'own_message' });
    const sentCopy = await matchThread(inbound({ messageId: '<out-2@ourco.example>', from: { address: 'bob@prospect.example', name: '' } }), lookup);
    expect(sentCopy).toEqual({ kind: 'not_reply', reason: 'own_message' });
  });

  it('requires the message to reach one of our mailboxes (To, Cc, or the mailbox it was read from)', async () => {
    const lookup = memoryLookup(OWN, OUTBOUND);
    const elsewhere = inbound({ to: [{ address: 'someone@else.example', name: '' }], inReplyTo: '<out-1@ourco.example>' });
    expect(await matchThread(elsewhere, lookup)).toEqual({ kind: 'not_reply', reason: 'not_to_campaign_mailbox' });
    expect(await matchThread({ ...elsewhere, cc: [{ address: 'alice@ourco.example', name: '' }] }, lookup)).toMatchObject({ kind: 'reply' });
    expect(await matchThread({ ...elsewhere, receivedBy: 'alice@ourco.example' }, lookup)).toMatchObject({ kind: 'reply' });
  });

  it('answers no_sender and unknown_thread rather than guessing', async () => {
    const lookup = memoryLookup(OWN, OUTBOUND);
    expect(await matchThread(inbound({ from: null }), lookup)).toEqual({ kind: 'not_reply', reason: 'no_sender' });
    expect(await matchThread(inbound({ from: { address: 'new@unknown.example', name: '' } }), lookup)).toEqual({ kind: 'not_reply', reason: 'unknown_thread' });
  });
});
