package io.eventsaas.users.membership;

import io.eventsaas.users.access.Access;
import io.eventsaas.users.access.Validation;
import io.eventsaas.users.domain.OrganizationActor;
import io.eventsaas.users.domain.OrganizationCommand.ChangeMemberRole;
import io.eventsaas.users.domain.OrganizationCommand.RemoveMember;
import io.eventsaas.users.domain.OrganizationRole;
import io.eventsaas.users.organizations.OrganizationCommands;
import io.eventsaas.users.store.OrganizationsReadModel;
import io.eventsaas.users.store.OrganizationsReadModel.MemberView;
import io.eventsaas.platform.rpc.RpcException;
import java.util.List;
import java.util.UUID;

/** Lists members, changes their roles, removes them (or lets them leave). */
public final class MembershipHandler {

    private final OrganizationCommands commands;
    private final Access access;
    private final OrganizationsReadModel readModel;

    public MembershipHandler(OrganizationCommands commands, Access access, OrganizationsReadModel readModel) {
        this.commands = commands;
        this.access = access;
        this.readModel = readModel;
    }

    public List<MemberView> members(OrganizationActor actor, String organizationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.MEMBER);
        return readModel.members(granted.organization().organizationId());
    }

    public List<MemberView> changeRole(OrganizationActor actor, String organizationId, String userId, String role,
            String correlationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.ADMIN);
        Validation validation = new Validation();
        OrganizationRole newRole = validation.role(role, null);
        validation.check();
        UUID member = member(userId);
        UUID org = granted.organization().organizationId();
        commands.execute(org, new ChangeMemberRole(actor, member, newRole),
                version -> "change-member-role:" + member + ":" + newRole.wireName() + ":" + version, correlationId);
        return readModel.members(org);
    }

    /** Removes a member; when the member is the caller, they leave (any member may). */
    public List<MemberView> remove(OrganizationActor actor, String organizationId, String userId,
            String correlationId) {
        UUID member = member(userId);
        boolean leaving = actor instanceof OrganizationActor.User user && user.userId().equals(member);
        Access.Granted granted = access.require(actor, organizationId,
                leaving ? OrganizationRole.MEMBER : OrganizationRole.ADMIN);
        UUID org = granted.organization().organizationId();
        commands.execute(org, new RemoveMember(actor, member),
                version -> "remove-member:" + member + ":" + version, correlationId);
        return readModel.members(org);
    }

    private static UUID member(String userId) {
        return Access.Ids.parse(userId).orElseThrow(() -> RpcException.notFound("no such member"));
    }
}
