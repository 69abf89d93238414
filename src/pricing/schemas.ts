/** Request and response schemas of the product, price group and customer group routes. */
import { z } from 'zod';
import { integerParameter } from '../server/query-parameters.ts';

const id = z.string().min(1).max(100);
const amount = z.string().max(40).describe('Decimal string with the currency’s minor digits, e.g. "19.90"');

export const idParams = z.object({ id });

export const searchQuery = z.object({
  q: z.string().max(200).optional().describe('Part of the SKU or of the name, case and accents ignored'),
  active: z.enum(['true', 'false']).optional(),
  limit: integerParameter(1, 200, 50),
  cursor: z.string().max(500).optional(),
});

const priceInput = z.strictObject({ priceGroupId: id, price: amount.describe('Tax included') });

export const productCreate = z.strictObject({
  sku: z.string().trim().min(1).max(64).describe('Unique in the business'),
  name: z.string().trim().min(1).max(200),
  sellingPrice: amount.describe('Selling price, tax included'),
  taxRate: z.string().max(10).optional().describe('Percent, e.g. "20" or "5.5"; default 0'),
  isActive: z.boolean().optional(),
  prices: z.array(priceInput).max(100).optional().describe('Price per selling price group; replaces them all'),
});

export const productUpdate = productCreate.partial();

export const productView = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  sellingPrice: z.string(),
  taxRate: z.string(),
  isActive: z.boolean(),
  prices: z.array(z.object({ priceGroupId: z.string(), priceGroupName: z.string(), price: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const priceGroupCreate = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('Unique in the business, case and accents ignored'),
  description: z.string().trim().max(500).nullable().optional(),
  isActive: z.boolean().optional(),
});

export const priceGroupUpdate = priceGroupCreate.partial();

export const priceGroupView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const customerGroupCreate = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('Unique in the business, case and accents ignored'),
  calculation: z.enum(['percentage', 'price_group']),
  percentage: z
    .string()
    .max(10)
    .nullable()
    .optional()
    .describe('With percentage: taken off the selling price, e.g. "10" or "12.5"; negative ("-5") raises it'),
  priceGroupId: id.nullable().optional().describe('With price_group: the selling price group whose prices apply'),
});

export const customerGroupUpdate = customerGroupCreate.partial();

export const customerGroupView = z.object({
  id: z.string(),
  name: z.string(),
  calculation: z.enum(['percentage', 'price_group']),
  percentage: z.string().nullable(),
  priceGroupId: z.string().nullable(),
  priceGroupName: z.string().nullable(),
  contactCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const deleteGroupQuery = z.object({
  moveTo: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Where the group’s contacts go first: another group id, or "none" for no group'),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export type ProductCreate = z.infer<typeof productCreate>;
export type ProductUpdate = z.infer<typeof productUpdate>;
export type PriceGroupCreate = z.infer<typeof priceGroupCreate>;
export type PriceGroupUpdate = z.infer<typeof priceGroupUpdate>;
export type CustomerGroupCreate = z.infer<typeof customerGroupCreate>;
export type CustomerGroupUpdate = z.infer<typeof customerGroupUpdate>;
export type SearchQuery = z.infer<typeof searchQuery>;
