package io.postback.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt to send a delivery (rules §15): when, the HTTP status or the error, how long it took.
 *
 * @param error a short reason without secrets ("timeout", "refused: 127.0.0.1 is a loopback address"), empty on an HTTP answer
 */
public record DeliveryAttempt(Instant at, OptionalInt httpStatus, Optional<String> error, Duration took) {
    public DeliveryAttempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(took, "took");
        if (httpStatus.isEmpty() == error.isEmpty()) {
            throw new IllegalArgumentException("an attempt has an HTTP status or an error, not both or neither");
        }
    }

    public static DeliveryAttempt answered(Instant at, int status, Duration took) {
        return new DeliveryAttempt(at, OptionalInt.of(status), Optional.empty(), took);
    }

    public static DeliveryAttempt failed(Instant at, String error, Duration took) {
        return new DeliveryAttempt(at, OptionalInt.empty(), Optional.of(error), took);
    }
}
