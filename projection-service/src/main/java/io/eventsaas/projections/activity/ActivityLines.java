package io.eventsaas.projections.activity;

import static io.eventsaas.projections.views.Payloads.day;
import static io.eventsaas.projections.views.Payloads.instant;
import static io.eventsaas.projections.views.Payloads.money;
import static io.eventsaas.projections.views.Payloads.parse;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.billing.CancellationScheduled;
import io.eventsaas.contracts.billing.CancellationWithdrawn;
import io.eventsaas.contracts.billing.InvoiceIssued;
import io.eventsaas.contracts.billing.InvoicePaid;
import io.eventsaas.contracts.billing.InvoicePaymentFailed;
import io.eventsaas.contracts.billing.PaymentMethodAttached;
import io.eventsaas.contracts.billing.PlanChangeScheduled;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionPastDue;
import io.eventsaas.contracts.billing.SubscriptionRenewed;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.users.ApiKeyCreated;
import io.eventsaas.contracts.users.ApiKeyRevoked;
import io.eventsaas.contracts.users.InvitationRevoked;
import io.eventsaas.contracts.users.MemberInvited;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.MemberRemoved;
import io.eventsaas.contracts.users.MemberRoleChanged;
import io.eventsaas.contracts.users.OrganizationClosed;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.projections.views.People;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A readable line for every event that concerns an organisation. People appear as {@code {u:<user id>}} and
 * invitees as {@code {i:<invitation id>}}: their names and addresses are sealed personal data, filled in only when
 * the view is rendered (so an erased person shows as "Erased user" everywhere, at once and after any rebuild).
 */
