package io.postback.internal;

import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import io.postback.spi.ClickResolver;
import io.postback.spi.CurrencyConverter;
import io.postback.spi.OfferCatalog;
import io.postback.spi.StoreException;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The host's collaborators as the processor calls them: a catalog, click resolver or converter that
 * fails (a lost connection, a bug) turns into a {@link StoreException}, so that {@code handle}
 * answers {@code store} and journals the postback instead of throwing at the sender's request.
 */
final class GuardedCallbacks {

    private GuardedCallbacks() {
    }

    static ClickResolver clicks(ClickResolver clicks) {
        return click -> call("the click resolver", () -> clicks.resolve(click));
    }

    static CurrencyConverter converter(CurrencyConverter converter) {
        return (Currency from, Currency to, Instant at) -> call("the currency converter", () -> converter.rate(from, to, at));
    }

    static OfferCatalog catalog(OfferCatalog catalog) {
        return new OfferCatalog() {
            @Override
            public Optional<Site> site(long siteId) {
                return call("the offer catalog", () -> catalog.site(siteId));
            }

            @Override
            public Optional<Offer> offer(long offerId) {
                return call("the offer catalog", () -> catalog.offer(offerId));
            }

            @Override
            public Optional<Flow> flow(long flowId) {
                return call("the offer catalog", () -> catalog.flow(flowId));
            }

            @Override
            public Optional<Flow> flowByCode(String code) {
                return call("the offer catalog", () -> catalog.flowByCode(code));
            }

            @Override
            public Optional<WebmasterRate> individualRate(Offer offer, Goal goal, OptionalLong flowId, OptionalLong webmasterId) {
                return call("the offer catalog", () -> catalog.individualRate(offer, goal, flowId, webmasterId));
            }

            @Override
            public java.util.List<io.postback.model.OutboundPostback> outboundPostbacks(long offerId) {
                try {
                    return java.util.Objects.requireNonNullElse(catalog.outboundPostbacks(offerId), java.util.List.of());
                } catch (StoreException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new StoreException("the offer catalog failed", e);
                }
            }

            @Override
            public Optional<io.postback.model.OutboundPostback> outboundPostback(long postbackId) {
                return call("the offer catalog", () -> catalog.outboundPostback(postbackId));
            }

            @Override
            public java.util.Collection<String> secrets() {
                try {
                    return java.util.Objects.requireNonNullElse(catalog.secrets(), java.util.List.of());
                } catch (StoreException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new StoreException("the offer catalog failed", e);
                }
            }
        };
    }

    private static <T> Optional<T> call(String what, Supplier<Optional<T>> callback) {
        Optional<T> result;
        try {
            result = callback.get();
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(what + " failed", e);
        }
        if (result == null) {
            throw new StoreException(what + " returned null instead of Optional.empty()");
        }
        return result;
    }
}
