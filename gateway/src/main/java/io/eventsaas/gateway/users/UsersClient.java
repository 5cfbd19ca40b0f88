package io.eventsaas.gateway.users;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Endpoints.Endpoint;
import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.EndSession;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.Erasure;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.RenameUser;
import io.eventsaas.contracts.users.SessionEnded;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The users service's accounts and sessions as the gateway's pages and API see them: plain records in, plain records
 * out, protobuf only here. Every call on behalf of someone carries their {@code Caller}; the service decides what
 * it allows. Failures are the service's {@link RpcException}s, with field names translated to the gateway's.
 */
@Component
public class UsersClient {

    /** The service names a field after its protobuf field; the gateway's forms and JSON use these names. */
    static final Map<String, String> FIELD_NAMES = Map.of(
            "display_name", "name",
            "displayName", "name",
            "current_password", "currentPassword",
            "new_password", "newPassword");

    private final RpcClient rpc;

    UsersClient(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** Registers a user; retrying with the same command id registers once. With a session when asked for one. */
    public Registration register(NewUser user, String commandId, boolean startSession, String userAgent,
            String correlationId) {
        RegisterUser command = RegisterUser.newBuilder()
                .setCommandId(commandId)
                .setEmail(user.email())
                .setPassword(user.password())
                .setDisplayName(user.name())
                .setStartSession(startSession)
                .setUserAgent(userAgent(userAgent))
                .build();
        UserRegistration reply = call(Endpoints.REGISTER_USER, command, UserRegistration.parser(), correlationId, null);
        return new Registration(reply.getUserId(), reply.getOrganizationId(),
                reply.hasSession() ? session(reply.getSession()) : null);
    }

    /** Signs in: 401 for a wrong e-mail or password, 429 after too many failures. */
    public SessionToken startSession(String email, String password, String userAgent, String correlationId) {
        StartSession command = StartSession.newBuilder().setEmail(email).setPassword(password)
                .setUserAgent(userAgent(userAgent)).build();
        return session(call(Endpoints.START_SESSION, command, SessionGrant.parser(), correlationId, null));
    }

    /** Signs out: ends the session that authenticated this request. */
    public void endSession(SignedIn who, String correlationId) {
        EndSession command = EndSession.newBuilder().setSessionToken(who.sessionToken()).build();
        call(Endpoints.END_SESSION, command, SessionEnded.parser(), correlationId, who);
    }

    public UserProfile get(String userId, SignedIn who, String correlationId) {
        GetUser query = GetUser.newBuilder().setUserId(userId).build();
        return profile(call(Endpoints.GET_USER, query, UserDetails.parser(), correlationId, who));
    }

    public UserProfile rename(String name, SignedIn who, String correlationId) {
        RenameUser command = RenameUser.newBuilder().setDisplayName(name).build();
        return profile(call(Endpoints.RENAME_USER, command, UserDetails.parser(), correlationId, who));
    }

    /** Changes the caller's password; every other session ends, and the reply is the caller's new one. */
    public SessionToken changePassword(String currentPassword, String newPassword, String userAgent, SignedIn who,
            String correlationId) {
        ChangePassword command = ChangePassword.newBuilder().setCurrentPassword(currentPassword)
                .setNewPassword(newPassword).setUserAgent(userAgent(userAgent)).build();
        return session(call(Endpoints.CHANGE_PASSWORD, command, SessionGrant.parser(), correlationId, who));
    }

    /** Erases the caller's account, confirmed with their password. */
    public ErasedAccount erase(String password, SignedIn who, String correlationId) {
        EraseUser command = EraseUser.newBuilder().setPassword(password).build();
        Erasure reply = call(Endpoints.ERASE_USER, command, Erasure.parser(), correlationId, who);
        return new ErasedAccount(reply.getUserId(), reply.getClosedOrganizationIdsList(),
                reply.getTransferredOrganizationIdsList());
    }

    private static UserProfile profile(UserDetails reply) {
        return new UserProfile(
                reply.getUserId(),
                reply.getEmail(),
                reply.getDisplayName(),
                reply.hasRegisteredAt() ? instant(reply.getRegisteredAt()) : null,
                reply.getOrganizationsList().stream().map(UsersClient::membership).toList(),
                reply.getPlatformAdmin());
    }

    private static UserProfile.Membership membership(OrganizationSummary org) {
        return new UserProfile.Membership(org.getOrganizationId(), org.getName(), org.getRole(), org.getPersonal());
    }

    private static SessionToken session(SessionGrant grant) {
        return new SessionToken(grant.getSessionToken(), grant.getUserId(),
                grant.hasExpiresAt() ? instant(grant.getExpiresAt()) : null);
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** What the browser says it is, kept with the session; cut short, since anyone can send anything. */
    private static String userAgent(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        return userAgent.length() > 200 ? userAgent.substring(0, 200) : userAgent;
    }

    private <R extends com.google.protobuf.Message> R call(Endpoint endpoint, com.google.protobuf.Message request,
            com.google.protobuf.Parser<R> parser, String correlationId, SignedIn who) {
        try {
            return rpc.call(endpoint, request, parser, correlationId, who == null ? null : who.caller());
        } catch (RpcException e) {
            throw renamed(e, FIELD_NAMES);
        }
    }

    /** The same failure with the service's field names replaced by the gateway's. */
    public static RpcException renamed(RpcException e, Map<String, String> names) {
        if (e.fieldErrors().keySet().stream().noneMatch(names::containsKey)) {
            return e;
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, message) -> renamed.put(names.getOrDefault(field, field), message));
        return new RpcException(e.status(), e.getMessage(), renamed);
    }
}
