/** The business's settings and its locations. */
import { z } from 'zod';
import type { Deps, ZodApp } from '../../server/app.ts';
import { businessPatch, getBusinessSettings, updateBusinessSettings } from '../business-settings.ts';
import { requireAuth } from '../context.ts';
import { pageQuery } from '../list-page.ts';
import {
  createLocation,
  findLocation,
  listLocations,
  locationInput,
  locationPatch,
  toLocationJson,
  updateLocation,
} from '../locations.ts';
import { requirePermission } from '../permissions.ts';
import { businessSettingsJson, idParams, locationJson, pageOf } from './schemas.ts';

const locationQuery = pageQuery.extend({
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

export async function businessRoutes(app: ZodApp, { db }: Deps): Promise<void> {
  const kysely = db.kysely;

  app.get('/api/v1/business', {
    config: { permission: 'settings.manage' },
    schema: {
      tags: ['business'],
      summary: 'Read the business settings',
      response: { 200: businessSettingsJson },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'settings.manage');
    return getBusinessSettings(kysely, auth);
  });

  app.patch('/api/v1/business', {
    config: { permission: 'settings.manage' },
    schema: {
      tags: ['business'],
      summary: 'Change the business settings',
      description: 'The currency can change only while the business has no contacts (409 currency_locked).',
      body: businessPatch,
      response: { 200: businessSettingsJson },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'settings.manage');
    return updateBusinessSettings(kysely, auth, request.body);
  });

  app.get('/api/v1/locations', {
    schema: {
      tags: ['locations'],
      summary: 'List the locations, by name',
      querystring: locationQuery,
      response: { 200: pageOf(locationJson) },
    },
  }, async (request) => listLocations(kysely, requireAuth(request), request.query));

  app.post('/api/v1/locations', {
    config: { permission: 'settings.manage' },
    schema: {
      tags: ['locations'],
      summary: 'Create a location',
      body: locationInput,
      response: { 201: locationJson },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'settings.manage');
    return reply.status(201).send(await createLocation(kysely, auth, request.body));
  });

  app.get('/api/v1/locations/:id', {
    schema: {
      tags: ['locations'],
      summary: 'Read a location',
      params: idParams,
      response: { 200: locationJson },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    return toLocationJson(await findLocation(kysely, auth.businessId, request.params.id));
  });

  app.patch('/api/v1/locations/:id', {
    config: { permission: 'settings.manage' },
    schema: {
      tags: ['locations'],
      summary: 'Change or deactivate a location',
      description: 'The last active location cannot be deactivated (409 last_active_location).',
      params: idParams,
      body: locationPatch,
      response: { 200: locationJson },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'settings.manage');
    return updateLocation(kysely, auth, request.params.id, request.body);
  });
}
