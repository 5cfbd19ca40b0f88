package io.eventsaas.billing.domain;

/** A command that the current state does not allow (answered with 409). */
public final class RuleViolationException extends RuntimeException {
    public RuleViolationException(String message) {
        super(message);
    }
}
