package io.eventsaas.users.registration;

import io.eventsaas.users.domain.DisplayName;
import io.eventsaas.users.domain.EmailAddress;

/** A registration that passed every check. Holds the clear password only until it is hashed. */
record ValidRegistration(String commandId, EmailAddress email, String password, DisplayName displayName) {

    @Override
    public String toString() {
        return "ValidRegistration[commandId=" + commandId + ", email=" + email + ", displayName=" + displayName + "]";
    }
}
