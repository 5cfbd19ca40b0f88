package io.eventsaas.gateway.users;

/** The reply to a sign-up: the new user and their personal organisation. */
public record Registration(String userId, String orgId) {
}
