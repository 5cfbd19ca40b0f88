package io.eventsaas.gateway.billing;

import io.eventsaas.gateway.billing.BillingViews.InvoiceView;
import io.eventsaas.gateway.billing.BillingViews.NewCard;
import io.eventsaas.gateway.billing.BillingViews.PlanView;
import io.eventsaas.gateway.billing.BillingViews.RunReport;
import io.eventsaas.gateway.billing.BillingViews.SubscriptionView;
import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.web.CorrelationId;
import io.eventsaas.gateway.web.InvalidRequestException;
import io.eventsaas.gateway.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * The billing JSON API: plans (public), an organisation's subscription, plan changes, the card, invoices, and the
 * admins' billing run. Forwards to billing-service, which authorises the caller; the {@code Idempotency-Key} header,
 * when given, is the command id.
 */
@RestController
class BillingApiController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final BillingClient billing;
    private final ObjectMapper json;

    BillingApiController(BillingClient billing, ObjectMapper json) {
        this.billing = billing;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/plans", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<PlanView>> plans(HttpServletRequest request) {
        return Map.of("plans", billing.plans(CorrelationId.of(request)));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}/subscription", produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView subscription(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request) {
        return billing.subscription(signedIn, orgId, CorrelationId.of(request));
    }

    @PostMapping(path = "/api/v1/orgs/{orgId}/subscription", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView changePlan(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        String plan = JsonBody.read(request, json).requireStrings("plan").get("plan");
        return billing.changePlan(signedIn, orgId, plan, commandId(key), CorrelationId.of(request));
    }

    @PostMapping(path = "/api/v1/orgs/{orgId}/subscription/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView cancel(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return billing.cancel(signedIn, orgId, commandId(key), CorrelationId.of(request));
    }

    @PostMapping(path = "/api/v1/orgs/{orgId}/subscription/resume", produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView resume(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return billing.resume(signedIn, orgId, commandId(key), CorrelationId.of(request));
    }

    @PutMapping(path = "/api/v1/orgs/{orgId}/payment-method", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView paymentMethod(@PathVariable String orgId, SignedIn signedIn, HttpServletRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        JsonBody body = JsonBody.read(request, json);
        Map<String, String> text = body.requireStrings("number", "cvc");
        Map<String, Integer> numbers = body.requireInts("expMonth", "expYear");
        NewCard card = new NewCard(text.get("number"), numbers.get("expMonth"), numbers.get("expYear"),
                text.get("cvc"));
        return billing.attachCard(signedIn, orgId, card, commandId(key), CorrelationId.of(request));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}/invoices", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<InvoiceView>> invoices(@PathVariable String orgId, SignedIn signedIn,
            HttpServletRequest request) {
        return Map.of("invoices", billing.invoices(signedIn, orgId, CorrelationId.of(request)));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}/invoices/{invoiceId}", produces = MediaType.APPLICATION_JSON_VALUE)
    InvoiceView invoice(@PathVariable String orgId, @PathVariable String invoiceId, SignedIn signedIn,
            HttpServletRequest request) {
        return billing.invoice(signedIn, orgId, invoiceId, CorrelationId.of(request));
    }

    /** {@code {"asOf": "2027-01-01"}} or an ISO instant; absent: now. Platform admins only. */
    @PostMapping(path = "/api/v1/admin/billing/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    RunReport startRun(SignedIn signedIn, HttpServletRequest request) {
        signedIn.requirePlatformAdmin();
        Instant asOf = null;
        if (request.getContentLengthLong() != 0 && request.getContentType() != null) {
            asOf = JsonBody.read(request, json).optionalString("asOf").map(BillingApiController::parseInstant)
                    .orElse(null);
        }
        return billing.startRun(signedIn, asOf, CorrelationId.of(request));
    }

    static Instant parseInstant(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("asOf must be a date (2027-01-31) or an instant (2027-01-31T12:00:00Z).",
                    Map.of("asOf", "must be a date or an instant"));
        }
    }

    static String commandId(String key) {
        if (key == null) {
            return UUID.randomUUID().toString();
        }
        if (!KEY_SHAPE.matcher(key).matches()) {
            throw new InvalidRequestException("The Idempotency-Key header must be 1 to 100 printable characters.",
                    Map.of(IDEMPOTENCY_KEY, "must be 1 to 100 printable characters without spaces"));
        }
        return key;
    }
}
