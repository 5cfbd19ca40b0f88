package io.eventsaas.billing.payments;

import io.eventsaas.billing.plans.Money;

/**
 * Where cards are kept and charged. billing-service keeps only the provider's reference for a card, and charges
 * with an idempotency key (invoice id and attempt): the provider makes one charge per key, so a charge retried
 * after a timeout never charges twice.
 */
public interface PaymentProvider {

    /** Hands the card to the provider; returns what billing may keep. */
    CardToken tokenize(CardDetails card);

    /**
     * Charges the card once per idempotency key: the same key again returns the first answer.
     *
     * @throws PaymentTimeoutException when the provider did not answer: the charge may or may not have happened;
     *                                 ask again with the same key to find out
     */
    ChargeResult charge(String idempotencyKey, String providerReference, Money amount);

    record CardToken(String brand, String last4, String reference) {
    }

    sealed interface ChargeResult {
        record Succeeded(String chargeId) implements ChargeResult {
        }

        /** @param reason e.g. card_declined, insufficient_funds */
        record Declined(String reason) implements ChargeResult {
        }
    }

    final class PaymentTimeoutException extends RuntimeException {
        public PaymentTimeoutException(String message) {
            super(message);
        }
    }
}
