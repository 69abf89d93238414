/** Usable loyalty points as a subquery, for statements that list contacts beside their points. */
import { type RawBuilder, sql } from 'kysely';

/**
 * Builds the usable points of the contact `contactId` on `today`, counted as
 * `loyaltyPointsFor` counts them: lots with points left whose date has not
 * passed. The sum is a numeric string on PostgreSQL.
 */
export function usablePointsSql(businessId: string, contactId: RawBuilder<unknown>, today: string): RawBuilder<number | string> {
  return sql<number | string>`(select coalesce(sum(loyalty_lots.remaining), 0) from loyalty_lots
    where loyalty_lots.business_id = ${businessId} and loyalty_lots.contact_id = ${contactId}
    and loyalty_lots.remaining > 0
    and (loyalty_lots.expires_on is null or loyalty_lots.expires_on > ${today}))`;
}
