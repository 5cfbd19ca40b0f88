package io.eventsaas.users.admins;

import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who is a platform admin: a user whose e-mail address is in {@code ADMIN_EMAILS}. Decided here, by user-service,
 * and carried in {@code Caller.platform_admin}; other services trust it (only the gateway may call them).
 */
@Component
public class PlatformAdmins {

    private final Set<String> emails;

    PlatformAdmins(AdminSettings settings) {
        this.emails = settings.normalised();
    }

    /** Whether the holder of this normalised address is a platform admin (an erased user, with none, is not). */
    public boolean isAdmin(String normalisedEmail) {
        return normalisedEmail != null && !normalisedEmail.isEmpty() && emails.contains(normalisedEmail);
    }
}