final class ActivityLines {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([ui]):([^}]*)}");

    record Line(String organizationId, String template) {
    }

    private ActivityLines() {
    }

    static Optional<Line> describe(RecordedEvent event) {
        return Optional.ofNullable(switch (event.type()) {
            case EventTypes.ORGANIZATION_CREATED -> {
                var e = parse(event, OrganizationCreated.parser());
                yield new Line(e.getOrganizationId(), e.getPersonal()
                        ? user(e.getOwnerUserId()) + " created their personal organisation"
                        : user(e.getOwnerUserId()) + " created the organisation \u201c" + e.getName() + "\u201d");
            }
            case EventTypes.MEMBER_INVITED -> {
                var e = parse(event, MemberInvited.parser());
                yield new Line(e.getOrganizationId(), user(e.getInvitedByUserId()) + " invited "
                        + "{i:" + e.getInvitationId() + "} as " + e.getRole());
            }
            case EventTypes.INVITATION_REVOKED -> {
                var e = parse(event, InvitationRevoked.parser());
                yield new Line(e.getOrganizationId(), user(e.getRevokedByUserId()) + " revoked the invitation of "
                        + "{i:" + e.getInvitationId() + "}");
            }
            case EventTypes.MEMBER_JOINED -> {
                var e = parse(event, MemberJoined.parser());
                yield new Line(e.getOrganizationId(), user(e.getUserId()) + " joined as " + e.getRole());
            }
            case EventTypes.MEMBER_ROLE_CHANGED -> {
                var e = parse(event, MemberRoleChanged.parser());
                String change = "role changed from " + e.getPreviousRole() + " to " + e.getRole();
                yield new Line(e.getOrganizationId(), e.getChangedByUserId().isEmpty()
                        ? user(e.getUserId()) + "'s " + change
                        : user(e.getChangedByUserId()) + " changed " + user(e.getUserId()) + "'s role from "
                                + e.getPreviousRole() + " to " + e.getRole());
            }
            case EventTypes.MEMBER_REMOVED -> {
                var e = parse(event, MemberRemoved.parser());
                yield new Line(e.getOrganizationId(), switch (e.getReason()) {
                    case "left" -> user(e.getUserId()) + " left";
                    case "erased" -> user(e.getUserId()) + " left (account erased)";
                    default -> e.getRemovedByUserId().isEmpty() ? user(e.getUserId()) + " was removed"
                            : user(e.getRemovedByUserId()) + " removed " + user(e.getUserId());
                });
            }
            case EventTypes.ORGANIZATION_CLOSED -> {
                var e = parse(event, OrganizationClosed.parser());
                yield new Line(e.getOrganizationId(), "The organisation was closed"
                        + (e.getReason().isEmpty() ? "" : " (" + e.getReason() + ")"));
            }
            case EventTypes.API_KEY_CREATED -> {
                var e = parse(event, ApiKeyCreated.parser());
                yield new Line(e.getOrganizationId(), user(e.getCreatedByUserId()) + " created the API key \u201c"
                        + e.getName() + "\u201d (" + e.getRole() + ", " + e.getPrefix() + "\u2026)");
            }
            case EventTypes.API_KEY_REVOKED -> {
                var e = parse(event, ApiKeyRevoked.parser());
                yield new Line(e.getOrganizationId(), user(e.getRevokedByUserId()) + " revoked an API key");
            }
            case EventTypes.SUBSCRIPTION_STARTED -> {
                var e = parse(event, SubscriptionStarted.parser());
                yield new Line(e.getOrganizationId(), "Subscription started on the " + e.getPlanCode() + " plan ("
                        + money(e.getMonthlyAmount()) + " a month)");
            }
            case EventTypes.PAYMENT_METHOD_ATTACHED -> {
                var e = parse(event, PaymentMethodAttached.parser());
                yield new Line(e.getOrganizationId(), user(e.getAttachedByUserId()) + " attached a " + e.getBrand()
                        + " card ending in " + e.getLast4());
            }
            case EventTypes.PLAN_CHANGED -> {
                var e = parse(event, PlanChanged.parser());
                String change = "the plan from " + e.getFromPlanCode() + " to " + e.getToPlanCode() + " ("
                        + e.getReason() + ", " + money(e.getMonthlyAmount()) + " a month)";
                yield new Line(e.getOrganizationId(), e.getChangedByUserId().isEmpty() ? "Billing changed " + change
                        : user(e.getChangedByUserId()) + " changed " + change);
            }
            case EventTypes.PLAN_CHANGE_SCHEDULED -> {
                var e = parse(event, PlanChangeScheduled.parser());
                yield new Line(e.getOrganizationId(), user(e.getScheduledByUserId()) + " scheduled a change to the "
                        + e.getToPlanCode() + " plan on " + day(instant(e.getEffectiveAt())));
            }
            case EventTypes.CANCELLATION_SCHEDULED -> {
                var e = parse(event, CancellationScheduled.parser());
                yield new Line(e.getOrganizationId(), user(e.getScheduledByUserId())
                        + " scheduled the cancellation for " + day(instant(e.getEffectiveAt())));
            }
            case EventTypes.CANCELLATION_WITHDRAWN -> {
                var e = parse(event, CancellationWithdrawn.parser());
                yield new Line(e.getOrganizationId(), user(e.getWithdrawnByUserId())
                        + " withdrew the scheduled change");
            }
            case EventTypes.SUBSCRIPTION_RENEWED -> {
                var e = parse(event, SubscriptionRenewed.parser());
                yield new Line(e.getOrganizationId(), "Subscription renewed on the " + e.getPlanCode() + " plan until "
                        + day(instant(e.getPeriodEnd())));
            }
            case EventTypes.SUBSCRIPTION_PAST_DUE -> {
                var e = parse(event, SubscriptionPastDue.parser());
                yield new Line(e.getOrganizationId(), "The subscription is past due");
            }
            case EventTypes.INVOICE_ISSUED -> {
                var e = parse(event, InvoiceIssued.parser());
                yield new Line(e.getOrganizationId(), "Invoice " + e.getNumber() + " issued: " + money(e.getTotal()));
            }
            case EventTypes.INVOICE_PAID -> {
                var e = parse(event, InvoicePaid.parser());
                yield new Line(e.getOrganizationId(), "Invoice paid: " + money(e.getAmount()));
            }
            case EventTypes.INVOICE_PAYMENT_FAILED -> {
                var e = parse(event, InvoicePaymentFailed.parser());
                yield new Line(e.getOrganizationId(), "Payment failed (" + e.getReason() + ", attempt "
                        + e.getAttempt() + ")");
            }
            default -> null;
        });
    }

    private static String user(String userId) {
        return userId == null || userId.isEmpty() ? "Someone" : "{u:" + userId + "}";
    }

    /** The user ids a template mentions. */
    /** Whom a line names, as the mentions table keys them: user ids and {@link People#invitationMention}s. */
    static java.util.List<String> mentions(String template) {
        java.util.List<String> mentions = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            mentions.add(m.group(1).equals("u") ? m.group(2) : People.invitationMention(m.group(2)));
        }
        return mentions;
    }

    static java.util.List<String> mentionedUsers(String template) {
        java.util.List<String> users = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (m.group(1).equals("u")) {
                users.add(m.group(2));
            }
        }
        return users;
    }

    static String render(String template, java.util.function.Function<String, String> userName,
            java.util.function.Function<String, String> invitee) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("u") ? userName.apply(m.group(2)) : invitee.apply(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
