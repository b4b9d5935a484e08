package io.quanteam.eam.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Who may write (03 §4): with {@code EAM_WRITE_AUTH_MODE=basic}, every write (API and UI posts) carries HTTP Basic
 * credentials equal to the configured user and password, compared in constant time; the user becomes the event's
 * actor. Off, every write is accepted as actor {@code api} (or {@code ui}). Reads are never asked.
 */
public final class WriteAuth {
  private final HttpSettings settings;

  public WriteAuth(HttpSettings settings) {
    this.settings = settings;
  }

  public boolean enabled() {
    return settings.basicAuth();
  }

  /** The actor of a write with this {@code Authorization} header; 401 when basic mode refuses it. */
  public String actor(String authorization, String anonymousActor) {
    if (!settings.basicAuth()) {
      return anonymousActor;
    }
    String user = basicUser(authorization);
    if (user == null) {
      throw new ApiProblem(401, "Unauthorized",
          "this daemon asks writes for HTTP Basic credentials (EAM_WRITE_AUTH_MODE=basic): missing or wrong", List.of());
    }
    return user;
  }

  /** The user when the header holds the configured credentials, else null; both compared in constant time. */
  private String basicUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = text.substring(0, colon);
    boolean userOk = same(user, settings.authUser());
    boolean passOk = same(text.substring(colon + 1), settings.authPass());
    return userOk & passOk ? user : null;
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(sha256(given), sha256(expected));
  }

  /** Hashed first, so the comparison takes the same time whatever the lengths. */
  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
