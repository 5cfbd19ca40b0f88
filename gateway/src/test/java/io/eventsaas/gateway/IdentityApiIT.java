package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AcceptInvitation;
import io.eventsaas.contracts.users.ApiKey;
import io.eventsaas.contracts.users.ApiKeyIssued;
import io.eventsaas.contracts.users.ApiKeyList;
import io.eventsaas.contracts.users.ChangeMemberRole;
import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.CreateApiKey;
import io.eventsaas.contracts.users.CreateOrganization;
import io.eventsaas.contracts.users.EndSession;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.Erasure;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.Invitation;
import io.eventsaas.contracts.users.InvitationIssued;
import io.eventsaas.contracts.users.InvitationList;
import io.eventsaas.contracts.users.InviteMember;
import io.eventsaas.contracts.users.ListMembers;
import io.eventsaas.contracts.users.Member;
import io.eventsaas.contracts.users.MemberList;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.RemoveMember;
import io.eventsaas.contracts.users.RenameUser;
import io.eventsaas.contracts.users.RevokeApiKey;
import io.eventsaas.contracts.users.RevokeInvitation;
import io.eventsaas.contracts.users.SessionEnded;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity part of the JSON API (sessions, /me, organisations, members, invitations, API keys) against the real
 * NATS server and a stand-in users service: every protected endpoint refuses a request without credentials before
 * any RPC, the caller user-service vouched for travels with every request, and the service's refusals come back
 * with their HTTP status. The gateway decides nothing itself.
 */
@DisplayName("Identity API")
class IdentityApiIT extends AgainstRunningGateway {

    private static final String ADA = "Bearer st-ada";
    private static final Timestamp EXPIRES = Timestamp.newBuilder().setSeconds(1_800_000_000L).build();

