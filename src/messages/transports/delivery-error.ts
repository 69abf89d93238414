/** A failed send, telling the outbox whether trying again can help. */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  /** The HTTP status of the response of a gateway or webhook receiver, when there was one. */
  readonly status: number | null;
  /** The start of that response's body, when it had one. */
  readonly responseBody: string | null;

  constructor(message: string, permanent: boolean, status: number | null = null, responseBody: string | null = null) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = permanent;
    this.status = status;
    this.responseBody = responseBody;
  }
}

/** A message that must not be sent any more (consent withdrawn, webhook removed). */
export class CancelledDelivery extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CancelledDelivery';
  }
}
