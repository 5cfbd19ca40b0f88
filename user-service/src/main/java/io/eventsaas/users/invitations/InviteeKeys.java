package io.eventsaas.users.invitations;

import java.util.UUID;

/**
 * The keys that seal invitees' e-mail addresses (one per invitation, in the personal-data vault). Once an invitation
 * is accepted or revoked its address is needed no more, so its key is destroyed: the address in {@code MemberInvited}
 * becomes unreadable everywhere, as an erased user's data does.
 */
public interface InviteeKeys {

    /** Destroys the invitation's key for good. Safe to repeat. */
    void destroy(UUID invitationId);
}
