package io.eventsaas.projections.summary;

import java.time.Instant;
import java.util.Comparator;

/** A user's sign-up as the summary shows it. The position only breaks ties between equal times. */
public record Signup(String displayName, Instant registeredAt, StreamPosition position) {

    /** Newest first: by time, then by place in the stream (later first). */
    static final Comparator<Signup> NEWEST_FIRST = Comparator.comparing(Signup::registeredAt)
            .thenComparing(Signup::position)
            .reversed();
}
