package io.eventsaas.platform.eventstore;

/**
 * The result of an append.
 *
 * @param sequence  the stream sequence of the message: the aggregate's new version, and what a reader waits
 *                  for to see this write
 * @param duplicate true when the message id had been appended before (a retried command): nothing new was
 *                  written and {@code sequence} is that of the first append
 */
public record Appended(long sequence, boolean duplicate) {
}
