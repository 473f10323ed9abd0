import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may do what: permissions are data. Learners learn; trainers also read answer keys, author and see reports; admins do everything. */
export class SeedRolePermissions1795343900000 implements MigrationInterface {
  name = 'SeedRolePermissions1795343900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO role_permissions (role, permission) VALUES
        ('learner', 'learn'),
        ('trainer', 'learn'), ('trainer', 'answer_keys:read'), ('trainer', 'courses:author'), ('trainer', 'reports:read'),
        ('admin', 'learn'), ('admin', 'answer_keys:read'), ('admin', 'courses:author'), ('admin', 'reports:read'),
        ('admin', 'users:manage'), ('admin', 'verifiers:manage'), ('admin', 'certificates:revoke'),
        ('admin', 'certificates:read_any'), ('admin', 'audit:read')
      ON CONFLICT DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM role_permissions`);
  }
}
