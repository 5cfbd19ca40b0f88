package io.eventsaas.projections.summary;

import java.time.Instant;
import java.util.Comparator;

/** A user's sign-up as the summary shows it. The position only breaks ties between equal times. */
public record Signup(String userId, String displayName, Instant registeredAt, StreamPosition position) {

    /** The same sign-up, its person erased: no name any more. */
    Signup erased() {
        return new Signup(userId, "", registeredAt, position);
    }

    /** Newest first: by time, then by place in the stream (later first). */
    static final Comparator<Signup> NEWEST_FIRST = Comparator.comparing(Signup::registeredAt)
            .thenComparing(Signup::position)
            .reversed();
}
