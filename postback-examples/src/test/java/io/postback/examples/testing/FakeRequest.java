package io.postback.examples.testing;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link HttpServletRequest} with just what the adapter reads: method, query, content type,
 * declared length, body, remote address and headers; without async support, so the body is read
 * the blocking way. Any other method fails loudly, so a test notices when the
 * adapter starts depending on more (such as {@code getParameter}, which it must never call).
 */
public final class FakeRequest {

    private String method = "GET";
    private String query;
    private String contentType;
    private byte[] body = new byte[0];
    /** Null: the body's own length. */
    private Long contentLength;
    private String remoteAddr = "127.0.0.1";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private int bytesRead;

    public FakeRequest method(String m) {
        this.method = m;
        return this;
    }

    public FakeRequest query(String q) {
        this.query = q;
        return this;
    }

    public FakeRequest contentType(String type) {
        this.contentType = type;
        return this;
    }

    public FakeRequest body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    /** The declared length; -1 as for a chunked body. By default the body's length. */
    public FakeRequest contentLength(long length) {
        this.contentLength = length;
        return this;
    }

    public FakeRequest remoteAddr(String address) {
        this.remoteAddr = address;
        return this;
    }

    public FakeRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> new ArrayList<>()).add(value);
        return this;
    }

    /** How many body bytes the code under test read. */
    public int bytesRead() {
        return bytesRead;
    }

    public HttpServletRequest build() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getQueryString" -> query;
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> contentLength == null ? (long) body.length : contentLength;
                    case "isAsyncSupported" -> false;
                    case "getRemoteAddr" -> remoteAddr;
                    case "getHeaders" -> Collections.enumeration(
                            headers.getOrDefault(((String) args[0]).toLowerCase(java.util.Locale.ROOT), List.of()));
                    case "getInputStream" -> inputStream();
                    case "toString" -> "FakeRequest[" + method + " ?" + query + "]";
                    default -> throw new UnsupportedOperationException("the adapter should not call " + m.getName());
                });
    }

    private ServletInputStream inputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                int b = in.read();
                if (b >= 0) {
                    bytesRead++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = in.read(buffer, offset, length);
                bytesRead += Math.max(n, 0);
                return n;
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking reads only");
            }
        };
    }
}
