package io.quanteam.eam.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * What of a message's headers may reach an HTTP reply: only these few. platform-http copies every request header
 * and query parameter into the exchange and, unfiltered, back into the reply (also on the answers it makes itself,
 * such as a 500), so an allow-list here keeps any request header from being echoed.
 */
public final class ApiHeaderFilter extends HttpHeaderFilterStrategy {
  private static final Set<String> ALLOWED = Set.of("cache-control", "location", "retry-after", "allow",
      "www-authenticate");

  @Override
  public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
    return !ALLOWED.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The request's {@code Host} comes in too (the default filter drops it): the UI's same-origin check needs it. */
  @Override
  public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
    return !name.equalsIgnoreCase("host") && super.applyFilterToExternalHeaders(name, value, exchange);
  }
}
