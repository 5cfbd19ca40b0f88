package io.eventsaas.gateway.security;

/** The request needs a signed-in user or an API key and has neither (or a wrong, ended or expired one): 401. */
public class NotSignedInException extends RuntimeException {

    public NotSignedInException(String message) {
        super(message);
    }
}
