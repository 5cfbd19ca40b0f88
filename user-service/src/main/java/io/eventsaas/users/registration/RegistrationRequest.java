package io.eventsaas.users.registration;

/**
 * A registration as the caller sent it, before any check. Holds the clear password, so its {@code toString}
 * leaves it out: a request logged by accident must not leak it.
 */
public record RegistrationRequest(String commandId, String email, String password, String displayName) {

    @Override
    public String toString() {
        return "RegistrationRequest[commandId=" + commandId + ", email=" + email + ", password=(hidden), displayName="
                + displayName + "]";
    }
}
