package io.eventsaas.users.access;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.domain.OrganizationRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Collects what is wrong with a request's fields, and refuses it (400) before anything is appended. */
public final class Validation {

    public static final int MAX_NAME_LENGTH = 100;

    private final Map<String, String> errors = new LinkedHashMap<>();

    public String name(String field, String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            errors.put(field, "is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.put(field, "must be at most " + MAX_NAME_LENGTH + " characters");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "must not contain control characters");
        }
        return name;
    }

    public String commandId(String raw) {
        if (raw == null || raw.isBlank()) {
            errors.put("commandId", "is required");
            return "";
        }
        if (raw.length() > 200) {
            errors.put("commandId", "must be at most 200 characters");
        }
        return raw;
    }

    /** A role as requested; blank means {@code fallback}. */
    public OrganizationRole role(String raw, OrganizationRole fallback) {
        if (raw == null || raw.isBlank()) {
            if (fallback == null) {
                errors.put("role", "is required: owner, admin or member");
            }
            return fallback;
        }
        Optional<OrganizationRole> role = OrganizationRole.parse(raw);
        if (role.isEmpty()) {
            errors.put("role", "must be owner, admin or member");
        }
        return role.orElse(fallback);
    }

    public void reject(String field, String message) {
        errors.put(field, message);
    }

    /** 400 with every field error, when there is one. */
    public void check() {
        if (!errors.isEmpty()) {
            throw RpcException.invalid(errors);
        }
    }
}
