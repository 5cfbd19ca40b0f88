package io.eventsaas.users.domain;

/** A value that breaks a rule of its type (an e-mail address without a domain, a name that is too long ...). */
public final class InvalidValueException extends RuntimeException {

    public InvalidValueException(String message) {
        super(message);
    }
}
