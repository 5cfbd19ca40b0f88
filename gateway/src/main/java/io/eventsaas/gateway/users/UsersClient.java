package io.eventsaas.gateway.users;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The users service as the gateway's pages and API see it: plain records in, plain records out, protobuf only
 * here. Failures are the service's {@link RpcException}s, with field names translated to the gateway's.
 */
@Component
public class UsersClient {

    /** The service names a field after its protobuf field; the gateway's forms and JSON call it {@code name}. */
    private static final Map<String, String> FIELD_NAMES = Map.of(
            "display_name", "name",
            "displayName", "name");

    private final RpcClient rpc;

    UsersClient(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** Registers a user; retrying with the same command id registers once. */
    public Registration register(NewUser user, String commandId, String correlationId) {
        RegisterUser command = RegisterUser.newBuilder()
                .setCommandId(commandId)
                .setEmail(user.email())
                .setPassword(user.password())
                .setDisplayName(user.name())
                .build();
        UserRegistration reply = call(() ->
                rpc.call(Endpoints.REGISTER_USER, command, UserRegistration.parser(), correlationId));
        return new Registration(reply.getUserId(), reply.getOrganizationId());
    }

    public UserProfile get(String userId, String correlationId) {
        GetUser query = GetUser.newBuilder().setUserId(userId).build();
        UserDetails reply = call(() -> rpc.call(Endpoints.GET_USER, query, UserDetails.parser(), correlationId));
        return new UserProfile(
                reply.getUserId(),
                reply.getEmail(),
                reply.getDisplayName(),
                reply.hasRegisteredAt()
                        ? Instant.ofEpochSecond(reply.getRegisteredAt().getSeconds(), reply.getRegisteredAt().getNanos())
                        : null,
                reply.getOrganizationsList().stream().map(UsersClient::membership).toList());
    }

    private static UserProfile.Membership membership(OrganizationSummary org) {
        return new UserProfile.Membership(org.getOrganizationId(), org.getName(), org.getRole(), org.getPersonal());
    }

    private static <R> R call(Supplier<R> call) {
        try {
            return call.get();
        } catch (RpcException e) {
            if (e.fieldErrors().keySet().stream().noneMatch(FIELD_NAMES::containsKey)) {
                throw e;
            }
            Map<String, String> renamed = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, message) -> renamed.put(FIELD_NAMES.getOrDefault(field, field), message));
            throw new RpcException(e.status(), e.getMessage(), renamed);
        }
    }
}
