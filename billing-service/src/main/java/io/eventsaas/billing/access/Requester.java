package io.eventsaas.billing.access;

/**
 * Who makes a request, as the gateway vouches for it (read from the Caller header at the nats/ edge). A user has a
 * user id; an API key has an organisation and a role and may act only on that organisation.
 */
public record Requester(String userId, String apiKeyId, String organizationId, String role, boolean platformAdmin) {

    public boolean isApiKey() {
        return userId == null || userId.isEmpty();
    }

    /** Who to name in an event: the user, or the API key. */
    public String actorId() {
        return isApiKey() ? "api-key:" + apiKeyId : userId;
    }
}
