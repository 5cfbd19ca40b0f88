package io.eventsaas.gateway.home;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** "just now", "5 minutes ago", "3 days ago": how long ago something happened, in words. */
public final class RelativeTime {

    private final Clock clock;

    public RelativeTime(Clock clock) {
        this.clock = clock;
    }

    public String since(Instant then) {
        if (then == null) {
            return "";
        }
        Duration ago = Duration.between(then, clock.instant());
        if (ago.isNegative() || ago.toSeconds() < 45) {
            return "just now";
        }
        if (ago.toMinutes() < 60) {
            return plural(Math.max(1, ago.toMinutes()), "minute");
        }
        if (ago.toHours() < 24) {
            return plural(ago.toHours(), "hour");
        }
        if (ago.toDays() < 30) {
            return plural(ago.toDays(), "day");
        }
        if (ago.toDays() < 365) {
            return plural(ago.toDays() / 30, "month");
        }
        return plural(ago.toDays() / 365, "year");
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s") + " ago";
    }
}
