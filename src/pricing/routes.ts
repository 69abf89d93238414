/** Products and selling price groups: parse, call the use case, reply. */
import type { Deps, ZodApp } from '../server/app.ts';
import { actorOf } from '../ledger/actor.ts';
import { inTransaction } from '../ledger/http.ts';
import { loadBusiness } from '../ledger/business.ts';
import { createProduct } from './create-product.ts';
import { deleteProduct } from './delete-product.ts';
import { listProducts } from './list-products.ts';
import {
  createPriceGroup,
  deletePriceGroup,
  listPriceGroups,
  readPriceGroup,
  updatePriceGroup,
} from './price-groups.ts';
import { productTransferRoutes } from './product-transfer-routes.ts';
import { readProduct } from './products.ts';
import {
  idParams,
  pageOf,
  priceGroupCreate,
  priceGroupUpdate,
  priceGroupView,
  productCreate,
  productUpdate,
  productView,
  searchQuery,
} from './schemas.ts';
import { updateProduct } from './update-product.ts';
import { customerGroupRoutes } from './group-routes.ts';
import { saleCustomerRoute } from './sale-customer-route.ts';

export async function pricingRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;
  const tags = ['products'];

  app.get('/api/v1/products', {
    schema: { tags, summary: 'List products by name; q matches part of the SKU or the name', querystring: searchQuery, response: { 200: pageOf(productView) } },
  }, async (request) => listProducts(db, actorOf(request), request.query));

  app.post('/api/v1/products', {
    config: { permission: 'product.manage' },
    schema: { tags, summary: 'Create a product (permission product.manage)', body: productCreate, response: { 201: productView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.status(201).send(await inTransaction(deps.db, (trx) => createProduct(trx, actor, request.body)));
  });

  app.get('/api/v1/products/:id', {
    schema: { tags, summary: 'Read a product with its group prices', params: idParams, response: { 200: productView } },
  }, async (request) => {
    const actor = actorOf(request);
    const business = await loadBusiness(db, actor.businessId);
    return readProduct(db, actor.businessId, request.params.id, business.currency);
  });

  app.patch('/api/v1/products/:id', {
    config: { permission: 'product.manage' },
    schema: { tags, summary: 'Change part of a product; prices, when sent, replaces them all', params: idParams, body: productUpdate, response: { 200: productView } },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => updateProduct(trx, actor, request.params.id, request.body));
  });

  app.delete('/api/v1/products/:id', {
    config: { permission: 'product.manage' },
    schema: { tags, summary: 'Delete a product no document uses (409 product_in_use otherwise)', params: idParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await inTransaction(deps.db, (trx) => deleteProduct(trx, actor, request.params.id));
    return reply.status(204).send();
  });

  const groupTags = ['price-groups'];
  app.get('/api/v1/price-groups', {
    schema: { tags: groupTags, summary: 'List selling price groups by name', querystring: searchQuery, response: { 200: pageOf(priceGroupView) } },
  }, async (request) => listPriceGroups(db, actorOf(request), request.query));

  app.post('/api/v1/price-groups', {
    config: { permission: 'pricing.manage' },
    schema: { tags: groupTags, summary: 'Create a selling price group (permission pricing.manage)', body: priceGroupCreate, response: { 201: priceGroupView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.status(201).send(await inTransaction(deps.db, (trx) => createPriceGroup(trx, actor, request.body)));
  });

  app.get('/api/v1/price-groups/:id', {
    schema: { tags: groupTags, summary: 'Read a selling price group', params: idParams, response: { 200: priceGroupView } },
  }, async (request) => readPriceGroup(db, actorOf(request), request.params.id));

  app.patch('/api/v1/price-groups/:id', {
    config: { permission: 'pricing.manage' },
    schema: { tags: groupTags, summary: 'Change a selling price group', params: idParams, body: priceGroupUpdate, response: { 200: priceGroupView } },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => updatePriceGroup(trx, actor, request.params.id, request.body));
  });

  app.delete('/api/v1/price-groups/:id', {
    config: { permission: 'pricing.manage' },
    schema: { tags: groupTags, summary: 'Delete a price group and its prices (409 price_group_in_use while a customer group follows it)', params: idParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await inTransaction(deps.db, (trx) => deletePriceGroup(trx, actor, request.params.id));
    return reply.status(204).send();
  });

  await productTransferRoutes(app, deps);
  await customerGroupRoutes(app, deps);
  await saleCustomerRoute(app, deps);
}
