package io.postback.examples.servlet;

import io.postback.PostbackProcessor;
import io.postback.model.Action;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletException;

/**
 * What a servlet that the container built with no arguments (web.xml, {@code @WebServlet},
 * {@code ServletContext.addServlet(name, PostbackServlet.class)}) takes in {@code init()}: the
 * processor and the options from servlet context attributes the application sets in a
 * {@code ServletContextListener}, the action from an init parameter. Each failure names what to set
 * (docs/servlet.md, "Declaring the servlets").
 */
final class ContextWiring {

    private ContextWiring() {
    }

    /** The processor of the context attribute {@link PostbackServlet#PROCESSOR_ATTRIBUTE}. */
    static PostbackProcessor processor(GenericServlet servlet) throws ServletException {
        Object value = servlet.getServletContext().getAttribute(PostbackServlet.PROCESSOR_ATTRIBUTE);
        if (value instanceof PostbackProcessor processor) {
            return processor;
        }
        String found = value == null ? "is not set" : "holds a " + value.getClass().getName() + ", not a PostbackProcessor";
        throw new ServletException("servlet '" + servlet.getServletName() + "' has no processor: the servlet context attribute \""
                + PostbackServlet.PROCESSOR_ATTRIBUTE + "\" " + found + ". Set it to the application's PostbackProcessor "
                + "(PostbackServlet.PROCESSOR_ATTRIBUTE) in a ServletContextListener's contextInitialized, "
                + "which runs before the servlets start (docs/servlet.md)");
    }

    /** The action of the init parameter {@link PostbackServlet#ACTION_PARAMETER}: {@code create} or {@code status}. */
    static Action action(GenericServlet servlet) throws ServletException {
        String value = servlet.getInitParameter(PostbackServlet.ACTION_PARAMETER);
        if ("create".equals(value)) {
            return Action.CREATE;
        }
        if ("status".equals(value)) {
            return Action.STATUS;
        }
        String found = value == null ? "has no init parameter \"" + PostbackServlet.ACTION_PARAMETER + "\""
                : "has the init parameter " + PostbackServlet.ACTION_PARAMETER + "=\"" + value + "\"";
        throw new ServletException("servlet '" + servlet.getServletName() + "' " + found + ": set it to create (the "
                + "endpoint of /api/site/click.json) or status (the endpoint of /api/site/status.json) (docs/servlet.md)");
    }

    /** The options of the context attribute {@link PostbackServlet#OPTIONS_ATTRIBUTE}, or the defaults when it is not set. */
    static PostbackServlet.Options options(GenericServlet servlet) throws ServletException {
        Object value = servlet.getServletContext().getAttribute(PostbackServlet.OPTIONS_ATTRIBUTE);
        if (value == null) {
            return PostbackServlet.Options.defaults();
        }
        if (value instanceof PostbackServlet.Options options) {
            return options;
        }
        throw new ServletException("servlet '" + servlet.getServletName() + "': the servlet context attribute \""
                + PostbackServlet.OPTIONS_ATTRIBUTE + "\" holds a " + value.getClass().getName()
                + ", not a PostbackServlet.Options: set it to one, or remove it for the defaults (docs/servlet.md)");
    }
}
