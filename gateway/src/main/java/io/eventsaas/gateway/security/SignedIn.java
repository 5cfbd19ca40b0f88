package io.eventsaas.gateway.security;

import io.eventsaas.contracts.rpc.Caller;

/**
 * Who made this request, as user-service vouched for it: a signed-in user (a session token from the cookie or an
 * {@code Authorization: Bearer} header) or an organisation's API key. Declare a parameter of this type in a
 * controller method and the request must be authenticated: without credentials the API answers 401 and a page sends
 * the browser to {@code /login}. Forward {@link #caller()} with every RPC; the service decides what it allows.
 *
 * @param sessionToken the session token that authenticated the request; null for an API key
 */
public record SignedIn(Caller caller, String displayName, String email, String sessionToken) {

    public String userId() {
        return caller.getUserId();
    }

    public boolean isApiKey() {
        return !caller.getApiKeyId().isEmpty();
    }

    public boolean isPlatformAdmin() {
        return caller.getPlatformAdmin();
    }

    /** 403 unless a platform admin (an e-mail in ADMIN_EMAILS) makes the request. */
    public SignedIn requirePlatformAdmin() {
        if (!isPlatformAdmin()) {
            throw new AccessDeniedException("only platform admins may do this");
        }
        return this;
    }

    /** 403 for an API key: the request acts for a person (their profile, their sessions), not an organisation. */
    public SignedIn requireUser() {
        if (isApiKey()) {
            throw new AccessDeniedException("an API key cannot do this; sign in as a user");
        }
        return this;
    }
}
