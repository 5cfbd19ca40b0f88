package io.eventsaas.gateway.orgs;

/** A new API key with its secret, shown once. */
public record IssuedApiKey(OrgApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKey[" + key + "]";
    }
}
