package io.postback.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webmaster's tracker on loopback for tests: answers each request with the next scripted
 * behaviour (a status, a hang, a dropped connection), the last one repeating, and keeps what it received.
 */
final class Receiver implements AutoCloseable {

    /** What the receiver does with a request. */
    sealed interface Behaviour {
        record Answer(int status, int bodyBytes) implements Behaviour {
        }

        record Hang(long millis) implements Behaviour {
        }

        record Drop() implements Behaviour {
        }
    }

    /** A request as received. */
    record Received(String method, String rawQuery, String path, String body, String signature) {
    }

    static Behaviour answer(int status) {
        return new Behaviour.Answer(status, 2);
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Deque<Behaviour> script = new ConcurrentLinkedDeque<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    Receiver(Behaviour... behaviours) throws IOException {
        script.addAll(List.of(behaviours));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Behaviour next() {
        Behaviour b = script.size() > 1 ? script.pollFirst() : script.peekFirst();
        return b == null ? answer(200) : b;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestURI().getRawPath(), body, exchange.getRequestHeaders().getFirst(DeliverySignature.HEADER)));
        Behaviour b = next();
        if (b instanceof Behaviour.Hang hang) {
            try {
                Thread.sleep(hang.millis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (b instanceof Behaviour.Drop) {
            exchange.getResponseBody().close(); // closes the connection before any answer is sent
            exchange.close();
            return;
        }
        Behaviour.Answer answer = (Behaviour.Answer) b;
        byte[] bytes = "x".repeat(answer.bodyBytes()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    List<String> queries() {
        List<String> queries = new ArrayList<>();
        received.forEach(r -> queries.add(r.rawQuery()));
        return queries;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
