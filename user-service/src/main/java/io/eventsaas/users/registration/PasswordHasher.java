package io.eventsaas.users.registration;

import io.eventsaas.users.domain.PasswordHash;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id (memory-hard, the OWASP first choice) with Spring Security's current defaults: 16 MiB, 2 iterations,
 * a random 16-byte salt per hash, written as a PHC string that carries its own parameters.
 */
@Component
class PasswordHasher {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    PasswordHash hash(String password) {
        return new PasswordHash(encoder.encode(password));
    }
}
