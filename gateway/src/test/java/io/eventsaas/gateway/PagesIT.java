package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.contracts.views.RecentSignup;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.Namespace;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The pages, as a browser without JavaScript uses them, against the real NATS server and a stand-in users service:
 * sign up through the form, land in the signed-in area, and see the live numbers of the platform summary view.
 */
@DisplayName("Pages")
class PagesIT extends AgainstRunningGateway {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern COMMAND_ID_FIELD = Pattern.compile("name=\"commandId\"\\s+value=\"([^\"]+)\"");

    /** A users service that knows Ada as user-42 once she has registered. */
    private UsersStub users() throws Exception {
        return startUsers()
                .userSession("st-ada", "user-42", "Ada Lovelace", "ada@example.com")
                .onRegister((request, context) -> UserRegistration.newBuilder()
                        .setUserId("user-42").setOrganizationId("org-7")
                        .setSession(SessionGrant.newBuilder().setSessionToken("st-ada").setUserId("user-42")
                                .setExpiresAt(Timestamp.newBuilder()
                                        .setSeconds(Instant.now().plus(Duration.ofDays(1)).getEpochSecond())))
                        .build())
                .onGetUser((request, context) -> {
                    if (!request.getUserId().equals("user-42")) {
                        throw RpcException.notFound("no user " + request.getUserId());
                    }
                    return UserDetails.newBuilder()
                            .setUserId("user-42")
                            .setEmail("ada@example.com")
                            .setDisplayName("Ada Lovelace")
                            .setRegisteredAt(Timestamp.newBuilder().setSeconds(1_795_000_000L))
                            .addOrganizations(OrganizationSummary.newBuilder().setOrganizationId("org-7")
                                    .setName("Ada's workshop").setRole("owner").setPersonal(true))
                            .build();
                });
    }

    /** What a browser has after opening the sign-up page: its CSRF cookie and the form's hidden fields. */
    private record OpenedForm(String csrfCookie, String csrfToken, String commandId) {

