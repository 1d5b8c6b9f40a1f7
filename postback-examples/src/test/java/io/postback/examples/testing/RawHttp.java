package io.postback.examples.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over one socket bound to a chosen local address (all of 127.0.0.0/8 is loopback
 * on Linux, so 127.0.0.2 is a second client address): for what {@link HttpTestClient} cannot send,
 * such as a body that never arrives, headers a byte at a time, or many connections from one address.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Connected from {@code localAddress} to 127.0.0.1:port; reads give up after {@code readTimeoutMillis}. */
    public static RawHttp connect(String localAddress, int port, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            return new RawHttp(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An answer as read: status, headers by lower-case name, body as UTF-8. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    public RawHttp write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Writes {@code text} one byte every {@code everyMillis} on a thread of its own, over and over,
     * until closed or the connection fails: a slow sender.
     */
    public AutoCloseable trickle(String text, long everyMillis) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i = (i + 1) % bytes.length) {
                    socket.getOutputStream().write(bytes[i]);
                    socket.getOutputStream().flush();
                    Thread.sleep(everyMillis);
                }
            } catch (IOException | InterruptedException e) {
                // cut by the server, or stopped by the test
            }
        }, "trickle");
        writer.setDaemon(true);
        writer.start();
        return writer::interrupt;
    }

    /** Reads one answer, its body by Content-Length (or to the end of the stream when it has none). */
    public Answer readAnswer() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        return new Answer(Integer.parseInt(lines[0].split(" ", 3)[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before an answer: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim();
    }

    /**
     * Whether the server has closed the connection: the stream ends or is reset, after any bytes
     * still to read. False when the read timeout passes first.
     */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // an answer sent before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
