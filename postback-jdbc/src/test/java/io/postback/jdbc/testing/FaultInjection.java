package io.postback.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A data source that runs a fault once, when a connection prepares a statement containing a
 * given text: for breaking a postback between two statements of its transaction.
 */
public final class FaultInjection {

    /** What to do to the connection that is about to prepare the statement. */
    @FunctionalInterface
    public interface Fault {
        void strike(Connection connection) throws SQLException;
    }

    private record Armed(String sqlPart, Fault fault) {
    }

    private final DataSource target;
    private final AtomicReference<Armed> armed = new AtomicReference<>();

    public FaultInjection(DataSource target) {
        this.target = target;
    }

    /** The next statement containing {@code sqlPart} gets {@code fault} first; only once. */
    public void arm(String sqlPart, Fault fault) {
        armed.set(new Armed(sqlPart, fault));
    }

    public boolean struck() {
        return armed.get() == null;
    }

    public DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                });
    }

    private Connection connection(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                Armed current = armed.get();
                if (current != null && sql.contains(current.sqlPart()) && armed.compareAndSet(current, null)) {
                    current.fault().strike(real);
                }
            }
            return invoke(real, method, args);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
