package io.eventsaas.users.invitations;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.access.Access;
import io.eventsaas.users.access.Secrets;
import io.eventsaas.users.access.Validation;
import io.eventsaas.users.domain.EmailAddress;
import io.eventsaas.users.domain.InvalidValueException;
import io.eventsaas.users.domain.OrganizationActor;
import io.eventsaas.users.domain.OrganizationCommand.AcceptInvitation;
import io.eventsaas.users.domain.OrganizationCommand.InviteMember;
import io.eventsaas.users.domain.OrganizationCommand.RevokeInvitation;
import io.eventsaas.users.domain.OrganizationRole;
import io.eventsaas.users.domain.SeatLimit;
import io.eventsaas.users.organizations.OrganizationCommands;
import io.eventsaas.users.organizations.OrganizationSettings;
import io.eventsaas.users.store.OrganizationsReadModel;
import io.eventsaas.users.store.OrganizationsReadModel.InvitationView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Invitations: issue one (the token is shown once, and mailed when SMTP is configured), list and revoke them, show
 * one to whoever holds its token, accept one as a signed-in user.
 */
public final class InvitationsHandler {

    /** What the inviter gets: the token only here, once. */
    public record IssuedInvitation(UUID invitationId, String token, Instant expiresAt, String acceptUrl) {
    }

    /** An invitation as its link shows it; status "open", "accepted", "revoked" or "expired". */
    public record InvitationStatus(InvitationView invitation, String status) {
    }

    private final OrganizationCommands commands;
    private final Access access;
    private final OrganizationsReadModel readModel;
    private final InvitationMailer mailer;
    private final OrganizationSettings settings;
    private final InviteeKeys inviteeKeys;
    private final Clock clock;

    public InvitationsHandler(OrganizationCommands commands, Access access, OrganizationsReadModel readModel,
            InvitationMailer mailer, OrganizationSettings settings, InviteeKeys inviteeKeys, Clock clock) {
        this.commands = commands;
        this.access = access;
        this.readModel = readModel;
        this.mailer = mailer;
        this.settings = settings;
        this.inviteeKeys = inviteeKeys;
        this.clock = clock;
    }

    public IssuedInvitation invite(OrganizationActor actor, String organizationId, String email, String role,
            String commandId, String correlationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.ADMIN);
        Validation validation = new Validation();
        EmailAddress address = null;
        try {
            address = EmailAddress.parse(email);
        } catch (InvalidValueException e) {
            validation.reject("email", e.getMessage());
        }
        OrganizationRole invitedRole = validation.role(role, OrganizationRole.MEMBER);
        String validCommandId = validation.commandId(commandId);
        validation.check();
        UUID org = granted.organization().organizationId();
        UUID invitationId = UUID.nameUUIDFromBytes(("invitation:" + org + ":" + validCommandId)
                .getBytes(StandardCharsets.UTF_8));
        String token = Secrets.random();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.invitationLifetime());
        // access.require caught the read model up: a plan upgraded a moment ago shows in the limit.
        SeatLimit seatLimit = readModel.seatLimit(org);
        var outcome = commands.execute(org, new InviteMember(actor, invitationId, address.value(), invitedRole,
                Secrets.sha256(token), expiresAt, now, seatLimit), version -> "invite-member:" + invitationId,
                correlationId);
        if (outcome.duplicate()) {
            throw RpcException.conflict("this command issued invitation " + invitationId
                    + " already; its link was shown once (revoke it and invite again if it is lost)");
        }
        String acceptUrl = settings.acceptUrl(token);
        mailer.send(address.value(), granted.organization().name(), acceptUrl, expiresAt);
        return new IssuedInvitation(invitationId, token, expiresAt, acceptUrl);
    }

    /** Open invitations, not expired ones (owners and admins: they show the invitees' addresses). */
    public List<InvitationView> open(OrganizationActor actor, String organizationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.ADMIN);
        return readModel.openInvitations(granted.organization().organizationId(), clock.instant());
    }

    public List<InvitationView> revoke(OrganizationActor actor, String organizationId, String invitationId,
            String correlationId) {
        Access.Granted granted = access.require(actor, organizationId, OrganizationRole.ADMIN);
        UUID invitation = Access.Ids.parse(invitationId)
                .orElseThrow(() -> RpcException.notFound("no such invitation"));
        UUID org = granted.organization().organizationId();
        commands.execute(org, new RevokeInvitation(actor, invitation),
                version -> "revoke-invitation:" + invitation + ":" + version, correlationId);
        inviteeKeys.destroy(invitation); // the address is needed no more
        return readModel.openInvitations(org, clock.instant());
    }

    /**
     * For the accept page: no caller needed, the token is the capability. An expired invitation shows no address,
     * as if already shredded: the sweep that destroys its key and forgets it here runs only every few minutes.
     */
    public InvitationStatus byToken(String token) {
        access.catchUp(); // its status may have changed through another instance a moment ago
        InvitationView invitation = find(token);
        if (invitation.expiredAt(clock.instant())) {
            return new InvitationStatus(invitation.withoutAddress(), "expired");
        }
        return new InvitationStatus(invitation, invitation.status());
    }

    /**
     * The caller joins with the invitation's role; 410 expired or revoked, 409 accepted, a member already, or no seat
     * left on the organisation's plan (the invitation stays open for after an upgrade).
     */
    public Access.Granted accept(UUID userId, String token, String correlationId) {
        InvitationView invitation = find(token);
        UUID org = invitation.organizationId();
        access.catchUp(); // a plan upgraded a moment ago (through any instance) shows in the limit
        SeatLimit seatLimit = readModel.seatLimit(org);
        commands.execute(org, new AcceptInvitation(userId, Secrets.sha256(token.strip()), clock.instant(), seatLimit),
                version -> "accept-invitation:" + invitation.invitationId() + ":" + userId + ":" + version,
                correlationId);
        inviteeKeys.destroy(invitation.invitationId()); // the invitee is a member now, under their own key
        return access.require(new OrganizationActor.User(userId), org.toString(), OrganizationRole.MEMBER);
    }

    private InvitationView find(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw RpcException.notFound("no such invitation");
        }
        String hash = Secrets.sha256(token.strip());
        return readModel.invitationByTokenHash(hash).or(() -> {
            access.catchUp(); // issued a moment ago through another instance?
            return readModel.invitationByTokenHash(hash);
        }).orElseThrow(() -> RpcException.notFound("no such invitation"));
    }
}
