import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RolePermission } from '../entities/role-permission.entity';
import { Permission } from '../permissions';

/** Role → permissions, read once at boot: the table changes only by migration. */
@Injectable()
export class PermissionService implements OnModuleInit {
  private byRole = new Map<string, Set<string>>();

  constructor(@InjectRepository(RolePermission) private readonly rows: Repository<RolePermission>) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.rows.find();
    const map = new Map<string, Set<string>>();
    for (const r of rows) map.set(r.role, (map.get(r.role) ?? new Set()).add(r.permission));
    this.byRole = map;
  }

  has(role: string, permission: Permission): boolean {
    return this.byRole.get(role)?.has(permission) ?? false;
  }

  permissionsOf(role: string): string[] {
    return [...(this.byRole.get(role) ?? [])].sort();
  }
}
