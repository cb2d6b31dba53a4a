import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { migratePostgres } from '../../src/server/db/migrate.js';
import { adminUrl, TEST_TMP, writePgliteTemplate } from '../helpers/test-db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it
 * (a PGlite data-dir dump, or CREATE DATABASE … TEMPLATE on Postgres): fast and isolated.
 */
export default async function setup(project: TestProject) {
  mkdirSync(TEST_TMP, { recursive: true });
  const url = process.env.DATABASE_URL;
  if (url) {
    const base = new URL(url).pathname.slice(1) || 'sales_machine_test';
    const template = `${base}_tpl`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await dropDatabasesWithPrefix(admin, base);
    await admin.unsafe(`create database "${template}"`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    await migratePostgres(templateUrl.toString());
    project.provide('postgresTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      await dropDatabasesWithPrefix(admin, base);
      await admin.end();
    };
  }
  const file = path.join(TEST_TMP, `pglite-template-${process.pid}.tar.gz`);
  await writePgliteTemplate(file);
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => rmSync(file, { force: true });
}

async function dropDatabasesWithPrefix(admin: postgres.Sql, base: string) {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${base}\\_%`}`;
  for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
}
