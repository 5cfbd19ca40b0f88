package io.eventsaas.users.erasure;

import io.eventsaas.users.store.OrganizationsReadModel;
import io.eventsaas.users.store.OrganizationsReadModel.MemberView;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What an erasure will do to the user's organisations, told to the user in the reply: the policy
 * {@code WhenUserErasedThenLeaveOrganizations} does it afterwards, by the same rule (the Organization decider's
 * erasure rule): an organisation with nobody else in it closes; one the user owned alone passes to its
 * longest-standing admin, else member; elsewhere the user simply leaves.
 */
public record OrganizationsLeft(List<UUID> closed, List<UUID> transferred) {

    private static final String OWNER = "owner";

    static OrganizationsLeft foreseen(UUID userId, OrganizationsReadModel organizations) {
        List<UUID> closed = new ArrayList<>();
        List<UUID> transferred = new ArrayList<>();
        for (UUID organizationId : organizations.organizationsOf(userId)) {
            List<MemberView> members = organizations.members(organizationId);
            MemberView self = members.stream().filter(m -> m.userId().equals(userId)).findFirst().orElse(null);
            if (self == null) {
                continue;
            }
            long owners = members.stream().filter(m -> OWNER.equals(m.role())).count();
            if (members.size() == 1) {
                closed.add(organizationId);
            } else if (OWNER.equals(self.role()) && owners == 1) {
                transferred.add(organizationId);
            }
        }
        return new OrganizationsLeft(List.copyOf(closed), List.copyOf(transferred));
    }
}
