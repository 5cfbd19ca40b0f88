package io.eventsaas.gateway.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as the billing pages print them (UTC, the billing periods' zone). */
public final class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }
}
