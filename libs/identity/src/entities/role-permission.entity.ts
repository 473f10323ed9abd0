import { Entity, PrimaryColumn } from 'typeorm';

/** Permissions are data: which role may do what is a row here, seeded by migration. */
@Entity('role_permissions')
export class RolePermission {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  role: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  permission: string;
}
