package io.eventsaas.platform.eventstore;

/**
 * Someone else appended to the aggregate after the caller read it: the caller's decision may rest on stale
 * state. Catch up and decide again (or report a conflict).
 */
public final class AppendConflictException extends RuntimeException {

    private final String subject;
    private final long expectedVersion;

    public AppendConflictException(String subject, long expectedVersion, String detail) {
        super("conflict appending to " + subject + " at expected version " + expectedVersion + ": " + detail);
        this.subject = subject;
        this.expectedVersion = expectedVersion;
    }

    public String subject() {
        return subject;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
