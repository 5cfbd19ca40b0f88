package io.eventsaas.users.profile;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.domain.DisplayName;
import io.eventsaas.users.domain.InvalidValueException;
import io.eventsaas.users.domain.UserCommand.RenameUser;
import io.eventsaas.users.store.UserView;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Renames the caller: {@code UserRenamed}, the new name sealed with the user's key. The same name changes nothing. */
@Component
public class RenameUserHandler {

    private final UserCommands commands;
    private final GetUserHandler users;

    RenameUserHandler(UserCommands commands, GetUserHandler users) {
        this.commands = commands;
        this.users = users;
    }

    /** @throws RpcException 400 for an invalid name (nothing appended) */
    public UserView rename(UUID callerId, String rawName, String correlationId) {
        DisplayName name;
        try {
            name = DisplayName.parse(rawName);
        } catch (InvalidValueException e) {
            throw RpcException.invalid(Map.of("displayName", "Name " + e.getMessage()));
        }
        commands.execute(callerId, "rename-user", correlationId, correlationId,
                account -> new RenameUser(callerId, name));
        return users.user(callerId).orElseThrow(() -> RpcException.notFound("no user with id '" + callerId + "'"));
    }
}
