package io.postback.spi;

import io.postback.model.ClickInfo;
import java.util.Optional;

/** Optional: tells which offer, flow and webmaster a click belongs to, from the host's tracker. */
@FunctionalInterface
public interface ClickResolver {

    ClickResolver NONE = click -> Optional.empty();

    Optional<ClickInfo> resolve(String click);
}
