package io.eventsaas.billing.payments;

import io.eventsaas.billing.plans.Money;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in payment provider for development, demos and tests. Its test cards follow the usual convention:
 * <ul>
 *   <li>{@code 4242 4242 4242 4242} (and any other valid number): charges succeed</li>
 *   <li>{@code 4000 0000 0000 0002}: declined ({@code card_declined})</li>
 *   <li>{@code 4000 0000 0000 9995}: declined ({@code insufficient_funds})</li>
 *   <li>{@code 4000 0000 0000 0119}: the provider takes the charge but its answer is lost: the first call with a key
 *       times out; calling again with the same key returns the charge that was made</li>
 * </ul>
 * Charges are kept in a shared ledger (a NATS key-value bucket) by idempotency key, as a real provider keeps them on
 * its side: whichever instance retries a key gets the first answer, and a key is charged once.
 */
public final class SandboxPaymentProvider implements PaymentProvider {

    /** The sandbox's records of charges, shared by every instance. */
    public interface ChargeLedger {
        Optional<String> get(String key);

        /** Records a value for a new key; false when the key exists already. */
        boolean create(String key, String value);
    }

    private static final Map<String, String> BEHAVIOURS = Map.of(
            "4000000000000002", "declined",
            "4000000000009995", "insufficient",
            "4000000000000119", "timeout");
    private static final String PREFIX = "sandbox_";

    private final ChargeLedger ledger;

    public SandboxPaymentProvider(ChargeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        String behaviour = BEHAVIOURS.getOrDefault(card.digits(), "ok");
        return new CardToken(card.brand(), card.last4(), PREFIX + behaviour + "_" + UUID.randomUUID());
    }

    @Override
    public ChargeResult charge(String idempotencyKey, String providerReference, Money amount) {
        String key = idempotencyKey.replaceAll("[^A-Za-z0-9_=-]", "_");
        Optional<String> earlier = ledger.get(key);
        if (earlier.isPresent()) {
            return parse(earlier.get());
        }
        String behaviour = behaviourOf(providerReference);
        String outcome = switch (behaviour) {
            case "declined" -> "declined:card_declined";
            case "insufficient" -> "declined:insufficient_funds";
            default -> "succeeded:ch_" + UUID.randomUUID() + ":" + amount.minorUnits();
        };
        if (!ledger.create(key, outcome)) {
            return parse(ledger.get(key).orElseThrow());
        }
        if (behaviour.equals("timeout")) {
            throw new PaymentTimeoutException("the sandbox provider did not answer (charge " + key + ")");
        }
        return parse(outcome);
    }

    private static String behaviourOf(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            return "ok";
        }
        String rest = reference.substring(PREFIX.length());
        int end = rest.indexOf('_');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static ChargeResult parse(String stored) {
        String[] parts = stored.split(":");
        return parts[0].equals("succeeded") ? new ChargeResult.Succeeded(parts[1])
                : new ChargeResult.Declined(parts[1]);
    }
}
