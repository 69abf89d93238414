/** Request and response schemas of the loyalty routes. */
import { z } from 'zod';

const amount = z.string().max(40).describe('Decimal string with the currency’s minor digits');
const count = z.number().int().min(1).max(1_000_000_000);

const expiry = z.strictObject({
  period: z.number().int().min(1).max(100),
  unit: z.enum(['months', 'years']),
});

export const settingsInput = z.strictObject({
  enabled: z.boolean().optional(),
  name: z.string().trim().min(1).max(40).optional().describe('Shown to customers, e.g. "Points"'),
  amountPerPoint: amount.optional().describe('Amount spent for one point; points = floor(amount charged / this)'),
  minOrderToEarn: amount.optional().describe('Sales charged less than this earn nothing'),
  maxPointsPerOrder: count.nullable().optional().describe('Most points one sale earns; null: no cap'),
  pointValue: amount.optional().describe('What one point is worth when redeemed'),
  minOrderToRedeem: amount.optional().describe('Sales below this total cannot redeem'),
  minPointsToRedeem: count.nullable().optional().describe('The customer needs at least this many points before any redemption'),
  maxPointsPerOrderRedeem: count.nullable().optional().describe('Most points one sale redeems; null: no cap'),
  expiry: expiry.nullable().optional().describe('How long earned points stay valid; null: they never expire'),
});

export const settingsView = z.object({
  enabled: z.boolean(),
  name: z.string(),
  amountPerPoint: z.string(),
  minOrderToEarn: z.string(),
  maxPointsPerOrder: z.number().nullable(),
  pointValue: z.string(),
  minOrderToRedeem: z.string(),
  minPointsToRedeem: z.number().nullable(),
  maxPointsPerOrderRedeem: z.number().nullable(),
  expiry: z.object({ period: z.number(), unit: z.enum(['months', 'years']) }).nullable(),
});

export const contactLoyaltyView = z.object({
  points: z.number(),
  lots: z.array(
    z.object({ earnedOn: z.string(), expiresOn: z.string().nullable(), points: z.number(), remaining: z.number() }),
  ),
  history: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      type: z.string(),
      points: z.number(),
      shortfall: z.number(),
      documentId: z.string().nullable(),
      documentReference: z.string().nullable(),
      reason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const adjustmentInput = z.strictObject({
  points: z.number().int().min(-1_000_000_000).max(1_000_000_000).describe('Points to add (positive) or remove (negative)'),
  reason: z.string().trim().min(1).max(500),
});

export type SettingsInput = z.infer<typeof settingsInput>;
