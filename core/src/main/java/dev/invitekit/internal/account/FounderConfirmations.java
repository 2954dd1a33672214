package dev.invitekit.internal.account;

import dev.invitekit.internal.url.AppUrls;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How founders prove their address (A3): how long a confirmation link works, and the URL it opens.
 *
 * @param lifetime how long an unconfirmed founder sign-up can be confirmed before it is discarded
 * @param urlTemplate the absolute confirmation URL with {@code {token}} where the token goes
 */
public record FounderConfirmations(Duration lifetime, String urlTemplate) {
  /** The default lifetime of an unconfirmed founder sign-up: 24 hours. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

  /** Requires both; the template holds {@code {token}}. */
  public FounderConfirmations {
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
    if (!urlTemplate.contains("{token}")) {
      throw new IllegalArgumentException("the founder confirmation URL needs {token}, was " + urlTemplate);
    }
  }

  /** The confirmation link of {@code token}. */
  URI url(String token) {
    return AppUrls.uri(urlTemplate.replace("{token}", token), "founder confirmation");
  }
}
