package io.eventsaas.billing.domain;

import java.time.Instant;
import java.time.ZoneOffset;

/** Periods are calendar months from the moment the subscription started, in UTC; the end is exclusive. */
public final class BillingPeriods {

    private BillingPeriods() {
    }

    public static Instant endOf(Instant periodStart) {
        return periodStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }
}
