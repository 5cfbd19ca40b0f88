package io.eventsaas.gateway.admin;

import io.eventsaas.gateway.security.SignedIn;
import io.eventsaas.gateway.views.AdminMetrics;
import io.eventsaas.gateway.views.AdminMetricsViews;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The platform admins' dashboard: the figures projection-service publishes (key platform-metrics), two charts
 * drawn as inline SVG, and a stream of server-sent events that pushes every new revision of the view to the open
 * pages (fed by the gateway's watch on the key: no polling, no reload). Everyone else gets 403.
 */
@Controller
class AdminController {

    /** A page reconnects by itself (EventSource) when its stream ends. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final AdminMetricsViews metrics;
    private final Clock clock;

    AdminController(AdminMetricsViews metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    private Dashboard dashboard() {
        return Dashboard.of(metrics.current().orElse(AdminMetrics.NONE), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    @GetMapping("/admin")
    ModelAndView page(SignedIn signedIn) {
        signedIn.requirePlatformAdmin();
        Dashboard dashboard = dashboard();
        ModelAndView page = new ModelAndView("admin");
        page.addObject("admin", signedIn.displayName());
        page.addObject("published", metrics.current().isPresent());
        page.addObject("d", dashboard);
        page.addObject("bars", Charts.bars(dashboard.signupsPerDay()));
        page.addObject("line", Charts.line(dashboard.mrrOverTime()));
        return page;
    }

    @GetMapping(path = "/api/v1/admin/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Dashboard metrics(SignedIn signedIn) {
        signedIn.requirePlatformAdmin();
        return dashboard();
    }

    @GetMapping(path = "/admin/metrics/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(SignedIn signedIn) throws IOException {
        signedIn.requirePlatformAdmin();
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        emitter.send(SseEmitter.event().name("metrics").data(dashboard(), MediaType.APPLICATION_JSON));
        Runnable stop = metrics.onChange(changed -> {
            try {
                emitter.send(SseEmitter.event().name("metrics").data(dashboard(), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        });
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        return emitter;
    }
}
