package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AcceptInvitation;
import io.eventsaas.contracts.users.ChangeMemberRole;
import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.CreateOrganization;
import io.eventsaas.contracts.users.EndSession;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.Erasure;
import io.eventsaas.contracts.users.GetInvitation;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.InvitationDetails;
import io.eventsaas.contracts.users.InvitationIssued;
import io.eventsaas.contracts.users.InvitationList;
import io.eventsaas.contracts.users.InviteMember;
import io.eventsaas.contracts.users.ListApiKeys;
import io.eventsaas.contracts.users.ListInvitations;
import io.eventsaas.contracts.users.ListMembers;
import io.eventsaas.contracts.users.Member;
import io.eventsaas.contracts.users.MemberList;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.RenameUser;
import io.eventsaas.contracts.users.SessionEnded;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.ApiKeyList;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The identity pages as a browser without JavaScript uses them, against the real NATS server and a stand-in users
 * service: signing in and out, the organisation page, settings, invitations and /admin. Every page needs a session
 * (else to /login and back), every form needs its CSRF token, and whatever a user typed is shown escaped.
 */
@DisplayName("Identity pages")
class IdentityPagesIT extends AgainstRunningGateway {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final String EVIL = "<script>alert(1)</script>";

    private String csrfCookie;
    private String csrfToken;

    @BeforeAll
    void openLoginForm() {
        HttpResponse<String> login = gateway.get("/login");
        csrfCookie = RunningGateway.cookiePair(login, "eventsaas_csrf");
        Matcher token = CSRF_FIELD.matcher(login.body());
        assertThat(token.find()).isTrue();
        csrfToken = token.group(1);
    }

    @BeforeEach
    void startStub() throws Exception {
        startUsers()
                .userSession("st-ada", "user-42", "Ada " + EVIL, "ada@example.com")
                .session("st-admin", Caller.newBuilder().setUserId("user-1").setSessionId("s-1")
                        .setPlatformAdmin(true).build(), "Grace", "grace@example.com")
                .onGetUser((request, context) -> UserDetails.newBuilder().setUserId(request.getUserId())
                        .setEmail("ada@example.com").setDisplayName("Ada " + EVIL)
                        .addOrganizations(OrganizationSummary.newBuilder().setOrganizationId("org-1")
                                .setName("Acme " + EVIL).setRole("owner"))
                        .build());
        users.on(Endpoints.GET_ORGANIZATION, (GetOrganization request, RpcContext c) -> {
            if (!request.getOrganizationId().equals("org-1")) {
                throw RpcException.notFound("no such organisation");
            }
            return OrganizationDetails.newBuilder().setOrganizationId("org-1").setName("Acme " + EVIL)
                    .setCallerRole("owner").setMemberCount(2).build();
        });
        users.on(Endpoints.LIST_MEMBERS, (ListMembers request, RpcContext c) -> MemberList.newBuilder()
                .addMembers(Member.newBuilder().setUserId("user-42").setDisplayName("Ada " + EVIL)
                        .setEmail("ada@example.com").setRole("owner"))
                .addMembers(Member.newBuilder().setUserId("user-43").setDisplayName("Bob")
                        .setEmail("bob@example.com").setRole("member"))
                .build());
        users.on(Endpoints.LIST_INVITATIONS, (ListInvitations request, RpcContext c) ->
                InvitationList.getDefaultInstance());
        users.on(Endpoints.LIST_API_KEYS, (ListApiKeys request, RpcContext c) -> ApiKeyList.getDefaultInstance());
    }

    private HttpResponse<String> page(String path, String session) {
        return gateway.get(path, "Cookie", "eventsaas_session=" + session);
    }

