package io.postback.internal;

import io.postback.spi.OfferCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The masker of the catalog's current secrets and the host's global token. It is built again only
 * when the catalog hands out another collection of secrets (a refreshed snapshot), so a postback
 * pays one comparison of references for it.
 */
final class CatalogSecrets {

    private record Built(Collection<String> secrets, SecretMasker masker) {
    }

    private final OfferCatalog catalog;
    private final Optional<String> globalToken;
    private volatile Built built;

    CatalogSecrets(OfferCatalog catalog, Optional<String> globalToken) {
        this.catalog = catalog;
        this.globalToken = globalToken;
    }

    SecretMasker masker() {
        Collection<String> secrets = catalog.secrets();
        Built current = built;
        if (current == null || current.secrets() != secrets) {
            List<String> all = new ArrayList<>(secrets);
            globalToken.ifPresent(all::add);
            current = new Built(secrets, new SecretMasker(all));
            built = current;
        }
        return current.masker();
    }
}
