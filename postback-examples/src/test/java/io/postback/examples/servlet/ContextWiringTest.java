package io.postback.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.PostbackProcessor;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.examples.testing.FakeServletConfig;
import io.postback.model.Action;
import jakarta.servlet.ServletException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Servlets the container builds with no arguments take their wiring in init(), or fail it saying what to set. */
class ContextWiringTest {

    private static final PostbackProcessor PROCESSOR =
            PostbackProcessor.builder(new InMemoryLeadStore(), InMemoryOfferCatalog.builder().build()).build();

    @Test
    void a_servlet_built_by_the_container_takes_its_processor_action_and_options_in_init() throws ServletException {
        PostbackServlet.Options strict = PostbackServlet.Options.defaults().withStrict(true);
        PostbackServlet servlet = new PostbackServlet();
        servlet.init(config("postback-status", Map.of(PostbackServlet.PROCESSOR_ATTRIBUTE, PROCESSOR,
                PostbackServlet.OPTIONS_ATTRIBUTE, strict), Map.of("action", "status")));

        assertThat(servlet).extracting("processor", "action", "options").containsExactly(PROCESSOR, Action.STATUS, strict);
    }

    @Test
    void without_the_options_attribute_the_defaults_apply() throws ServletException {
        PostbackServlet servlet = new PostbackServlet();
        servlet.init(config("postback-click", Map.of(PostbackServlet.PROCESSOR_ATTRIBUTE, PROCESSOR), Map.of("action", "create")));

        assertThat(servlet).extracting("options").isEqualTo(PostbackServlet.Options.defaults());
    }

    @Test
    void a_servlet_built_with_its_processor_ignores_the_context() throws ServletException {
        PostbackServlet servlet = new PostbackServlet(PROCESSOR, Action.CREATE);
        servlet.init(config("embedded", Map.of(), Map.of()));

        assertThat(servlet).extracting("processor").isSameAs(PROCESSOR);
    }

    @Test
    void a_missing_or_foreign_processor_attribute_fails_init_saying_what_to_set() {
        assertThatThrownBy(() -> new PostbackServlet().init(config("postback-click", Map.of(), Map.of("action", "create"))))
                .isInstanceOf(ServletException.class)
                .hasMessage("servlet 'postback-click' has no processor: the servlet context attribute \"io.postback.PostbackProcessor\" "
                        + "is not set. Set it to the application's PostbackProcessor (PostbackServlet.PROCESSOR_ATTRIBUTE) in a "
                        + "ServletContextListener's contextInitialized, which runs before the servlets start (docs/servlet.md)");
        assertThatThrownBy(() -> new PostbackServlet().init(config("postback-click",
                Map.of(PostbackServlet.PROCESSOR_ATTRIBUTE, "processor"), Map.of("action", "create"))))
                .hasMessageContaining("the servlet context attribute \"io.postback.PostbackProcessor\" holds a java.lang.String, "
                        + "not a PostbackProcessor. Set it to");
        assertThatThrownBy(() -> new ExplainServlet().init(config("postback-explain", Map.of(), Map.of())))
                .hasMessageStartingWith("servlet 'postback-explain' has no processor: the servlet context attribute");
    }

    @Test
    void a_missing_or_unknown_action_fails_init_saying_what_to_set() {
        Map<String, Object> context = Map.of(PostbackServlet.PROCESSOR_ATTRIBUTE, PROCESSOR);

        assertThatThrownBy(() -> new PostbackServlet().init(config("postback-click", context, Map.of())))
                .hasMessage("servlet 'postback-click' has no init parameter \"action\": set it to create (the endpoint of "
                        + "/api/site/click.json) or status (the endpoint of /api/site/status.json) (docs/servlet.md)");
        assertThatThrownBy(() -> new PostbackServlet().init(config("postback-click", context, Map.of("action", "click"))))
                .hasMessageStartingWith("servlet 'postback-click' has the init parameter action=\"click\": set it to create");
    }

    @Test
    void an_options_attribute_of_another_type_fails_init() {
        Map<String, Object> context = Map.of(PostbackServlet.PROCESSOR_ATTRIBUTE, PROCESSOR, PostbackServlet.OPTIONS_ATTRIBUTE, "strict");

        assertThatThrownBy(() -> new PostbackServlet().init(config("postback-click", context, Map.of("action", "create"))))
                .hasMessage("servlet 'postback-click': the servlet context attribute \"io.postback.examples.servlet.PostbackServlet.Options\" "
                        + "holds a java.lang.String, not a PostbackServlet.Options: set it to one, or remove it for the defaults "
                        + "(docs/servlet.md)");
        assertThatThrownBy(() -> new ExplainServlet().init(config("postback-explain", context, Map.of())))
                .hasMessageContaining("not a PostbackServlet.Options");
    }

    private static FakeServletConfig config(String name, Map<String, Object> attributes, Map<String, String> parameters) {
        return new FakeServletConfig(name, attributes, parameters);
    }
}