    /** A form as the browser submits it: with the CSRF cookie and field, and the session cookie when given. */
    private HttpResponse<String> submit(String path, String session, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrfToken);
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        String cookies = session == null ? csrfCookie : csrfCookie + "; eventsaas_session=" + session;
        return gateway.postForm(path, form, "Cookie", cookies);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    @DisplayName("every signed-in page without a session, or with one user-service refuses: to /login and back")
    void pagesNeedASession() {
        for (String path : List.of("/app", "/app/orgs/org-1", "/app/settings")) {
            for (String cookie : new String[] {null, "st-unknown"}) {
                HttpResponse<String> response = cookie == null ? gateway.get(path) : page(path, cookie);
                assertThat(response.statusCode()).as(path).isEqualTo(302);
                assertThat(location(response)).as(path)
                        .endsWith("/login?next=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(users.received()).isEmpty();
    }

    @Test
    @DisplayName("every form without its CSRF token (or with a forged one): 403 and nothing forwarded")
    void formsNeedTheCsrfToken() {
        for (String path : List.of("/login", "/logout", "/signup", "/app/orgs", "/app/orgs/org-1/invitations",
                "/app/orgs/org-1/members/user-43/role", "/app/orgs/org-1/members/user-43/remove",
                "/app/orgs/org-1/invitations/inv-1/revoke", "/app/orgs/org-1/api-keys",
                "/app/orgs/org-1/api-keys/key-1/revoke", "/app/settings/profile", "/app/settings/password",
                "/app/settings/delete", "/invitations/tok-1/accept")) {
            HttpResponse<String> missing = gateway.postForm(path, Map.of("name", "x"),
                    "Cookie", csrfCookie + "; eventsaas_session=st-ada");
            HttpResponse<String> forged = gateway.postForm(path, Map.of("_csrf", "0123.abcd", "name", "x"),
                    "Cookie", "eventsaas_csrf=0123.abcd; eventsaas_session=st-ada");
            assertThat(missing.statusCode()).as(path).isEqualTo(403);
            assertThat(forged.statusCode()).as(path).isEqualTo(403);
        }
        assertThat(users.received()).isEmpty();
    }

    @Nested
    @DisplayName("signing in and out")
    class SignInOut {

        @Test
        @DisplayName("the form signs in: the session token in the cookie, then on to ?next= (a local path only)")
        void signIn() {
            users.on(Endpoints.START_SESSION, (StartSession request, RpcContext c) -> SessionGrant.newBuilder()
                    .setSessionToken("st-ada").setUserId("user-42").build());

            HttpResponse<String> form = gateway.get("/login?next=/invitations/tok-1");
            HttpResponse<String> signedIn = submit("/login", null, "email", "ada@example.com",
                    "password", "correct horse", "next", "/invitations/tok-1");
            HttpResponse<String> elsewhere = submit("/login", null, "email", "ada@example.com",
                    "password", "correct horse", "next", "//evil.example/steal");

            assertThat(form.body()).contains("name=\"next\" value=\"/invitations/tok-1\"");
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(location(signedIn)).endsWith("/invitations/tok-1");
            assertThat(RunningGateway.setCookie(signedIn, "eventsaas_session")).startsWith("eventsaas_session=st-ada;")
                    .contains("HttpOnly").contains("SameSite=Lax");
            assertThat(location(elsewhere)).endsWith("/app").doesNotContain("evil");
            assertThat(((StartSession) users.received().getFirst().request()).getEmail()).isEqualTo("ada@example.com");
        }

        @Test
        @DisplayName("wrong credentials: 401, the message on the form, the e-mail kept; 429 with Retry-After")
        void refused() {
            users.on(Endpoints.START_SESSION, (StartSession request, RpcContext c) -> {
                if (request.getPassword().equals("wrong")) {
                    throw RpcException.unauthorized("Wrong e-mail address or password.");
                }
                throw new RpcException(RpcStatus.TOO_MANY_REQUESTS, "Too many attempts.",
                        Map.of("retry_after_seconds", "60"));
            });

            HttpResponse<String> wrong = submit("/login", null, "email", EVIL, "password", "wrong");
            HttpResponse<String> limited = submit("/login", null, "email", "ada@example.com", "password", "x");

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong e-mail address or password.")
                    .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"").doesNotContain(EVIL)
                    .doesNotContain("value=\"wrong\"");
            assertThat(RunningGateway.setCookie(wrong, "eventsaas_session")).isNull();
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(limited.body()).contains("Too many attempts.");
        }

        @Test
        @DisplayName("sign out: user-service ends the session, the cookie is cleared, back to the start page")
        void signOut() {
            users.on(Endpoints.END_SESSION, (EndSession request, RpcContext c) -> SessionEnded.getDefaultInstance());

            HttpResponse<String> response = submit("/logout", "st-ada");

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(location(response)).endsWith("/");
            assertThat(RunningGateway.setCookie(response, "eventsaas_session")).contains("Max-Age=0");
            assertThat(users.received()).singleElement().satisfies(received -> {
                assertThat(((EndSession) received.request()).getSessionToken()).isEqualTo("st-ada");
                assertThat(received.caller().getUserId()).isEqualTo("user-42");
            });
        }
    }

    @Nested
    @DisplayName("the signed-in pages")
    class SignedInPages {

        @Test
        @DisplayName("/app: the navigation names who is signed in; names are escaped everywhere")
        void appEscapes() {
            HttpResponse<String> app = page("/app", "st-ada");

            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(app.body()).doesNotContain(EVIL)
                    .contains("id=\"signed-in-as\">Ada &lt;script&gt;alert(1)&lt;/script&gt;<")
                    .contains("Acme &lt;script&gt;alert(1)&lt;/script&gt;")
                    .contains("href=\"/app/orgs/org-1\"").contains("action=\"/logout\"");
        }

        @Test
        @DisplayName("create an organisation: on to its page; the form's command id goes along")
        void createOrganisation() {
            users.on(Endpoints.CREATE_ORGANIZATION, (CreateOrganization request, RpcContext c) ->
                    OrganizationDetails.newBuilder().setOrganizationId("org-9").setName(request.getName()).build());

            HttpResponse<String> created = submit("/app/orgs", "st-ada", "name", "Widgets",
                    "commandId", "6f1c1a52-7a1e-4b43-9d0e-6a6c1c1e1e01");

            assertThat(created.statusCode()).isEqualTo(302);
            assertThat(location(created)).endsWith("/app/orgs/org-9");
            CreateOrganization sent = (CreateOrganization) users.received(Endpoints.CREATE_ORGANIZATION).getFirst()
                    .request();
            assertThat(sent.getName()).isEqualTo("Widgets");
            assertThat(sent.getCommandId()).isEqualTo("6f1c1a52-7a1e-4b43-9d0e-6a6c1c1e1e01");
        }

        @Test
        @DisplayName("the organisation page: members with roles, escaped; another organisation is 404")
        void organisationPage() {
            HttpResponse<String> org = page("/app/orgs/org-1", "st-ada");
            HttpResponse<String> other = page("/app/orgs/org-2", "st-ada");

            assertThat(org.statusCode()).isEqualTo(200);
            assertThat(org.body()).doesNotContain(EVIL).contains("Ada &lt;script&gt;")
                    .contains("bob@example.com").contains("Leave").contains("Remove")
                    .contains("action=\"/app/orgs/org-1/invitations\"");
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(users.received(Endpoints.GET_ORGANIZATION)).allSatisfy(received ->
                    assertThat(received.caller().getUserId()).isEqualTo("user-42"));
        }

        @Test
        @DisplayName("invite: the link is shown once on the page; a refusal shows next to the form")
        void invite() {
            users.on(Endpoints.INVITE_MEMBER, (InviteMember request, RpcContext c) -> {
                if (request.getEmail().equals("bad")) {
                    throw RpcException.invalid(Map.of("email", "is not an e-mail address"));
                }
                return InvitationIssued.newBuilder().setInvitationId("inv-1").setToken("tok-abc").build();
            });

            HttpResponse<String> invited = submit("/app/orgs/org-1/invitations", "st-ada", "email", "bob@example.com",
                    "role", "admin");
            HttpResponse<String> refused = submit("/app/orgs/org-1/invitations", "st-ada", "email", "bad",
                    "role", "member");

            assertThat(invited.statusCode()).isEqualTo(200);
            assertThat(invited.body()).contains("value=\"" + gateway.baseUrl() + "/invitations/tok-abc\"");
            InviteMember sent = (InviteMember) users.received(Endpoints.INVITE_MEMBER).getFirst().request();
            assertThat(sent.getRole()).isEqualTo("admin");
            assertThat(sent.getOrganizationId()).isEqualTo("org-1");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"invite-email-error\">is not an e-mail address<")
                    .contains("value=\"bad\"");
        }

        @Test
        @DisplayName("an invitation beyond the plan's seats: 409 and the service's message on the invitation form, "
                + "with what was typed kept")
        void inviteBeyondTheSeats() {
            users.on(Endpoints.INVITE_MEMBER, (InviteMember request, RpcContext c) -> {
                throw RpcException.conflict("the Free plan has 3 seats, all taken or invited: upgrade the plan or "
                        + "remove a member");
            });

            HttpResponse<String> refused = submit("/app/orgs/org-1/invitations", "st-ada", "email",
                    "fourth@example.com", "role", "member");

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("id=\"invite-error\">the Free plan has 3 seats, all taken or invited: "
                    + "upgrade the plan or remove a member<").contains("value=\"fourth@example.com\"")
                    .doesNotContain("id=\"invite-link\"");
        }

        @Test
        @DisplayName("a role change that would leave no owner: 409 and the service's message above the members")
        void lastOwner() {
            users.on(Endpoints.CHANGE_MEMBER_ROLE, (ChangeMemberRole request, RpcContext c) -> {
                throw RpcException.conflict("An organisation keeps at least one owner.");
            });

            HttpResponse<String> response = submit("/app/orgs/org-1/members/user-42/role", "st-ada",
                    "role", "member");

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("id=\"members-error\">An organisation keeps at least one owner.<");
        }

        @Test
        @DisplayName("settings: rename, change the password (this browser gets the new session), delete the account")
        void settings() {
            users.on(Endpoints.RENAME_USER, (RenameUser request, RpcContext c) -> UserDetails.getDefaultInstance());
            users.on(Endpoints.CHANGE_PASSWORD, (ChangePassword request, RpcContext c) -> {
                if (!request.getCurrentPassword().equals("old")) {
                    throw RpcException.invalid(Map.of("currentPassword", "Current password is wrong"));
                }
                return SessionGrant.newBuilder().setSessionToken("st-ada-2").setUserId("user-42").build();
            });
            users.on(Endpoints.ERASE_USER, (EraseUser request, RpcContext c) ->
                    Erasure.newBuilder().setUserId("user-42").build());

            HttpResponse<String> settings = page("/app/settings", "st-ada");
            HttpResponse<String> renamed = submit("/app/settings/profile", "st-ada", "name", "Ada King");
            HttpResponse<String> wrong = submit("/app/settings/password", "st-ada", "currentPassword", "guess",
                    "newPassword", "new password 123");
            HttpResponse<String> changed = submit("/app/settings/password", "st-ada", "currentPassword", "old",
                    "newPassword", "new password 123");
            HttpResponse<String> deleted = submit("/app/settings/delete", "st-ada", "password", "pw");

            assertThat(settings.statusCode()).isEqualTo(200);
            assertThat(settings.body()).contains("action=\"/app/settings/delete\"").doesNotContain(EVIL);
            assertThat(location(renamed)).endsWith("/app/settings?saved=profile");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("id=\"current-password-error\">Current password is wrong<")
                    .doesNotContain("guess");
            assertThat(location(changed)).endsWith("/app/settings?saved=password");
            assertThat(RunningGateway.setCookie(changed, "eventsaas_session")).startsWith("eventsaas_session=st-ada-2;");
            assertThat(deleted.statusCode()).isEqualTo(200);
            assertThat(deleted.body()).contains("Your account is deleted");
            assertThat(RunningGateway.setCookie(deleted, "eventsaas_session")).contains("Max-Age=0");
            assertThat(((RenameUser) users.received(Endpoints.RENAME_USER).getFirst().request()).getDisplayName())
                    .isEqualTo("Ada King");
        }

        @Test
        @DisplayName("the navigation offers /admin to platform admins only")
        void adminLink() {
            HttpResponse<String> user = page("/app", "st-ada");
            HttpResponse<String> admin = page("/app", "st-admin");

            assertThat(user.body()).doesNotContain("href=\"/admin\"");
            assertThat(admin.body()).contains("href=\"/admin\"").contains("id=\"signed-in-as\">Grace<");
        }

        @Test
        @DisplayName("an error page still shows who is signed in")
        void errorPageHeader() {
            HttpResponse<String> missing = page("/app/orgs/org-2", "st-ada");

            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("id=\"signed-in-as\">Ada &lt;script&gt;").doesNotContain(EVIL);
        }
    }

    @Nested
    @DisplayName("the invitation page")
    class InvitationPage {

        private void invitation(String status) {
            invitation(status, "bob@example.com");
        }

        private void invitation(String status, String email) {
            users.on(Endpoints.GET_INVITATION, (GetInvitation request, RpcContext c) -> InvitationDetails.newBuilder()
                    .setInvitationId("inv-1").setOrganizationId("org-1").setOrganizationName("Acme " + EVIL)
                    .setRole("member").setInvitedByName("Ada").setEmail(email).setStatus(status).build());
        }

        @Test
        @DisplayName("expired: user-service answers without the invitee's address, and the page names none")
        void expired() {
            invitation("expired", "");

            HttpResponse<String> response = gateway.get("/invitations/tok-1");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("invited <strong>someone</strong>")
                    .contains("id=\"invitation-status\">This invitation is expired: ask for a new one.<")
                    .doesNotContain("bob@example.com").doesNotContain("id=\"sign-in-to-accept\"");
        }

        @Test
        @DisplayName("signed out: what it is, and sign in or sign up to come back to it")
        void signedOut() {
            invitation("open");

            HttpResponse<String> response = gateway.get("/invitations/tok-1");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain(EVIL).contains("Acme &lt;script&gt;")
                    .contains("bob@example.com").contains("href=\"/login?next=/invitations/tok-1\"")
                    .contains("href=\"/signup?next=/invitations/tok-1\"").doesNotContain("id=\"accept\"");
            assertThat(((GetInvitation) users.received().getFirst().request()).getToken()).isEqualTo("tok-1");
        }

        @Test
        @DisplayName("signed in: accept, then on to the organisation; an expired one says so with 410")
        void accept() {
            invitation("open");
            users.on(Endpoints.ACCEPT_INVITATION, (AcceptInvitation request, RpcContext c) -> {
                if (request.getToken().equals("old")) {
                    throw RpcException.gone("This invitation has expired.");
                }
                return OrganizationDetails.newBuilder().setOrganizationId("org-1").build();
            });

            HttpResponse<String> shown = page("/invitations/tok-1", "st-ada");
            HttpResponse<String> accepted = submit("/invitations/tok-1/accept", "st-ada");
            HttpResponse<String> expired = submit("/invitations/old/accept", "st-ada");

            assertThat(shown.body()).contains("id=\"accept\"");
            assertThat(location(accepted)).endsWith("/app/orgs/org-1");
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("This invitation has expired.");
            assertThat(users.received(Endpoints.ACCEPT_INVITATION).getFirst().caller().getUserId())
                    .isEqualTo("user-42");
        }

        @Test
        @DisplayName("signed in, accepting when the plan has no seat left: 409, the message on the page, and the "
                + "invitation still open to accept later")
        void acceptWithoutASeat() {
            invitation("open");
            users.on(Endpoints.ACCEPT_INVITATION, (AcceptInvitation request, RpcContext c) -> {
                throw RpcException.conflict("the Free plan has 3 seats, all taken: ask an owner or admin of the "
                        + "organisation to upgrade the plan or remove a member, then accept again");
            });

            HttpResponse<String> refused = submit("/invitations/tok-1/accept", "st-ada");

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("id=\"invitation-error\">the Free plan has 3 seats, all taken: ask an "
                    + "owner or admin of the organisation to upgrade the plan or remove a member, then accept again<")
                    .contains("id=\"accept\"");
        }
    }
}
