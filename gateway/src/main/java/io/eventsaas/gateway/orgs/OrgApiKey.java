package io.eventsaas.gateway.orgs;

import java.time.Instant;

/** An active API key of an organisation: never its secret, only the first characters to recognise it. */
public record OrgApiKey(String keyId, String name, String role, String prefix, String createdByUserId,
        Instant createdAt) {
}
