package io.eventsaas.platform.projection;

import java.time.Instant;

/**
 * A message a projection could not apply: {@code parked} (unreadable, stepped over), {@code stuck} (its handling
 * kept failing; the read model waits at it) or {@code resolved} (applied after a retry).
 */
public record ParkedEvent(String projection, long streamSequence, String subject, String reason, String error,
        String status, int attempts, Instant parkedAt) {

    public static final String PARKED = "parked";
    public static final String STUCK = "stuck";
    public static final String RESOLVED = "resolved";
}