        Map<String, String> submit(String email, String password, String name) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("_csrf", csrfToken);
            fields.put("commandId", commandId);
            fields.put("email", email);
            fields.put("password", password);
            fields.put("name", name);
            return fields;
        }
    }

    private OpenedForm openSignupPage() {
        HttpResponse<String> page = gateway.get("/signup");
        assertThat(page.statusCode()).isEqualTo(200);
        return new OpenedForm(RunningGateway.cookiePair(page, "eventsaas_csrf"), find(CSRF_FIELD, page.body()),
                find(COMMAND_ID_FIELD, page.body()));
    }

    private static String find(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }

    @Nested
    @DisplayName("sign-up")
    class Signup {

        @Test
        @DisplayName("GET /signup, submit the form with its token: 302 to /app, which shows the name and organisation")
        void roundTrip() throws Exception {
            users();
            OpenedForm form = openSignupPage();
            assertThat(form.csrfCookie()).isNotNull();

            HttpResponse<String> submitted = gateway.postForm("/signup",
                    form.submit("ada@example.com", "correct horse battery staple", "Ada Lovelace"),
                    "Cookie", form.csrfCookie());

            assertThat(submitted.statusCode()).isEqualTo(302);
            assertThat(submitted.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/app"));
            String sessionCookie = RunningGateway.setCookie(submitted, "eventsaas_session");
            assertThat(sessionCookie).startsWith("eventsaas_session=st-ada;").contains("HttpOnly")
                    .contains("SameSite=Lax").contains("Path=/");
            assertThat(users.registrations()).singleElement().satisfies(command -> {
                assertThat(command.getCommandId()).isEqualTo(form.commandId());
                assertThat(command.getEmail()).isEqualTo("ada@example.com");
                assertThat(command.getDisplayName()).isEqualTo("Ada Lovelace");
                assertThat(command.getStartSession()).isTrue();
            });

            HttpResponse<String> app = gateway.get("/app",
                    "Cookie", RunningGateway.cookiePair(submitted, "eventsaas_session"));

            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(app.body()).contains("Ada Lovelace").contains("ada@example.com").contains("Ada&#39;s workshop")
                    .contains("owner").contains("personal").contains("href=\"/app/orgs/org-7\"")
                    .contains("id=\"signed-in-as\">Ada Lovelace<").contains("Sign out");
            assertThat(users.received(Endpoints.GET_USER)).singleElement()
                    .satisfies(get -> assertThat(get.caller().getUserId()).isEqualTo("user-42"));
        }

        @Test
        @DisplayName("submitting the same form twice sends the same command id, so the service registers once")
        void doubleSubmit() throws Exception {
            users();
            OpenedForm form = openSignupPage();
            Map<String, String> fields = form.submit("ada@example.com", "correct horse battery staple", "Ada");

            gateway.postForm("/signup", fields, "Cookie", form.csrfCookie());
            gateway.postForm("/signup", fields, "Cookie", form.csrfCookie());

            assertThat(users.registrations()).extracting(RegisterUser::getCommandId)
                    .containsExactly(form.commandId(), form.commandId());
            assertThat(openSignupPage().commandId()).as("a newly rendered form").isNotEqualTo(form.commandId());
        }

        @Test
        @DisplayName("the service's field errors appear next to the fields, typed values kept, password not")
        void fieldErrors() throws Exception {
            users().onRegister((request, context) -> {
                throw RpcException.invalid(Map.of(
                        "email", "is not an e-mail address",
                        "password", "must be at least 12 characters"));
            });
            OpenedForm form = openSignupPage();

            HttpResponse<String> page = gateway.postForm("/signup",
                    form.submit("not-an-address", "hunter2-secret", "<b>Ada</b>"), "Cookie", form.csrfCookie());

            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body())
                    .contains("id=\"email-error\">is not an e-mail address<")
                    .contains("id=\"password-error\">must be at least 12 characters<")
                    .contains("value=\"not-an-address\"")
                    .contains("value=\"&lt;b&gt;Ada&lt;/b&gt;\"")
                    .doesNotContain("<b>Ada</b>")
                    .doesNotContain("hunter2-secret");
        }

        @Test
        @DisplayName("an e-mail address already taken: 409 with the service's message on the page")
        void conflict() throws Exception {
            users().onRegister((request, context) -> {
                throw RpcException.conflict("This e-mail address is already registered.");
            });
            OpenedForm form = openSignupPage();

            HttpResponse<String> page = gateway.postForm("/signup",
                    form.submit("ada@example.com", "correct horse battery staple", "Ada"), "Cookie", form.csrfCookie());

            assertThat(page.statusCode()).isEqualTo(409);
            assertThat(page.body()).contains("This e-mail address is already registered.")
                    .contains("value=\"ada@example.com\"");
            assertThat(RunningGateway.setCookie(page, "eventsaas_session")).isNull();
        }

        @Test
        @DisplayName("no users service: 503 and the form again, values kept")
        void serviceUnavailable() {
            OpenedForm form = openSignupPage();

            HttpResponse<String> page = gateway.postForm("/signup",
                    form.submit("ada@example.com", "correct horse battery staple", "Ada"), "Cookie", form.csrfCookie());

            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("not available right now").contains("value=\"ada@example.com\"")
                    .contains("value=\"" + form.commandId() + "\"");
        }
    }

    @Nested
    @DisplayName("CSRF protection")
    class Csrf {

        @Test
        @DisplayName("a form POST without the token, with a wrong one or without the cookie: 403 and no RPC")
        void refused() throws Exception {
            users();
            OpenedForm form = openSignupPage();
            Map<String, String> withoutToken = form.submit("ada@example.com", "correct horse battery staple", "Ada");
            withoutToken.remove("_csrf");
            Map<String, String> wrongToken = form.submit("ada@example.com", "correct horse battery staple", "Ada");
            wrongToken.put("_csrf", form.csrfToken().replaceFirst(".$", "0").equals(form.csrfToken())
                    ? form.csrfToken().replaceFirst(".$", "1") : form.csrfToken().replaceFirst(".$", "0"));

            HttpResponse<String> missing = gateway.postForm("/signup", withoutToken, "Cookie", form.csrfCookie());
            HttpResponse<String> wrong = gateway.postForm("/signup", wrongToken, "Cookie", form.csrfCookie());
            HttpResponse<String> noCookie = gateway.postForm("/signup",
                    form.submit("ada@example.com", "correct horse battery staple", "Ada"));

            assertThat(missing.statusCode()).isEqualTo(403);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(noCookie.statusCode()).isEqualTo(403);
            assertThat(missing.body()).contains("did not come from this site").doesNotContain("Exception");
            assertThat(users.received()).isEmpty();
        }
    }

    @Nested
    @DisplayName("the signed-in area /app")
    class App {

        @Test
        @DisplayName("without a session cookie: redirect to /login, and back to /app afterwards")
        void noCookie() {
            HttpResponse<String> response = gateway.get("/app");

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login?next=%2Fapp"));
        }

        @Test
        @DisplayName("with a session token user-service does not know (ended, expired, made up): redirect to /login")
        void unknownToken() throws Exception {
            users();

            for (String token : new String[] {"st-ada-x", "st-ad", "user-42", ""}) {
                HttpResponse<String> response = gateway.get("/app", "Cookie", "eventsaas_session=" + token);
                assertThat(response.statusCode()).as(token).isEqualTo(302);
                assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                        location -> assertThat(location).contains("/login"));
            }
            assertThat(users.received()).isEmpty();
            assertThat(gateway.get("/app", "Cookie", "eventsaas_session=st-ada").statusCode()).isEqualTo(200);
        }

        @Test
        @DisplayName("when the users service fails: a friendly error page without internals")
        void serviceFails() throws Exception {
            users().onGetUser((request, context) -> {
                // Words no correlation id (a UUID: hex digits and dashes) can contain by chance.
                throw new IllegalStateException("pool exhausted at primary-postgres.internal");
            });

            HttpResponse<String> response = gateway.get("/app", "Cookie", "eventsaas_session=st-ada");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).contains("Something went wrong").doesNotContain("pool exhausted")
                    .doesNotContain("primary-postgres").doesNotContain("IllegalStateException");
        }
    }

    @Test
    @DisplayName("/ shows 'not available yet', then the counts once a PlatformSummaryView is in the views bucket")
    void homeShowsTheView() throws Exception {
        HttpResponse<String> before = gateway.get("/");
        assertThat(before.body()).contains("not available yet").contains("href=\"/signup\"");
        assertThat(before.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'none'").contains("frame-ancestors 'none'"));

        Instant now = Instant.now();
        PlatformSummaryView view = PlatformSummaryView.newBuilder()
                .setUsers(1234)
                .setOrganizations(1301)
                .addLatestSignups(RecentSignup.newBuilder().setDisplayName("Grace <Hopper>")
                        .setRegisteredAt(Timestamp.newBuilder().setSeconds(now.minusSeconds(180).getEpochSecond())))
                .addLatestSignups(RecentSignup.newBuilder().setDisplayName("Ada Lovelace")
                        .setRegisteredAt(Timestamp.newBuilder().setSeconds(now.minusSeconds(7_200).getEpochSecond())))
                .setAsOfSequence(99)
                .build();
        try (Connection nc = Nats.connect(TestInfrastructure.natsUrl())) {
            KeyValueBuckets.ensure(nc, new Namespace(namespace), Buckets.VIEWS, 1)
                    .put(Buckets.PLATFORM_SUMMARY, view.toByteArray());
        }

        String page = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            page = gateway.get("/").body();
            if (page.contains("1234")) {
                break;
            }
            RunningGateway.sleep(50);
        }
        assertThat(page).contains("id=\"users-count\">1234<").contains("id=\"organizations-count\">1301<")
                .contains("Grace &lt;Hopper&gt;").contains("3 minutes ago")
                .contains("Ada Lovelace").contains("2 hours ago")
                .doesNotContain("not available yet");
    }

    @Test
    @DisplayName("an unknown page: a friendly 404 page")
    void notFoundPage() {
        HttpResponse<String> response = gateway.get("/no-such-page");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("Page not found").contains("href=\"/\"");
        assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
    }
}
