package io.eventsaas.billing.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Invoice ids are derived, never random: the same period of the same organisation always gets the same id, so the
 * invoice's subject {@code events.invoice.<id>} with expected sequence 0 lets it be issued once, whoever tries.
 */
public final class InvoiceIds {

    private InvoiceIds() {
    }

    public static String forPeriod(String organizationId, Instant periodStart) {
        return uuid("period:" + organizationId + ":" + periodStart.getEpochSecond());
    }

    public static String forProration(String organizationId, String commandId) {
        return uuid("proration:" + organizationId + ":" + commandId);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
