/** The postback processor: pure domain, behind the LeadStore and OfferCatalog SPIs. */
module io.postback.core {
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.net.http;

    exports io.postback;
    exports io.postback.model;
    exports io.postback.spi;
    exports io.postback.memory;
    exports io.postback.outbound;
    exports io.postback.shard;
    exports io.postback.rates;
}
