/**
 * Passwords: Argon2id hashing and verification on a bounded pool of platform threads, shared by registration,
 * sign-in, password change and erasure.
 */
package io.eventsaas.users.credentials;
