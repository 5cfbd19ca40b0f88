package io.eventsaas.gateway.home;

import io.eventsaas.gateway.views.PlatformSummaryViews;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The landing page: what this is, the live numbers from the platform summary view, and the way in (the layout knows
 * whether someone is signed in).
 */
@Controller
class HomeController {

    private final PlatformSummaryViews views;
    private final RelativeTime relativeTime;

    HomeController(PlatformSummaryViews views, Clock clock) {
        this.views = views;
        this.relativeTime = new RelativeTime(clock);
    }

    @GetMapping("/")
    ModelAndView home() {
        ModelAndView page = new ModelAndView("home");
        page.addObject("summary", views.current().orElse(null));
        page.addObject("ago", relativeTime);
        return page;
    }
}
