package io.eventsaas.users.domain;

/**
 * An organisation refuses a command, and why, so the edge can answer with the right status: the caller cannot see
 * the organisation or the thing named (not found), may not do this (forbidden), the state forbids it (conflict:
 * the last owner, an accepted invitation ...), or an invitation is no longer valid (gone).
 */
public final class OrganizationRefusal extends RuntimeException {

    public enum Reason { NOT_FOUND, FORBIDDEN, CONFLICT, GONE }

    private final Reason reason;

    public OrganizationRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static OrganizationRefusal notFound(String message) {
        return new OrganizationRefusal(Reason.NOT_FOUND, message);
    }

    static OrganizationRefusal forbidden(String message) {
        return new OrganizationRefusal(Reason.FORBIDDEN, message);
    }

    static OrganizationRefusal conflict(String message) {
        return new OrganizationRefusal(Reason.CONFLICT, message);
    }

    static OrganizationRefusal gone(String message) {
        return new OrganizationRefusal(Reason.GONE, message);
    }
}
