/** A failed send, telling the outbox whether trying again can help. */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly status: number | null;

  constructor(message: string, permanent: boolean, status: number | null = null) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = permanent;
    this.status = status;
  }
}

/** A message that must not be sent any more (consent withdrawn, webhook removed). */
export class CancelledDelivery extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CancelledDelivery';
  }
}
