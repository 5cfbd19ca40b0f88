package io.eventsaas.users.nats;

import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.Erasure;
import io.eventsaas.contracts.users.RenameUser;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.users.admins.PlatformAdmins;
import io.eventsaas.users.erasure.EraseUserHandler;
import io.eventsaas.users.profile.ChangePasswordHandler;
import io.eventsaas.users.profile.RenameUserHandler;
import java.util.UUID;

/**
 * {@code rpc.users.rename-user}, {@code change-password} and {@code erase-user}: each acts on the signed-in user
 * who calls (the Caller's user id; an API key may not), never on another.
 */
final class AccountEndpoints {

    private AccountEndpoints() {
    }

    /** {@code RenameUser -> UserDetails} */
    static RpcHandler<RenameUser, UserDetails> renameUser(RenameUserHandler handler, PlatformAdmins admins) {
        return (request, context) -> {
            Caller caller = Callers.requireUser(context);
            return GetUserEndpoint.details(handler.rename(userIdOf(caller), request.getDisplayName(),
                    context.correlationId()), admins);
        };
    }

    /** {@code ChangePassword -> SessionGrant}: every other session ends; the reply is the caller's new one. */
    static RpcHandler<ChangePassword, SessionGrant> changePassword(ChangePasswordHandler handler) {
        return (request, context) -> {
            Caller caller = Callers.requireUser(context);
            return SessionEndpoints.grant(handler.change(userIdOf(caller), request.getCurrentPassword(),
                    request.getNewPassword(), request.getUserAgent(), context.correlationId()));
        };
    }

    /**
     * {@code EraseUser -> Erasure}. The organisations the user leaves, hands over or closes are changed afterwards by
     * the policy {@code WhenUserErasedThenLeaveOrganizations}; the reply says which will close and which pass to
     * another owner.
     */
    static RpcHandler<EraseUser, Erasure> eraseUser(EraseUserHandler handler) {
        return (request, context) -> {
            Caller caller = Callers.requireUser(context);
            EraseUserHandler.Erased erased = handler.erase(userIdOf(caller), request.getPassword(),
                    context.correlationId());
            Erasure.Builder reply = Erasure.newBuilder().setUserId(erased.userId().toString());
            erased.organizations().closed().forEach(id -> reply.addClosedOrganizationIds(id.toString()));
            erased.organizations().transferred().forEach(id -> reply.addTransferredOrganizationIds(id.toString()));
            return reply.build();
        };
    }

    /** The caller's user id; a Caller whose id is not a UUID names nobody (401). */
    static UUID userIdOf(Caller caller) {
        try {
            return UUID.fromString(caller.getUserId());
        } catch (IllegalArgumentException e) {
            throw io.eventsaas.platform.rpc.RpcException.unauthorized("the Caller names no user");
        }
    }
}
