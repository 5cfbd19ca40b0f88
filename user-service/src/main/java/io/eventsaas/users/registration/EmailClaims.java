package io.eventsaas.users.registration;

import io.eventsaas.users.domain.EmailAddress;
import java.util.Optional;

/**
 * Where e-mail addresses are claimed, atomically across every instance: the one place that makes an address
 * unique. A database index cannot do it: each instance has its own database, and it may lag the stream.
 */
public interface EmailClaims {

    /** Opens the store of claims, creating it when it is missing; called once, during warm-up. */
    void open();

    /** Claims the address when nobody holds it (then returns empty); otherwise returns the claim that holds it. */
    Optional<EmailClaim.Held> claim(EmailAddress email, EmailClaim claim);

    /** Replaces the claim at {@code revision}; false when someone else changed it first. */
    boolean replace(EmailAddress email, EmailClaim claim, long revision);

    /**
     * Frees the address if {@code userId} holds it (an erasure), so that it can be registered again; does nothing
     * when it is free already or held by someone else. Safe to repeat.
     */
    void release(String normalisedEmail, java.util.UUID userId);
}
