package io.eventsaas.users.invitations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sweep that shreds expired invitations' addresses ({@code users.invitations.*}).
 *
 * @param addressSweepInterval how often each instance looks for expired invitations whose address is still
 *                             readable (USERS_INVITATIONS_ADDRESS_SWEEP_INTERVAL): an expired invitee's address
 *                             lives at most this long past the expiry
 */
@ConfigurationProperties("users.invitations")
public record ExpiredInvitationSettings(@DefaultValue("5m") Duration addressSweepInterval) {

    public ExpiredInvitationSettings {
        if (addressSweepInterval == null || addressSweepInterval.isNegative() || addressSweepInterval.isZero()) {
            throw new IllegalArgumentException("users.invitations.address-sweep-interval "
                    + "(USERS_INVITATIONS_ADDRESS_SWEEP_INTERVAL) must be a positive duration, not "
                    + addressSweepInterval);
        }
    }
}