    /** Every endpoint that needs someone signed in: method, path, body. */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"DELETE", "/api/v1/sessions/current", null},
            new String[] {"GET", "/api/v1/me", null},
            new String[] {"PATCH", "/api/v1/me", "{\"name\":\"Ada\"}"},
            new String[] {"POST", "/api/v1/me/password", "{\"currentPassword\":\"a\",\"newPassword\":\"b\"}"},
            new String[] {"DELETE", "/api/v1/me", "{\"password\":\"a\"}"},
            new String[] {"GET", "/api/v1/users/user-42", null},
            new String[] {"POST", "/api/v1/orgs", "{\"name\":\"Acme\"}"},
            new String[] {"GET", "/api/v1/orgs/org-1", null},
            new String[] {"GET", "/api/v1/orgs/org-1/members", null},
            new String[] {"PATCH", "/api/v1/orgs/org-1/members/user-43", "{\"role\":\"admin\"}"},
            new String[] {"DELETE", "/api/v1/orgs/org-1/members/user-43", null},
            new String[] {"POST", "/api/v1/orgs/org-1/invitations", "{\"email\":\"b@example.com\",\"role\":\"member\"}"},
            new String[] {"GET", "/api/v1/orgs/org-1/invitations", null},
            new String[] {"DELETE", "/api/v1/orgs/org-1/invitations/inv-1", null},
            new String[] {"POST", "/api/v1/invitations/tok-1/accept", null},
            new String[] {"POST", "/api/v1/orgs/org-1/api-keys", "{\"name\":\"CI\"}"},
            new String[] {"GET", "/api/v1/orgs/org-1/api-keys", null},
            new String[] {"DELETE", "/api/v1/orgs/org-1/api-keys/key-1", null});

    private final ObjectMapper json = JsonMapper.builder().build();
    @BeforeEach
    void startStub() throws Exception {
        startUsers()
                .userSession("st-ada", "user-42", "Ada Lovelace", "ada@example.com")
                .apiKey("esk_ci", Caller.newBuilder().setApiKeyId("key-1").setOrganizationId("org-1")
                        .setRole("admin").build(), "CI");
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) {
        return gateway.call(method, path, body, headers);
    }

    @Test
    @DisplayName("every protected endpoint without credentials, or with a token user-service refuses: 401 "
            + "problem+json with WWW-Authenticate: Bearer, and nothing is forwarded")
    void authenticationRequired() {
        for (String[] endpoint : PROTECTED) {
            String name = endpoint[0] + " " + endpoint[1];
            for (String[] headers : new String[][] {{}, {"Authorization", "Bearer st-unknown"},
                    {"Authorization", "Bearer esk_unknown"}, {"Authorization", "Basic YWRhOnB3"},
                    {"Cookie", "eventsaas_session=st-ada"}}) {
                HttpResponse<String> response = send(endpoint[0], endpoint[1], endpoint[2], headers);
                String as = name + " " + String.join(" ", headers);
                assertThat(response.statusCode()).as(as).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(as).hasValue("Bearer");
                assertThat(response.headers().firstValue("Content-Type")).as(as).hasValue("application/problem+json");
            }
        }
        assertThat(users.received()).as("the API never honours the browser's cookie, and forwards nothing")
                .isEmpty();
    }

    @Nested
    @DisplayName("sessions")
    class Sessions {

        @Test
        @DisplayName("POST /api/v1/sessions: 201 with the token, its user and expiry; no caller is sent")
        void signIn() {
            users.on(Endpoints.START_SESSION, (StartSession request, io.eventsaas.platform.rpc.RpcContext context) ->
                    SessionGrant.newBuilder().setSessionToken("st-new").setUserId("user-42").setExpiresAt(EXPIRES)
                            .build());

            HttpResponse<String> response = gateway.postJson("/api/v1/sessions",
                    "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery staple\"}",
                    "User-Agent", "Browser/1.0");

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(body(response).get("token").stringValue()).isEqualTo("st-new");
            assertThat(body(response).get("userId").stringValue()).isEqualTo("user-42");
            assertThat(body(response).get("expiresAt").stringValue()).isEqualTo("2027-01-15T08:00:00Z");
            assertThat(users.received()).singleElement().satisfies(received -> {
                StartSession command = (StartSession) received.request();
                assertThat(command.getEmail()).isEqualTo("ada@example.com");
                assertThat(command.getPassword()).isEqualTo("correct horse battery staple");
                assertThat(command.getUserAgent()).isEqualTo("Browser/1.0");
                assertThat(received.caller()).isNull();
            });
        }

        @Test
        @DisplayName("wrong credentials: 401; too many failures: 429 with Retry-After from the service's answer")
        void refused() {
            users.on(Endpoints.START_SESSION, (StartSession request, io.eventsaas.platform.rpc.RpcContext context) -> {
                if (request.getPassword().equals("wrong")) {
                    throw RpcException.unauthorized("wrong e-mail address or password");
                }
                throw new RpcException(RpcStatus.TOO_MANY_REQUESTS, "too many failed sign-ins for this e-mail "
                        + "address; try again after " + Instant.now().plusSeconds(600).toString().replaceAll(
                        "\\.\\d+Z$", "Z") + " (in 10 minutes)");
            });

            HttpResponse<String> wrong = gateway.postJson("/api/v1/sessions",
                    "{\"email\":\"ada@example.com\",\"password\":\"wrong\"}");
            HttpResponse<String> limited = gateway.postJson("/api/v1/sessions",
                    "{\"email\":\"ada@example.com\",\"password\":\"again\"}");

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(body(wrong).get("detail").stringValue()).isEqualTo("wrong e-mail address or password");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Long.parseLong(seconds)).isBetween(590L, 600L));
            assertThat(body(limited).get("detail").stringValue()).contains("too many failed sign-ins");
        }

        @Test
        @DisplayName("DELETE /api/v1/sessions/current: ends the bearer's own session, 204; an API key cannot, 403")
        void signOut() {
            users.on(Endpoints.END_SESSION, (EndSession request, io.eventsaas.platform.rpc.RpcContext context) ->
                    SessionEnded.getDefaultInstance());

            HttpResponse<String> response = send("DELETE", "/api/v1/sessions/current", null, "Authorization", ADA);
            HttpResponse<String> apiKey = send("DELETE", "/api/v1/sessions/current", null,
                    "Authorization", "Bearer esk_ci");

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(apiKey.statusCode()).isEqualTo(403);
            assertThat(users.received()).singleElement().satisfies(received -> {
                assertThat(((EndSession) received.request()).getSessionToken()).isEqualTo("st-ada");
                assertThat(received.caller().getUserId()).isEqualTo("user-42");
            });
        }
    }

    @Nested
    @DisplayName("/api/v1/me")
    class Me {

        @Test
        @DisplayName("GET: the caller's own user, asked for with their caller; an API key gets 403 and nothing is asked")
        void get() {
            users.onGetUser((request, context) -> UserDetails.newBuilder().setUserId(request.getUserId())
                    .setEmail("ada@example.com").setDisplayName("Ada Lovelace")
                    .addOrganizations(OrganizationSummary.newBuilder().setOrganizationId("org-1").setName("Acme")
                            .setRole("owner"))
                    .build());

            HttpResponse<String> response = gateway.get("/api/v1/me", "Authorization", ADA);
            HttpResponse<String> apiKey = gateway.get("/api/v1/me", "Authorization", "Bearer esk_ci");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode me = body(response);
            assertThat(me.get("userId").stringValue()).isEqualTo("user-42");
            assertThat(me.get("email").stringValue()).isEqualTo("ada@example.com");
            assertThat(me.get("name").stringValue()).isEqualTo("Ada Lovelace");
            assertThat(me.get("orgs").get(0).get("orgId").stringValue()).isEqualTo("org-1");
            assertThat(me.get("orgs").get(0).get("name").stringValue()).isEqualTo("Acme");
            assertThat(me.get("orgs").get(0).get("role").stringValue()).isEqualTo("owner");
            assertThat(apiKey.statusCode()).isEqualTo(403);
            assertThat(users.received()).singleElement().satisfies(received -> {
                assertThat(((GetUser) received.request()).getUserId()).isEqualTo("user-42");
                assertThat(received.caller().getUserId()).isEqualTo("user-42");
            });
        }

        @Test
        @DisplayName("PATCH renames; the service's field error comes back under the gateway's field name")
        void rename() {
            users.on(Endpoints.RENAME_USER, (RenameUser request, io.eventsaas.platform.rpc.RpcContext context) -> {
                if (request.getDisplayName().isBlank()) {
                    throw RpcException.invalid(Map.of("display_name", "must not be empty"));
                }
                return UserDetails.newBuilder().setUserId("user-42").setDisplayName(request.getDisplayName()).build();
            });

            HttpResponse<String> renamed = send("PATCH", "/api/v1/me", "{\"name\":\"Ada King\"}", "Authorization", ADA);
            HttpResponse<String> empty = send("PATCH", "/api/v1/me", "{\"name\":\" \"}", "Authorization", ADA);

            assertThat(renamed.statusCode()).isEqualTo(200);
            assertThat(body(renamed).get("name").stringValue()).isEqualTo("Ada King");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(body(empty).get("errors").get("name").stringValue()).isEqualTo("must not be empty");
        }

        @Test
        @DisplayName("POST /password: the new session's token; a wrong current password is the service's 400")
        void changePassword() {
            users.on(Endpoints.CHANGE_PASSWORD, (ChangePassword request,
                    io.eventsaas.platform.rpc.RpcContext context) -> {
                if (!request.getCurrentPassword().equals("old password")) {
                    throw RpcException.invalid(Map.of("currentPassword", "Current password is wrong"));
                }
                return SessionGrant.newBuilder().setSessionToken("st-after").setUserId("user-42")
                        .setExpiresAt(EXPIRES).build();
            });

            HttpResponse<String> changed = gateway.postJson("/api/v1/me/password",
                    "{\"currentPassword\":\"old password\",\"newPassword\":\"new password 123\"}", "Authorization", ADA);
            HttpResponse<String> wrong = gateway.postJson("/api/v1/me/password",
                    "{\"currentPassword\":\"guess\",\"newPassword\":\"new password 123\"}", "Authorization", ADA);

            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(body(changed).get("token").stringValue()).isEqualTo("st-after");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(body(wrong).get("errors").get("currentPassword").stringValue())
                    .isEqualTo("Current password is wrong");
            assertThat(wrong.body()).doesNotContain("guess");
            ChangePassword sent = (ChangePassword) users.received().getFirst().request();
            assertThat(sent.getNewPassword()).isEqualTo("new password 123");
        }

        @Test
        @DisplayName("DELETE with the password: erased, with the organisations closed or passed on")
        void erase() {
            users.on(Endpoints.ERASE_USER, (EraseUser request, io.eventsaas.platform.rpc.RpcContext context) ->
                    Erasure.newBuilder().setUserId("user-42").addClosedOrganizationIds("org-9")
                            .addTransferredOrganizationIds("org-1").build());

            HttpResponse<String> response = send("DELETE", "/api/v1/me", "{\"password\":\"pw\"}", "Authorization", ADA);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("closedOrgIds").get(0).stringValue()).isEqualTo("org-9");
            assertThat(body(response).get("transferredOrgIds").get(0).stringValue()).isEqualTo("org-1");
            assertThat(((EraseUser) users.received().getFirst().request()).getPassword()).isEqualTo("pw");
        }
    }

    @Nested
    @DisplayName("organisations and members")
    class Organisations {

        private OrganizationDetails acme(String role) {
            return OrganizationDetails.newBuilder().setOrganizationId("org-1").setName("Acme").setCallerRole(role)
                    .setMemberCount(2).build();
        }

        @Test
        @DisplayName("POST /api/v1/orgs: the Idempotency-Key is the command id; 201 with its Location")
        void create() {
            users.on(Endpoints.CREATE_ORGANIZATION, (CreateOrganization request,
                    io.eventsaas.platform.rpc.RpcContext context) -> acme("owner"));

            HttpResponse<String> response = gateway.postJson("/api/v1/orgs", "{\"name\":\"Acme\"}",
                    "Authorization", ADA, "Idempotency-Key", "create-acme-1");
            gateway.postJson("/api/v1/orgs", "{\"name\":\"Acme\"}", "Authorization", ADA);

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/orgs/org-1");
            assertThat(body(response).get("orgId").stringValue()).isEqualTo("org-1");
            assertThat(body(response).get("role").stringValue()).isEqualTo("owner");
            List<CreateOrganization> sent = users.received().stream()
                    .map(received -> (CreateOrganization) received.request()).toList();
            assertThat(sent.get(0).getCommandId()).isEqualTo("create-acme-1");
            assertThat(sent.get(0).getName()).isEqualTo("Acme");
            assertThat(UUID.fromString(sent.get(1).getCommandId())).isNotNull();
        }

        @Test
        @DisplayName("the service's refusals pass through: 404 not a member, 403 role, 409 last owner, 410, 429")
        void refusalsMapped() {
            users.on(Endpoints.GET_ORGANIZATION, (io.eventsaas.contracts.users.GetOrganization request,
                    io.eventsaas.platform.rpc.RpcContext context) -> {
                throw RpcException.notFound("no organisation " + request.getOrganizationId());
            });
            users.on(Endpoints.LIST_MEMBERS, (ListMembers request, io.eventsaas.platform.rpc.RpcContext context) -> {
                throw RpcException.forbidden("members may not do this");
            });
            users.on(Endpoints.CHANGE_MEMBER_ROLE, (ChangeMemberRole request,
                    io.eventsaas.platform.rpc.RpcContext context) -> {
                throw RpcException.conflict("an organisation keeps at least one owner");
            });
            users.on(Endpoints.ACCEPT_INVITATION, (AcceptInvitation request,
                    io.eventsaas.platform.rpc.RpcContext context) -> {
                throw RpcException.gone("this invitation expired");
            });
            users.on(Endpoints.CREATE_ORGANIZATION, (CreateOrganization request,
                    io.eventsaas.platform.rpc.RpcContext context) -> {
                throw new RpcException(RpcStatus.TOO_MANY_REQUESTS, "slow down", Map.of("retry_after_seconds", "7"));
            });
            users.on(Endpoints.REMOVE_MEMBER, (RemoveMember request, io.eventsaas.platform.rpc.RpcContext context) -> {
                throw RpcException.unauthorized("the session ended");
            });

            Map<Integer, HttpResponse<String>> responses = Map.of(
                    404, gateway.get("/api/v1/orgs/org-2", "Authorization", ADA),
                    403, gateway.get("/api/v1/orgs/org-1/members", "Authorization", ADA),
                    409, send("PATCH", "/api/v1/orgs/org-1/members/user-42", "{\"role\":\"member\"}",
                            "Authorization", ADA),
                    410, gateway.postJson("/api/v1/invitations/tok-1/accept", "", "Authorization", ADA),
                    429, gateway.postJson("/api/v1/orgs", "{\"name\":\"Acme\"}", "Authorization", ADA),
                    401, send("DELETE", "/api/v1/orgs/org-1/members/user-43", null, "Authorization", ADA));

            responses.forEach((status, response) -> {
                assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(body(response).get("status").asInt()).isEqualTo(status);
            });
            assertThat(body(responses.get(404)).get("detail").stringValue()).isEqualTo("no organisation org-2");
            assertThat(body(responses.get(409)).get("detail").stringValue())
                    .isEqualTo("an organisation keeps at least one owner");
            assertThat(body(responses.get(410)).get("detail").stringValue()).isEqualTo("this invitation expired");
            assertThat(responses.get(429).headers().firstValue("Retry-After")).hasValue("7");
            assertThat(responses.get(401).headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(users.received()).allSatisfy(received ->
                    assertThat(received.caller().getUserId()).isEqualTo("user-42"));
        }

        @Test
        @DisplayName("members: list, change a role, remove (204); each request names the organisation and the user")
        void members() {
            MemberList list = MemberList.newBuilder().setOrganizationId("org-1")
                    .addMembers(Member.newBuilder().setUserId("user-42").setDisplayName("Ada").setEmail("ada@x.io")
                            .setRole("owner"))
                    .addMembers(Member.newBuilder().setUserId("user-43").setDisplayName("Bob").setEmail("bob@x.io")
                            .setRole("admin"))
                    .build();
            users.on(Endpoints.LIST_MEMBERS, (ListMembers request, io.eventsaas.platform.rpc.RpcContext c) -> list);
            users.on(Endpoints.CHANGE_MEMBER_ROLE, (ChangeMemberRole request,
                    io.eventsaas.platform.rpc.RpcContext c) -> list);
            users.on(Endpoints.REMOVE_MEMBER, (RemoveMember request, io.eventsaas.platform.rpc.RpcContext c) -> list);

            HttpResponse<String> listed = gateway.get("/api/v1/orgs/org-1/members", "Authorization", ADA);
            HttpResponse<String> changed = send("PATCH", "/api/v1/orgs/org-1/members/user-43", "{\"role\":\"admin\"}",
                    "Authorization", ADA);
            HttpResponse<String> removed = send("DELETE", "/api/v1/orgs/org-1/members/user-43", null,
                    "Authorization", ADA);

            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(body(listed).get("members").get(1).get("name").stringValue()).isEqualTo("Bob");
            assertThat(body(listed).get("members").get(1).get("role").stringValue()).isEqualTo("admin");
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(removed.statusCode()).isEqualTo(204);
            ChangeMemberRole change = (ChangeMemberRole) users.received(Endpoints.CHANGE_MEMBER_ROLE).getFirst()
                    .request();
            assertThat(change.getOrganizationId()).isEqualTo("org-1");
            assertThat(change.getUserId()).isEqualTo("user-43");
            assertThat(change.getRole()).isEqualTo("admin");
            RemoveMember remove = (RemoveMember) users.received(Endpoints.REMOVE_MEMBER).getFirst().request();
            assertThat(remove.getUserId()).isEqualTo("user-43");
        }
    }

    @Nested
    @DisplayName("invitations")
    class Invitations {

        @Test
        @DisplayName("POST: 201 with the id and an accept link on the request's own address; list; revoke (204)")
        void inviteListRevoke() {
            users.on(Endpoints.INVITE_MEMBER, (InviteMember request, io.eventsaas.platform.rpc.RpcContext c) ->
                    InvitationIssued.newBuilder().setInvitationId("inv-1").setToken("tok-secret+/=").build());
            users.on(Endpoints.LIST_INVITATIONS, (io.eventsaas.contracts.users.ListInvitations request,
                    io.eventsaas.platform.rpc.RpcContext c) -> InvitationList.newBuilder()
                    .addInvitations(Invitation.newBuilder().setInvitationId("inv-1").setEmail("bob@example.com")
                            .setRole("member"))
                    .build());
            users.on(Endpoints.REVOKE_INVITATION, (RevokeInvitation request,
                    io.eventsaas.platform.rpc.RpcContext c) -> InvitationList.getDefaultInstance());

            HttpResponse<String> invited = gateway.postJson("/api/v1/orgs/org-1/invitations",
                    "{\"email\":\"bob@example.com\",\"role\":\"member\"}", "Authorization", ADA,
                    "Idempotency-Key", "invite-bob");
            HttpResponse<String> listed = gateway.get("/api/v1/orgs/org-1/invitations", "Authorization", ADA);
            HttpResponse<String> revoked = send("DELETE", "/api/v1/orgs/org-1/invitations/inv-1", null,
                    "Authorization", ADA);

            assertThat(invited.statusCode()).isEqualTo(201);
            assertThat(body(invited).get("invitationId").stringValue()).isEqualTo("inv-1");
            assertThat(body(invited).get("acceptUrl").stringValue())
                    .isEqualTo(gateway.baseUrl() + "/invitations/tok-secret%2B%2F%3D");
            InviteMember sent = (InviteMember) users.received(Endpoints.INVITE_MEMBER).getFirst().request();
            assertThat(sent.getCommandId()).isEqualTo("invite-bob");
            assertThat(sent.getEmail()).isEqualTo("bob@example.com");
            assertThat(sent.getRole()).isEqualTo("member");
            assertThat(body(listed).get("invitations").get(0).get("email").stringValue()).isEqualTo("bob@example.com");
            assertThat(revoked.statusCode()).isEqualTo(204);
            assertThat(((RevokeInvitation) users.received(Endpoints.REVOKE_INVITATION).getFirst().request())
                    .getInvitationId()).isEqualTo("inv-1");
        }

        @Test
        @DisplayName("accept: the organisation joined; 409 when accepted already")
        void accept() {
            users.on(Endpoints.ACCEPT_INVITATION, (AcceptInvitation request,
                    io.eventsaas.platform.rpc.RpcContext c) -> {
                if (request.getToken().equals("used")) {
                    throw RpcException.conflict("this invitation was accepted already");
                }
                return OrganizationDetails.newBuilder().setOrganizationId("org-1").setName("Acme")
                        .setCallerRole("member").build();
            });

            HttpResponse<String> accepted = gateway.postJson("/api/v1/invitations/tok-1/accept", "",
                    "Authorization", ADA);
            HttpResponse<String> again = gateway.postJson("/api/v1/invitations/used/accept", "",
                    "Authorization", ADA);

            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(body(accepted).get("orgId").stringValue()).isEqualTo("org-1");
            assertThat(body(accepted).get("role").stringValue()).isEqualTo("member");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(((AcceptInvitation) users.received().getFirst().request()).getToken()).isEqualTo("tok-1");
        }
    }

    @Nested
    @DisplayName("API keys")
    class ApiKeys {

        @Test
        @DisplayName("create (the secret once), list (no secret), revoke (204)")
        void lifecycle() {
            ApiKey key = ApiKey.newBuilder().setApiKeyId("key-2").setName("CI").setRole("member").setPrefix("esk_ab12")
                    .build();
            users.on(Endpoints.CREATE_API_KEY, (CreateApiKey request, io.eventsaas.platform.rpc.RpcContext c) ->
                    ApiKeyIssued.newBuilder().setApiKey(key).setSecret("esk_ab12-the-whole-secret").build());
            users.on(Endpoints.LIST_API_KEYS, (io.eventsaas.contracts.users.ListApiKeys request,
                    io.eventsaas.platform.rpc.RpcContext c) -> ApiKeyList.newBuilder().addApiKeys(key).build());
            users.on(Endpoints.REVOKE_API_KEY, (RevokeApiKey request, io.eventsaas.platform.rpc.RpcContext c) ->
                    ApiKeyList.getDefaultInstance());

            HttpResponse<String> created = gateway.postJson("/api/v1/orgs/org-1/api-keys",
                    "{\"name\":\"CI\",\"role\":\"member\"}", "Authorization", ADA, "Idempotency-Key", "key-ci");
            HttpResponse<String> listed = gateway.get("/api/v1/orgs/org-1/api-keys", "Authorization", ADA);
            HttpResponse<String> revoked = send("DELETE", "/api/v1/orgs/org-1/api-keys/key-2", null,
                    "Authorization", ADA);

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(body(created).get("secret").stringValue()).isEqualTo("esk_ab12-the-whole-secret");
            assertThat(body(created).get("key").get("keyId").stringValue()).isEqualTo("key-2");
            assertThat(listed.body()).contains("esk_ab12").doesNotContain("the-whole-secret");
            assertThat(revoked.statusCode()).isEqualTo(204);
            CreateApiKey sent = (CreateApiKey) users.received(Endpoints.CREATE_API_KEY).getFirst().request();
            assertThat(sent.getCommandId()).isEqualTo("key-ci");
            assertThat(sent.getRole()).isEqualTo("member");
        }

        @Test
        @DisplayName("a request with an API key forwards the key's caller: its id, organisation and role, no user")
        void apiKeyCaller() {
            users.on(Endpoints.LIST_MEMBERS, (ListMembers request, io.eventsaas.platform.rpc.RpcContext c) ->
                    MemberList.getDefaultInstance());

            HttpResponse<String> response = gateway.get("/api/v1/orgs/org-1/members", "Authorization",
                    "Bearer esk_ci");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(users.authentications()).singleElement().satisfies(auth ->
                    assertThat(((io.eventsaas.contracts.users.AuthenticateApiKey) auth.request()).getApiKey())
                            .isEqualTo("esk_ci"));
            assertThat(users.received()).singleElement().satisfies(received -> {
                assertThat(received.caller().getApiKeyId()).isEqualTo("key-1");
                assertThat(received.caller().getOrganizationId()).isEqualTo("org-1");
                assertThat(received.caller().getRole()).isEqualTo("admin");
                assertThat(received.caller().getUserId()).isEmpty();
            });
        }
    }
}
