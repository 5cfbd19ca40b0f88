/**
 * Use cases: sign in (start-session), sign out (end-session), authenticate a session (on every gateway request),
 * and the limit on failed sign-ins. Sessions and failed attempts live in KV buckets that every instance shares
 * ({@code sessions}, {@code sign-in-attempts}); nothing about them is in memory, so any instance serves any
 * request.
 */
package io.eventsaas.users.sessions;
