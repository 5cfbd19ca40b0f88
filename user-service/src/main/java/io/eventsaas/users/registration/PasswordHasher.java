package io.eventsaas.users.registration;

import io.eventsaas.users.domain.PasswordHash;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id (memory-hard, the OWASP first choice) with Spring Security's current defaults: 16 MiB, 2 iterations,
 * a random 16-byte salt per hash, written as a PHC string that carries its own parameters.
 *
 * <p>Hashing runs on a few platform threads of its own, not on the request's virtual thread: a virtual thread
 * that computes for a hundred milliseconds never yields its carrier, and with a handful of carriers a burst of
 * registrations would starve everything else that runs on virtual threads, NATS replies included (measured:
 * JetStream requests timing out under 16 concurrent registrations). The pool also bounds the memory that
 * concurrent hashes take.
 */
@Component
class PasswordHasher implements AutoCloseable {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final ExecutorService hashers = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("argon2-", 1).daemon().factory());

    PasswordHash hash(String password) {
        try {
            return new PasswordHash(hashers.submit(() -> encoder.encode(password)).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot hash a password", e.getCause());
        }
    }

    @Override
    public void close() {
        hashers.shutdownNow();
    }
}
