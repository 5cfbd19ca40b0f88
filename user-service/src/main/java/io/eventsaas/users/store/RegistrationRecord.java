package io.eventsaas.users.store;

/**
 * How a user came to be registered: the command that did it and the stream sequence of its
 * {@code UserRegistered}.
 */
public record RegistrationRecord(String commandId, long streamSequence) {
}
