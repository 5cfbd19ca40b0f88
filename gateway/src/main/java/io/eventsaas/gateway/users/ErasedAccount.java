package io.eventsaas.gateway.users;

import java.util.List;

/** What an erasure did: the user is gone, and these organisations were closed or passed to another owner. */
public record ErasedAccount(String userId, List<String> closedOrgIds, List<String> transferredOrgIds) {

    public ErasedAccount {
        closedOrgIds = List.copyOf(closedOrgIds);
        transferredOrgIds = List.copyOf(transferredOrgIds);
    }
}
