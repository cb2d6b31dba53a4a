import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { campaigns, users } from '../src/server/db/schema/index.js';
import { provisionWorkspace } from '../src/server/workspaces/provision.js';

/**
 * A fresh database for the prospects benches: PGlite in a temp folder, or (DATABASE_URL set) that
 * Postgres database dropped and re-created first, so every run measures the same thing.
 */
export async function openBenchDatabase(): Promise<{ database: Database; label: string; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = new URL(url).pathname.slice(1);
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}"`);
    await sql.end();
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
    return { database, label: `Postgres (${name})`, cleanup: () => database.close() };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sm-bench-prospects-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  return {
    database,
    label: 'PGlite',
    async cleanup() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createBenchWorkspace(database: Database, campaignNames: string[] = []) {
  const workspaceId = randomUUID();
  return database.withWorkspace(workspaceId, async (db) => {
    const [user] = await db.insert(users).values({ email: `bench-${workspaceId}@example.com`, name: 'Bench', passwordHash: 'x' }).returning({ id: users.id });
    await provisionWorkspace(db, { workspaceId, name: 'Bench', ownerUserId: user!.id, ownerName: 'Bench' });
    const campaignIds: string[] = [];
    for (const name of campaignNames) {
      const [row] = await db.insert(campaigns).values({ workspaceId, name }).returning({ id: campaigns.id });
      campaignIds.push(row!.id);
    }
    return { workspaceId, userId: user!.id, campaignIds };
  });
}

/** A seeded pseudo-random generator: the same file every run. */
export function random(seed = 42) {
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

export const FIRST = ['Alice', 'Bruno', 'Chloé', 'David', 'Emma', 'Farid', 'Gabrielle', 'Hugo', 'Inès', 'Julien', 'Karim', 'Léa', 'Mathis', 'Nora', 'Olivier', 'Pauline', 'Quentin', 'Romane', 'Samuel', 'Théo', 'Anna', 'Ben', 'Clara', 'Daniel', 'Eva', 'Felix', 'Grace', 'Henry', 'Isla', 'Jack'];
export const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson'];
export const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Cyberdyne', 'Soylent', 'Tyrell', 'Vandelay', 'Massive Dynamic', 'Aperture', 'Black Mesa', 'Oscorp', 'Pied Piper', 'Dunder Mifflin', 'Gringotts', 'Monarch', 'Nakatomi'];
export const TITLES = ['CEO', 'CTO', 'Head of Sales', 'VP Marketing', 'Growth Lead', 'Sales Director', 'COO', 'Head of Operations', 'Founder', 'Business Developer', 'Directeur Commercial', 'Responsable Marketing'];
export const INDUSTRIES = ['Software', 'Fintech', 'E-commerce', 'Logistics', 'Healthcare', 'Education', 'Manufacturing', 'Media'];
export const CITIES = ['Paris', 'Lyon', 'Bordeaux', 'Lille', 'Nantes', 'London', 'Berlin', 'Brussels', 'Geneva', 'Montréal'];
export const TAGS = ['saas', 'enterprise', 'smb', 'warm', 'event-2026', 'partner', 'inbound', 'priority'];

/** An Apollo-style export of `rows` people (`idPrefix` makes the people of several files distinct) (some without email, a few duplicates and bad rows, as real files have). */
export function generateApolloCsv(rows: number, seed = 42, idPrefix = ''): string {
  const r = random(seed);
  const lines = ['First Name,Last Name,Title,Company,Email,Email Status,Person Linkedin Url,Website,Industry,City,Country,Tags,# Employees,Keywords'];
  const ascii = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  for (let i = 0; i < rows; i++) {
    const roll = r.next();
    // 1% repeat an earlier person, 0.5% have a broken email, 5% have only a LinkedIn URL.
    const n = roll < 0.01 && i > 0 ? Math.floor(r.next() * i) : i;
    const person = random(seed + n * 7919);
    const first = person.pick(FIRST);
    const last = person.pick(LAST);
    const company = person.pick(COMPANIES);
    const domain = `${ascii(company)}.example`;
    const email = roll >= 0.01 && roll < 0.015 ? `broken-${i}@` : person.next() > 0.95 ? '' : `${ascii(first)}.${ascii(last)}.${idPrefix}${n}@${domain}`;
    const tags = r.next() < 0.4 ? `"${r.pick(TAGS)}, ${r.pick(TAGS)}"` : '';
    lines.push(
      [first, last, r.pick(TITLES), company, email, r.next() < 0.8 ? 'Verified' : 'Guessed', `https://www.linkedin.com/in/${ascii(first)}-${ascii(last)}-${idPrefix}${n}`, `https://www.${domain}`, r.pick(INDUSTRIES), r.pick(CITIES), 'France', tags, String(10 + Math.floor(r.next() * 5000)), '"b2b, outbound"'].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
