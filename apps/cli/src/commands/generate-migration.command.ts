import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '@themis/core';
import { dataSourceOptions, startEmbeddedPostgres } from '@themis/database';

/**
 * `npm run migration:generate -- Name`: applies the existing migrations to a scratch
 * embedded PostgreSQL, diffs the entities against it with TypeORM's schema builder
 * and writes the difference as a new migration in migrations/.
 */
export async function generateMigration(args: string[]): Promise<number> {
  const name = args[0];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- PascalCaseName');
    return 2;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-migrate-'));
  fs.chmodSync(scratch, 0o755);
  const db = await startEmbeddedPostgres(scratch);
  const ds = new DataSource(dataSourceOptions(db.url));
  try {
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('The entities match the migrations: nothing to generate.');
      return 0;
    }
    const stamp = Date.now();
    const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const down = [...sql.downQueries].reverse().map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const file = path.join(projectRoot, 'migrations', `${stamp}-${name}.ts`);
    fs.writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = '${name}${stamp}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`wrote ${path.relative(process.cwd(), file)} (${sql.upQueries.length} statements)`);
    return 0;
  } finally {
    await ds.destroy().catch(() => undefined);
    await db.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
