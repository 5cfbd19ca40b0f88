package io.eventsaas.gateway.home;

import io.eventsaas.gateway.security.SessionCookies;
import io.eventsaas.gateway.views.PlatformSummaryViews;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The landing page: what this is, the live numbers from the platform summary view, and the way to sign up. */
@Controller
class HomeController {

    private final PlatformSummaryViews views;
    private final SessionCookies sessions;
    private final RelativeTime relativeTime;

    HomeController(PlatformSummaryViews views, SessionCookies sessions, Clock clock) {
        this.views = views;
        this.sessions = sessions;
        this.relativeTime = new RelativeTime(clock);
    }

    @GetMapping("/")
    ModelAndView home(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("home");
        page.addObject("summary", views.current().orElse(null));
        page.addObject("ago", relativeTime);
        page.addObject("signedIn", sessions.userId(request).isPresent());
        return page;
    }
}
