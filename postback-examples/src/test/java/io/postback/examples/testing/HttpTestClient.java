package io.postback.examples.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends requests to a server on 127.0.0.1 with {@link HttpClient}. A target that is not a valid
 * {@link URI} (raw braces from {@code curl -g}, malformed percent-encoding) cannot go through
 * HttpClient, so it is written byte for byte over a socket instead: the server must see exactly
 * what a sender would send.
 */
public final class HttpTestClient {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final int port;

    public HttpTestClient(int port) {
        this.port = port;
    }

    /** The status, content type and body of an answer. */
    public record Response(int status, String contentType, String body) {
    }

    public Response send(CurlCommand curl) {
        return send(curl.method(), curl.pathAndQuery(), curl.contentType(), curl.body().map(HttpTestClient::utf8));
    }

    public Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, Optional.empty(), Optional.empty());
    }

    public Response post(String pathAndQuery, String contentType, byte[] body) {
        return send("POST", pathAndQuery, Optional.of(contentType), Optional.of(body));
    }

    public Response send(String method, String pathAndQuery, Optional<String> contentType, Optional<byte[]> body) {
        URI uri;
        try {
            uri = new URI("http://127.0.0.1:" + port + pathAndQuery);
        } catch (URISyntaxException e) {
            return raw(method, pathAndQuery, contentType, body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body.map(HttpRequest.BodyPublishers::ofByteArray).orElse(HttpRequest.BodyPublishers.noBody()));
        contentType.ifPresent(type -> request.header("Content-Type", type));
        return send(request.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The whole answer, headers included, to any method without a body. */
    public HttpResponse<String> exchange(String method, String pathAndQuery) {
        return exchange(request(pathAndQuery).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The whole answer, headers included. */
    public HttpResponse<String> exchange(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    /** HTTP/1.1 by hand, for request targets java.net.URI refuses. */
    private Response raw(String method, String target, Optional<String> contentType, Optional<byte[]> body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n");
            contentType.ifPresent(type -> head.append("Content-Type: ").append(type).append("\r\n"));
            body.ifPresent(bytes -> head.append("Content-Length: ").append(bytes.length).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body.isPresent()) {
                out.write(body.get());
            }
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("raw request failed: " + method + " " + target, e);
        }
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        String contentType = "";
        for (String header : head) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = header.substring("content-type:".length()).trim();
            }
        }
        return new Response(status, contentType, text.substring(end + 4));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
