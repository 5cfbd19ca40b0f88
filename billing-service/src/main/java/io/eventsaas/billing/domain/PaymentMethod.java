package io.eventsaas.billing.domain;

/**
 * A card as billing keeps it: what identifies it to a person and the provider's token for it. Never the number or
 * the CVC: those go to the payment provider and nowhere else.
 */
public record PaymentMethod(String brand, String last4, int expMonth, int expYear, String providerReference) {

    public PaymentMethod {
        if (last4 == null || !last4.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("last4 must be four digits");
        }
    }
}
