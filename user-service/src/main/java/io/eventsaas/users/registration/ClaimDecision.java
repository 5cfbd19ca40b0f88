package io.eventsaas.users.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What a registration does when it finds its e-mail address already claimed. */
sealed interface ClaimDecision {

    /** Go on registering this user: the claim (or the user) is this very command's, so this is a retry. */
    record Proceed(UUID userId) implements ClaimDecision {
    }

    /** Somebody else has the address, or is registering it right now. */
    record Refuse() implements ClaimDecision {
    }

    /**
     * The claim is stale: its command claimed the address and then never registered the user (it crashed, or
     * its instance did, between the two steps). Take the claim over, keeping its user id: should the old command
     * come back to life after all, both append {@code UserRegistered} to the same user at expected version 0, and
     * the event store lets only one of them through.
     */
    record TakeOver(UUID userId) implements ClaimDecision {
    }

    /**
     * @param held           the claim that holds the address
     * @param commandId      the command registering now
     * @param registeredBy   the command that registered the claimed user, if it has been registered
     * @param staleAfter     how long a claim without a user is left alone before it may be taken over
     */
    static ClaimDecision about(EmailClaim held, String commandId, Optional<String> registeredBy, Instant now,
            Duration staleAfter) {
        if (registeredBy.isPresent()) {
            return registeredBy.get().equals(commandId) ? new Proceed(held.userId()) : new Refuse();
        }
        if (held.commandId().equals(commandId)) {
            return new Proceed(held.userId());
        }
        if (now.isBefore(held.claimedAt().plus(staleAfter))) {
            return new Refuse();
        }
        return new TakeOver(held.userId());
    }
}
