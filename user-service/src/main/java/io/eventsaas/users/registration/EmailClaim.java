package io.eventsaas.users.registration;

import java.time.Instant;
import java.util.UUID;

/** Who holds an e-mail address: the user id a registration chose, and the command that chose it. */
public record EmailClaim(UUID userId, String commandId, Instant claimedAt) {

    /** A claim as it stands, with the revision an update must name to replace it. */
    public record Held(EmailClaim claim, long revision) {
    }
}
