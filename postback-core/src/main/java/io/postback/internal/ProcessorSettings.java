package io.postback.internal;

import io.postback.DuplicatePolicy;
import io.postback.TransitionPolicy;
import io.postback.spi.ClickResolver;
import io.postback.spi.CurrencyConverter;
import io.postback.spi.OfferCatalog;
import io.postback.spi.PostbackObserver;
import io.postback.spi.SeenSignatures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything the processor is built with, as {@code PostbackProcessor.Builder} collects it. */
public record ProcessorSettings(OfferCatalog catalog, ClickResolver clicks, CurrencyConverter converter,
                             DuplicatePolicy duplicates, TransitionPolicy transitions, Clock clock,
                             Optional<String> globalToken, boolean recordEvents, int maxAttempts,
                             SeenSignatures seenSignatures, Duration signatureWindow, Duration deadline,
                             int unauthenticatedJournaledPerMinute, List<PostbackObserver> observers) {

    public ProcessorSettings {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(clicks, "clicks");
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(duplicates, "duplicates");
        Objects.requireNonNull(transitions, "transitions");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(globalToken, "globalToken");
        Objects.requireNonNull(seenSignatures, "seenSignatures");
        Objects.requireNonNull(signatureWindow, "signatureWindow");
        Objects.requireNonNull(deadline, "deadline");
        observers = List.copyOf(observers);
    }
}
