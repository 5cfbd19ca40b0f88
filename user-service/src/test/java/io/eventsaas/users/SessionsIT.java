package io.eventsaas.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import io.eventsaas.users.credentials.PasswordHasher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in, sign-out, authentication, profile and password change, against one instance, as the gateway calls them. */
@DisplayName("sessions and the profile")
class SessionsIT {

    static final String ADMIN = "root.admin@example.org";

    @RegisterExtension
    static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_sessions", 1,
            (namespace, database) -> UserServiceInstance.start(namespace, database,
                    "users.admins.emails= someone@example.org , " + ADMIN.toUpperCase()));
    private static UsersClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = service.closeAfterAll(new UsersClient(service.namespace()));
    }

    static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static RpcStatus statusOf(Runnable call) {
        RpcException e = catchThrowableOfType(RpcException.class, call::run);
        assertThat(e).as("the call is refused").isNotNull();
        return e.status();
    }

    private static double verifications(String against) {
        return service.instance().bean(MeterRegistry.class).get(PasswordHasher.VERIFICATIONS).tag("against", against)
                .counter().count();
    }

    @Nested
    @DisplayName("signing in")
    class SigningIn {

        @Test
        @DisplayName("given a registered user, when they sign in with their address in another case and with spaces, "
                + "then they get an opaque token that authenticates them")
        void signInAndAuthenticate() {
            String email = uniqueEmail("Sign.In");
            UserRegistration user = client.register(email, "Sig Nin");

            SessionGrant grant = client.signIn("  " + email.toUpperCase() + " ", UsersClient.PASSWORD);
            Authentication who = client.authenticate(grant.getSessionToken());

            assertThat(grant.getUserId()).isEqualTo(user.getUserId());
            assertThat(grant.getSessionToken()).doesNotStartWith("esk_").hasSizeGreaterThanOrEqualTo(43)
                    .matches("[A-Za-z0-9_-]+");
            assertThat(grant.getExpiresAt().getSeconds()).isGreaterThan(Instant.now().plusSeconds(29L * 86400)
                    .getEpochSecond());
            assertThat(who.getCaller().getUserId()).isEqualTo(user.getUserId());
            assertThat(who.getCaller().getSessionId()).isNotBlank();
            assertThat(who.getCaller().getPlatformAdmin()).isFalse();
            assertThat(who.getDisplayName()).isEqualTo("Sig Nin");
            assertThat(who.getEmail()).isEqualTo(email.toLowerCase());
        }

        @Test
        @DisplayName("given a wrong password and an unknown address, then both get the same 401 and message, and "
                + "each ran one Argon2id verification (the unknown address against the dummy hash)")
        void wrongPasswordAndUnknownAddressLookAlike() {
            String email = uniqueEmail("known");
            client.register(email, "Known");
            double userBefore = verifications("user");
            double dummyBefore = verifications("dummy");

            RpcException wrongPassword = catchThrowableOfType(RpcException.class,
                    () -> client.signIn(email, "not the password at all"));
            double userAfterWrong = verifications("user");
            double dummyAfterWrong = verifications("dummy");
            RpcException unknown = catchThrowableOfType(RpcException.class,
                    () -> client.signIn(uniqueEmail("nobody"), "not the password at all"));

            assertThat(wrongPassword.status()).isEqualTo(RpcStatus.UNAUTHORIZED);
            assertThat(unknown.status()).isEqualTo(wrongPassword.status());
            assertThat(unknown.getMessage()).isEqualTo(wrongPassword.getMessage());
            assertThat(userAfterWrong - userBefore).as("verifications against the user's hash").isEqualTo(1);
            assertThat(dummyAfterWrong - dummyBefore).isZero();
            assertThat(verifications("dummy") - dummyAfterWrong).as("verifications against the dummy hash")
                    .isEqualTo(1);
            assertThat(verifications("user")).isEqualTo(userAfterWrong);
        }

        @Test
        @DisplayName("given four failures, a success and four more failures, then none is refused with 429: a "
                + "success resets the count")
        void successResetsTheCount() {
            String email = uniqueEmail("forgetful");
            client.register(email, "Forgetful");
            List<RpcStatus> statuses = new ArrayList<>();

            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 4; i++) {
                    statuses.add(statusOf(() -> client.signIn(email, "not the password")));
                }
                assertThat(client.signIn(email, UsersClient.PASSWORD).getSessionToken()).isNotEmpty();
            }

            assertThat(statuses).hasSize(8).containsOnly(RpcStatus.UNAUTHORIZED);
            assertThat(statusOf(() -> client.signIn(email, "not the password"))).isEqualTo(RpcStatus.UNAUTHORIZED);
        }

        @Test
        @DisplayName("given a missing address or password, then 400 names the field")
        void missingFields() {
            RpcException e = catchThrowableOfType(RpcException.class, () -> client.signIn("  ", ""));

            assertThat(e.status()).isEqualTo(RpcStatus.BAD_REQUEST);
            assertThat(e.fieldErrors()).containsOnlyKeys("email", "password");
        }

        @Test
        @DisplayName("given a registration that asks for a session, then its reply carries a working token")
        void registrationStartsSession() {
            UserRegistration user = client.registerAndSignIn(uniqueEmail("eager"), "Eager");

            assertThat(user.getSession().getUserId()).isEqualTo(user.getUserId());
            assertThat(client.authenticate(user.getSession().getSessionToken()).getCaller().getUserId())
                    .isEqualTo(user.getUserId());
        }

        @Test
        @DisplayName("given a signed-in user, when they sign out, then the token no longer authenticates, and signing "
                + "out again is no error")
        void signOutEndsTheSession() {
            String email = uniqueEmail("leaving");
            client.register(email, "Leaving");
            SessionGrant kept = client.signIn(email, UsersClient.PASSWORD);
            SessionGrant ended = client.signIn(email, UsersClient.PASSWORD);

            client.signOut(ended.getSessionToken());
            client.signOut(ended.getSessionToken());

            assertThat(statusOf(() -> client.authenticate(ended.getSessionToken()))).isEqualTo(RpcStatus.UNAUTHORIZED);
            assertThat(client.authenticate(kept.getSessionToken()).getCaller().getUserId()).isNotBlank();
        }

        @Test
        @DisplayName("given a malformed, forged or API-key-like token, then 401")
        void badTokens() {
            String forged = client.registerAndSignIn(uniqueEmail("forged"), "F").getSession().getSessionToken();
            String tampered = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BA" : "AA");
            for (String token : new String[] {"", "x", "esk_abc", tampered, "A".repeat(66)}) {
                assertThat(statusOf(() -> client.authenticate(token))).as(token).isEqualTo(RpcStatus.UNAUTHORIZED);
            }
        }
    }

    @Nested
    @DisplayName("the profile")
    class Profile {

        @Test
        @DisplayName("given no Caller, then get-user answers 401; given another user as Caller, then 404")
        void getUserIsForTheUserThemself() throws Exception {
            UserRegistration ann = client.register(uniqueEmail("ann"), "Ann");
            UserRegistration bob = client.register(uniqueEmail("bob"), "Bob");

            assertThat(statusOf(() -> client.getUser(ann.getUserId(), Caller.getDefaultInstance())))
                    .isEqualTo(RpcStatus.UNAUTHORIZED);
            assertThat(statusOf(() -> client.getUser(ann.getUserId(),
                    Caller.newBuilder().setUserId(bob.getUserId()).build()))).isEqualTo(RpcStatus.NOT_FOUND);
            assertThat(client.getUser(ann.getUserId()).getDisplayName()).isEqualTo("Ann");
        }

        @Test
        @DisplayName("given an address in ADMIN_EMAILS, then its sessions are a platform admin's, who may read any "
                + "user, and get-user says so")
        void platformAdmin() {
            client.register(ADMIN, "Root");
            UserRegistration other = client.register(uniqueEmail("other"), "Other");

            Caller admin = client.callerOf(client.signIn(ADMIN, UsersClient.PASSWORD).getSessionToken());

            assertThat(admin.getPlatformAdmin()).isTrue();
            assertThat(client.getUser(other.getUserId(), admin).getDisplayName()).isEqualTo("Other");
            assertThat(client.getUser(other.getUserId(), admin).getPlatformAdmin()).isFalse();
            assertThat(client.getUser(admin.getUserId(), admin).getPlatformAdmin()).isTrue();
        }

        @Test
        @DisplayName("given a rename, then get-user shows the new name; given an invalid name, then 400 and nothing "
                + "is appended")
        void rename() throws Exception {
            UserRegistration user = client.registerAndSignIn(uniqueEmail("rename"), "Old Name");
            Caller caller = client.callerOf(user.getSession().getSessionToken());

            UserDetails renamed = client.rename(caller, "  New Name ");
            long events = client.countEvents(Streams.USER, user.getUserId());
            RpcException invalid = catchThrowableOfType(RpcException.class, () -> client.rename(caller, " \n "));

            assertThat(renamed.getDisplayName()).isEqualTo("New Name");
            assertThat(client.getUser(user.getUserId()).getDisplayName()).isEqualTo("New Name");
            assertThat(client.authenticate(user.getSession().getSessionToken()).getDisplayName()).isEqualTo("New Name");
            assertThat(invalid.status()).isEqualTo(RpcStatus.BAD_REQUEST);
            assertThat(invalid.fieldErrors()).containsOnlyKeys("displayName");
            assertThat(client.countEvents(Streams.USER, user.getUserId())).isEqualTo(events).isEqualTo(2);
        }

        @Test
        @DisplayName("given a password change, then every other session ends, the reply is a new working session, "
                + "and only the new password signs in")
        void passwordChangeEndsOtherSessions() throws Exception {
            String email = uniqueEmail("change");
            UserRegistration user = client.registerAndSignIn(email, "Changer");
            SessionGrant other = client.signIn(email, UsersClient.PASSWORD);
            Caller caller = client.callerOf(user.getSession().getSessionToken());
            String newPassword = "a much better secret";

            SessionGrant fresh = client.changePassword(caller, UsersClient.PASSWORD, newPassword);

            assertThat(statusOf(() -> client.authenticate(other.getSessionToken()))).isEqualTo(RpcStatus.UNAUTHORIZED);
            assertThat(statusOf(() -> client.authenticate(user.getSession().getSessionToken())))
                    .isEqualTo(RpcStatus.UNAUTHORIZED);
            assertThat(client.authenticate(fresh.getSessionToken()).getCaller().getUserId())
                    .isEqualTo(user.getUserId());
            assertThat(statusOf(() -> client.signIn(email, UsersClient.PASSWORD))).isEqualTo(RpcStatus.UNAUTHORIZED);
            assertThat(client.signIn(email, newPassword).getUserId()).isEqualTo(user.getUserId());
        }

        @Test
        @DisplayName("given a wrong current password or a weak new one, then 400 names the field, nothing is "
                + "appended and no session ends")
        void refusedPasswordChangeChangesNothing() throws Exception {
            UserRegistration user = client.registerAndSignIn(uniqueEmail("refused"), "Refused");
            Caller caller = client.callerOf(user.getSession().getSessionToken());
            long events = client.countEvents(Streams.USER, user.getUserId());

            RpcException wrong = catchThrowableOfType(RpcException.class,
                    () -> client.changePassword(caller, "not my password", "a much better secret"));
            RpcException weak = catchThrowableOfType(RpcException.class,
                    () -> client.changePassword(caller, UsersClient.PASSWORD, "1234567890"));

            assertThat(wrong.status()).isEqualTo(RpcStatus.BAD_REQUEST);
            assertThat(wrong.fieldErrors()).containsOnlyKeys("currentPassword");
            assertThat(weak.status()).isEqualTo(RpcStatus.BAD_REQUEST);
            assertThat(weak.fieldErrors()).containsOnlyKeys("newPassword");
            assertThat(client.countEvents(Streams.USER, user.getUserId())).isEqualTo(events);
            assertThat(client.authenticate(user.getSession().getSessionToken()).getCaller().getUserId())
                    .isEqualTo(user.getUserId());
        }

        @Test
        @DisplayName("given an API key's Caller, then rename, password change and erasure are refused (403)")
        void apiKeysCannotActOnAUser() {
            Caller apiKey = Caller.newBuilder().setApiKeyId(UUID.randomUUID().toString())
                    .setOrganizationId(UUID.randomUUID().toString()).setRole("owner").build();

            assertThat(statusOf(() -> client.rename(apiKey, "X"))).isEqualTo(RpcStatus.FORBIDDEN);
            assertThat(statusOf(() -> client.changePassword(apiKey, "a", "b"))).isEqualTo(RpcStatus.FORBIDDEN);
            assertThat(statusOf(() -> client.erase(apiKey, "a"))).isEqualTo(RpcStatus.FORBIDDEN);
        }
    }
}
