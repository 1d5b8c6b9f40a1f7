package io.postback.examples.testing;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * A {@link ServletConfig} with a name, init parameters and a {@link ServletContext} that has
 * attributes; any other method of the context fails loudly, so a test notices when a servlet's
 * {@code init()} starts depending on more.
 */
public record FakeServletConfig(String name, Map<String, Object> attributes, Map<String, String> parameters)
        implements ServletConfig {

    @Override
    public String getServletName() {
        return name;
    }

    @Override
    public ServletContext getServletContext() {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "toString" -> "FakeServletContext" + attributes.keySet();
                    default -> throw new UnsupportedOperationException("ServletContext." + method.getName());
                });
    }

    @Override
    public String getInitParameter(String parameter) {
        return parameters.get(parameter);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }
}
