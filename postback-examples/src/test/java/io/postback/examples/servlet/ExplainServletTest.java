package io.postback.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExplainServletTest {

    @Test
    void the_action_names_the_endpoint_to_simulate() {
        assertThat(ExplainServlet.actionOf("action=click&token=12-abc")).isEqualTo(Optional.of(Action.CREATE));
        assertThat(ExplainServlet.actionOf("token=12-abc&action=create")).isEqualTo(Optional.of(Action.CREATE));
        assertThat(ExplainServlet.actionOf("token=12-abc&action=status")).isEqualTo(Optional.of(Action.STATUS));
    }

    @Test
    void a_missing_unknown_or_repeated_action_is_none() {
        assertThat(ExplainServlet.actionOf("token=12-abc")).isEmpty();
        assertThat(ExplainServlet.actionOf("action=delete")).isEmpty();
        assertThat(ExplainServlet.actionOf("action=click&action=status")).isEmpty();
        assertThat(ExplainServlet.actionOf("action=status&action=status")).isEmpty();
        assertThat(ExplainServlet.actionOf("")).isEmpty();
    }

    @Test
    void the_action_is_not_passed_on_to_the_engine() {
        assertThat(ExplainServlet.withoutAction("action=status&token=12-abc&click=c")).isEqualTo("token=12-abc&click=c");
        assertThat(ExplainServlet.withoutAction("action=status")).isEmpty();
        assertThat(ExplainServlet.withoutAction("token=12-abc&&action=click&status=ok")).isEqualTo("token=12-abc&status=ok");
    }
}
