package io.postback.examples.docs;

// docs/servlet.md, "Declaring the servlets": the annotation style (ServletSnippetsTest registers it as its annotation says).
// tag::web-servlet[]
import io.postback.examples.servlet.PostbackServlet;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;

/** CREATE postbacks; the container builds it, and init() takes the processor from the context attribute. */
@WebServlet(name = "postback-click", urlPatterns = "/api/site/click.json", asyncSupported = true, loadOnStartup = 1,
        initParams = @WebInitParam(name = PostbackServlet.ACTION_PARAMETER, value = "create"))
public class ClickServlet extends PostbackServlet {
}
// end::web-servlet[]
