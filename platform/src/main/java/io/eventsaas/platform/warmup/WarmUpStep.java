package io.eventsaas.platform.warmup;

/**
 * One thing an instance must have done before it takes work, e.g. "migrate the database" or "catch up the read
 * model". A step is retried until it succeeds, so it must be safe to run again after a failure.
 */
public record WarmUpStep(String description, Action action) {

    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    public static WarmUpStep of(String description, Action action) {
        return new WarmUpStep(description, action);
    }
}
