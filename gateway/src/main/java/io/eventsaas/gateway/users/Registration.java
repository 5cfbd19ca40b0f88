package io.eventsaas.gateway.users;

/** The reply to a sign-up: the new user, their personal organisation, and their session when one was asked for. */
public record Registration(String userId, String orgId, SessionToken session) {
}
