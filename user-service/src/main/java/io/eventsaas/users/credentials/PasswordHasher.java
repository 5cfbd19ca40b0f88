package io.eventsaas.users.credentials;

import io.eventsaas.users.domain.PasswordHash;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id (memory-hard, the OWASP first choice) with 12 MiB, 3 iterations and parallelism 1, one of the
 * configurations OWASP's Password Storage Cheat Sheet recommends as a minimum (they trade memory for iterations at
 * about the same cost), a random 16-byte salt and a 32-byte hash, written as a PHC string that carries its own
 * parameters. Until 2026-12 it used Spring Security's defaults (16 MiB, 2 iterations), which fall short of OWASP's
 * minimum (19 MiB at 2 iterations); 12 MiB at 3 iterations meets it for about the same CPU time per hash (measured:
 * ADR 0013) and less memory per sign-up in flight. Hashes made before keep their parameters and still verify.
 *
 * <p>Hashing and verifying run on a few platform threads of their own, not on the request's virtual thread: a
 * virtual thread that computes for a hundred milliseconds never yields its carrier, and with a handful of carriers
 * a burst of registrations or sign-ins would starve everything else that runs on virtual threads, NATS replies
 * included (measured: JetStream requests timing out under 16 concurrent registrations). The pool also bounds the
 * memory that concurrent hashes take.
 *
 * <p>{@link #verify} with no hash (an unknown e-mail address) verifies against a dummy hash made with the same
 * parameters, so that a sign-in with an unknown address costs the same work as one with a wrong password, and
 * its time does not tell which addresses are registered. Every verification is counted
 * ({@value #VERIFICATIONS}).
 */
@Component
public class PasswordHasher implements AutoCloseable {

    public static final String VERIFICATIONS = "eventsaas.users.password.verifications";

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 12 * 1024;
    static final int ITERATIONS = 3;

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM,
            MEMORY_KIB, ITERATIONS);
    private final ExecutorService hashers = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("argon2-", 1).daemon().factory());
    private final Counter againstHash;
    private final Counter againstDummy;
    private volatile String dummyHash;

    PasswordHasher(MeterRegistry meters) {
        againstHash = Counter.builder(VERIFICATIONS).description("Argon2id password verifications")
                .tag("against", "user").register(meters);
        againstDummy = Counter.builder(VERIFICATIONS).description("Argon2id password verifications")
                .tag("against", "dummy").register(meters);
    }

    public PasswordHash hash(String password) {
        return new PasswordHash(run(() -> encoder.encode(password)));
    }

    /**
     * Whether {@code password} matches {@code hash}; with a null hash, verifies against the dummy hash (same work)
     * and answers false.
     */
    public boolean verify(String password, PasswordHash hash) {
        if (hash == null) {
            String dummy = dummyHash();
            run(() -> encoder.matches(password, dummy));
            againstDummy.increment();
            return false;
        }
        boolean matches = run(() -> encoder.matches(password, hash.value()));
        againstHash.increment();
        return matches;
    }

    private String dummyHash() {
        String dummy = dummyHash;
        if (dummy == null) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            dummy = run(() -> encoder.encode(Base64.getEncoder().encodeToString(random)));
            dummyHash = dummy;
        }
        return dummy;
    }

    private <T> T run(Callable<T> work) {
        try {
            return hashers.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot hash a password", e.getCause());
        }
    }

    /** Computes the dummy hash ahead of the first sign-in with an unknown address (a warm-up step). */
    public void prepare() {
        dummyHash();
    }

    @Override
    public void close() {
        hashers.shutdownNow();
    }
}
