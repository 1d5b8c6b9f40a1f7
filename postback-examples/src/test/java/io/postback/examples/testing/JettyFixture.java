package io.postback.examples.testing;

import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A bare Jetty on 127.0.0.1 and a free port with the given servlets, as a host application would embed them. */
public final class JettyFixture implements AutoCloseable {

    private final Server server;

    public JettyFixture(Map<String, HttpServlet> servletsByPath) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        servletsByPath.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        server.setHandler(context);
        server.start();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
