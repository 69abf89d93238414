import type { Kysely } from 'kysely';

/**
 * Gives the standard roles of existing businesses the message permissions
 * that new businesses get (src/auth/businesses.ts). A standard role is found
 * by its French or English name, as created, on a non-admin role; a renamed
 * role is left alone, since its admin chose its permissions. Permissions
 * already there are kept and none is removed.
 */
export const messagePermissionsByRole: { names: string[]; permissions: string[] }[] = [
  { names: ['Responsable', 'Manager'], permissions: ['message.send', 'message.templates'] },
  { names: ['Caissier', 'Cashier'], permissions: ['message.send'] },
];

export function messageRolePermissions() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await addMessagePermissions(db);
    },
  };
}

export async function addMessagePermissions(db: Kysely<any>): Promise<number> {
  let changed = 0;
  for (const { names, permissions } of messagePermissionsByRole) {
    const roles: { id: string; permissions: string }[] = await db
      .selectFrom('roles')
      .where('is_admin', '=', 0)
      .where('name', 'in', names)
      .select(['id', 'permissions'])
      .execute();
    for (const role of roles) {
      const current = JSON.parse(role.permissions) as string[];
      const missing = permissions.filter((permission) => !current.includes(permission));
      if (missing.length === 0) continue;
      await db
        .updateTable('roles')
        .set({ permissions: JSON.stringify([...current, ...missing]), updated_at: new Date().toISOString() })
        .where('id', '=', role.id)
        .execute();
      changed += 1;
    }
  }
  return changed;
}
