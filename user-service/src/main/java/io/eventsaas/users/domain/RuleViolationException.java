package io.eventsaas.users.domain;

/** A command an aggregate refuses in its current state (registering a user twice ...). */
public final class RuleViolationException extends RuntimeException {

    public RuleViolationException(String message) {
        super(message);
    }
}
