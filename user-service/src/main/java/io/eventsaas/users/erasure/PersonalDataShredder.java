package io.eventsaas.users.erasure;

import io.eventsaas.users.registration.EmailClaims;
import io.eventsaas.users.sessions.Sessions;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What follows {@code UserErased}, in this order, each step safe to repeat: end every session, free the e-mail
 * address (only if this user still holds it), destroy the personal-data key. The address is freed before the key
 * goes, because after that nobody can read which address it was; so a key that is gone means the address was
 * freed already. Ending the sessions is tidiness here: authentication refuses an erased user's sessions anyway, on
 * every instance, once its read model shows the erasure.
 */
@Component
class PersonalDataShredder {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataShredder.class);

    private final Sessions sessions;
    private final EmailClaims claims;
    private final PersonalDataKeys keys;

    PersonalDataShredder(Sessions sessions, EmailClaims claims, PersonalDataKeys keys) {
        this.sessions = sessions;
        this.claims = claims;
        this.keys = keys;
    }

    /** @param email the user's normalised address, or null when it can no longer be read (freed already) */
    void shred(UUID userId, String email) {
        int ended = sessions.endAll(userId);
        if (email != null && !email.isEmpty()) {
            claims.release(email, userId);
        }
        keys.destroy(userId);
        log.info("Erased user {}: {} session(s) ended, e-mail address freed, personal-data key destroyed", userId,
                ended);
    }
}
