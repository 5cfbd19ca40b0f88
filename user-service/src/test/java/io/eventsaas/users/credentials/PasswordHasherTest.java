package io.eventsaas.users.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.users.domain.PasswordHash;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

@DisplayName("passwords are hashed with Argon2id at OWASP's minimum or above")
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new SimpleMeterRegistry());

    @AfterEach
    void close() {
        hasher.close();
    }

    @Test
    @DisplayName("a new hash is Argon2id with 12 MiB, 3 iterations, parallelism 1, and verifies")
    void parameters() {
        PasswordHash hash = hasher.hash("correct horse battery staple");

        assertThat(hash.value()).startsWith("$argon2id$v=19$m=12288,t=3,p=1$");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    @DisplayName("a hash made with the former parameters (16 MiB, 2 iterations) still verifies")
    void formerParameters() {
        PasswordHash former = new PasswordHash(
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("correct horse battery staple"));

        assertThat(former.value()).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery staple", former)).isTrue();
        assertThat(hasher.verify("wrong", former)).isFalse();
    }

    @Test
    @DisplayName("an unknown address is verified against a dummy hash with the same parameters")
    void dummy() {
        assertThat(hasher.verify("anything", null)).isFalse();
    }
}
