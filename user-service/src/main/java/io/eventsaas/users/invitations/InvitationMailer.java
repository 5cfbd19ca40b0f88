package io.eventsaas.users.invitations;

import java.time.Instant;

/** Tells an invitee where to accept. Best effort: a failure is logged, never the inviter's problem. */
public interface InvitationMailer {

    void send(String email, String organizationName, String acceptUrl, Instant expiresAt);

    /** No SMTP server configured: the inviter copies the link from the answer. */
    static InvitationMailer none() {
        return (email, organizationName, acceptUrl, expiresAt) -> {
        };
    }
}
