package io.eventsaas.users.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SessionTokens")
class SessionTokensTest {

    private static final UUID USER = UUID.fromString("0b9a3c52-2b8e-4f55-9c41-6f1c1c8c9a01");

    @Test
    @DisplayName("a token is base64url of at least 32 random bytes, never starts with esk_, and parses back to its "
            + "user and key")
    void issueAndParse() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            SessionTokens.Issued issued = SessionTokens.issue(UUID.randomUUID());
            assertThat(issued.token()).matches("[A-Za-z0-9_-]{66}").startsWith("A").doesNotStartWith("esk_");
            tokens.add(issued.token());
        }
        SessionTokens.Issued issued = SessionTokens.issue(USER);

        assertThat(tokens).hasSize(1000);
        assertThat(SessionTokens.parse(issued.token())).contains(new SessionTokens.Parsed(USER, issued.key()));
        assertThat(issued.key()).matches(USER + "\\.[0-9a-f]{64}").startsWith(SessionTokens.prefixOf(USER));
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    @DisplayName("the key holds only a hash of the secret: the token cannot be read from it")
    void keyHidesSecret() {
        SessionTokens.Issued issued = SessionTokens.issue(USER);

        assertThat(issued.key()).doesNotContain(issued.token().substring(23));
    }

    @Test
    @DisplayName("anything malformed parses to empty, without throwing")
    void malformed() {
        String token = SessionTokens.issue(USER).token();
        for (String bad : new String[] {null, "", "esk_" + token.substring(4), token + "A", token.substring(1),
                "B" + token.substring(1), "!".repeat(66)}) {
            assertThat(SessionTokens.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
