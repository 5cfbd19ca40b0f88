/**
 * Use cases: sign in (start-session), sign out (end-session), authenticate a session (on every gateway request),
 * and the limit on failed sign-ins. Sessions and failed attempts live in KV buckets that every instance shares
 * ({@code sessions}, {@code sign-in-attempts}); nothing about them is in memory, so any instance serves any
 * request. A session counts only while it was started with the user's current credentials ({@code CredentialsStamp}),
 * so a password change or an erasure ends it even when the purge that follows their append never ran.
 */
package io.eventsaas.users.sessions;
