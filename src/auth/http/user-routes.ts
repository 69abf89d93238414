/** User accounts, roles and the permission catalogue; all need `users.manage`. */
import type { FastifyRequest } from 'fastify';
import type { Deps, ZodApp } from '../../server/app.ts';
import { type AuthContext, requireAuth } from '../context.ts';
import { createUser, userInput } from '../create-user.ts';
import { pageQuery } from '../list-page.ts';
import { requirePermission } from '../permissions.ts';
import { createRole, deleteRole, roleInput, rolePatch, updateRole } from '../role-changes.ts';
import { getRole, listRoles, permissionCatalogue } from '../roles.ts';
import { updateUser, userPatch } from '../update-user.ts';
import { getUser, listUsers } from '../users.ts';
import { idParams, noContent, pageOf, permissionJson, roleJson, userJson } from './schemas.ts';

function userManager(request: FastifyRequest): AuthContext {
  const auth = requireAuth(request);
  requirePermission(auth, 'users.manage');
  return auth;
}

export async function userRoutes(app: ZodApp, { db }: Deps): Promise<void> {
  const kysely = db.kysely;

  app.get('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: { tags: ['users'], summary: 'List the users, by name', querystring: pageQuery, response: { 200: pageOf(userJson) } },
  }, async (request) => listUsers(kysely, userManager(request), request.query));

  app.post('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['users'],
      summary: 'Create a user',
      description: 'The email address must be unused in every business (409 email_taken).',
      body: userInput,
      response: { 201: userJson },
    },
  }, async (request, reply) => reply.status(201).send(await createUser(kysely, userManager(request), request.body)));

  app.get('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: { tags: ['users'], summary: 'Read a user', params: idParams, response: { 200: userJson } },
  }, async (request) => getUser(kysely, userManager(request).businessId, request.params.id));

  app.patch('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['users'],
      summary: 'Change, reset the password of, or deactivate a user',
      description: 'No one deactivates themselves (409 self_deactivation); the last active admin stays (409 last_admin).',
      params: idParams,
      body: userPatch,
      response: { 200: userJson },
    },
  }, async (request) => updateUser(db, userManager(request), request.params.id, request.body));

  app.get('/api/v1/roles', {
    config: { permission: 'users.manage' },
    schema: { tags: ['roles'], summary: 'List the roles, by name', querystring: pageQuery, response: { 200: pageOf(roleJson) } },
  }, async (request) => listRoles(kysely, userManager(request), request.query));

  app.post('/api/v1/roles', {
    config: { permission: 'users.manage' },
    schema: { tags: ['roles'], summary: 'Create a role', body: roleInput, response: { 201: roleJson } },
  }, async (request, reply) => reply.status(201).send(await createRole(kysely, userManager(request), request.body)));

  app.get('/api/v1/roles/:id', {
    config: { permission: 'users.manage' },
    schema: { tags: ['roles'], summary: 'Read a role', params: idParams, response: { 200: roleJson } },
  }, async (request) => getRole(kysely, userManager(request).businessId, request.params.id));

  app.patch('/api/v1/roles/:id', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['roles'],
      summary: 'Rename a role or change its permissions',
      description: 'The admin role can only be renamed (409 admin_role_locked).',
      params: idParams,
      body: rolePatch,
      response: { 200: roleJson },
    },
  }, async (request) => updateRole(kysely, userManager(request), request.params.id, request.body));

  app.delete('/api/v1/roles/:id', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['roles'],
      summary: 'Delete a role that no user has',
      description: '409 role_in_use while users have it; 409 admin_role_locked for the admin role.',
      params: idParams,
      response: { 204: noContent },
    },
  }, async (request, reply) => {
    await deleteRole(kysely, userManager(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/permissions', {
    config: { permission: 'users.manage' },
    schema: { tags: ['roles'], summary: 'The permission catalogue', response: { 200: permissionJson.array() } },
  }, async (request) => {
    userManager(request);
    return permissionCatalogue();
  });
}
