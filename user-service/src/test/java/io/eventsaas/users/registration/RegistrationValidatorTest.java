package io.eventsaas.users.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RegistrationValidator")
class RegistrationValidatorTest {

    private static final String GOOD_PASSWORD = "correct horse battery";

    @Test
    @DisplayName("given valid input, then it comes out normalised")
    void normalises() {
        ValidRegistration valid = RegistrationValidator.validate(
                new RegistrationRequest("cmd-1", " Ann@Example.ORG ", GOOD_PASSWORD, "  Ann Lee "));

        assertThat(valid.email().value()).isEqualTo("ann@example.org");
        assertThat(valid.displayName().value()).isEqualTo("Ann Lee");
        assertThat(valid.commandId()).isEqualTo("cmd-1");
    }

    @Test
    @DisplayName("given every field wrong, then one 400 names each field, in form order")
    void reportsAllFields() {
        assertThatThrownBy(() -> RegistrationValidator.validate(new RegistrationRequest("", "not-an-address",
                "aaaaaaaaaa", "  ")))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.BAD_REQUEST))
                .extracting(e -> ((RpcException) e).fieldErrors(), MAP)
                .containsOnlyKeys("email", "password", "name", "commandId")
                .containsEntry("email", "E-mail address must look like name@example.com")
                .containsEntry("password", "Password must not repeat one character")
                .containsEntry("name", "Name is required");
    }

    @Test
    @DisplayName("given a command id with spaces, or longer than 100 characters, then it is refused")
    void commandId() {
        assertThatThrownBy(() -> RegistrationValidator.validate(
                new RegistrationRequest("a b", "ann@example.org", GOOD_PASSWORD, "Ann")))
                .extracting(e -> ((RpcException) e).fieldErrors(), MAP).containsOnlyKeys("commandId");
        assertThatThrownBy(() -> RegistrationValidator.validate(
                new RegistrationRequest("x".repeat(101), "ann@example.org", GOOD_PASSWORD, "Ann")))
                .extracting(e -> ((RpcException) e).fieldErrors(), MAP).containsOnlyKeys("commandId");
        assertThat(RegistrationValidator.validate(
                new RegistrationRequest("x".repeat(100), "ann@example.org", GOOD_PASSWORD, "Ann")).commandId())
                .hasSize(100);
    }

    @Test
    @DisplayName("neither the request nor the validated registration shows the password in its toString")
    void passwordStaysOutOfLogs() {
        RegistrationRequest request = new RegistrationRequest("cmd-1", "ann@example.org", GOOD_PASSWORD, "Ann");

        assertThat(request.toString()).doesNotContain(GOOD_PASSWORD);
        assertThat(RegistrationValidator.validate(request).toString()).doesNotContain(GOOD_PASSWORD);
    }
}
