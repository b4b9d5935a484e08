package io.quanteam.eam.api;

import java.util.Locale;

/**
 * How the daemon's HTTP API and UI listen and who may write (03 §4).
 *
 * @param host         the address to bind ({@code EAM_HTTP_HOST}, default 127.0.0.1: nothing outside this machine)
 * @param port         the port ({@code EAM_HTTP_PORT}, default 8080; not 0: Camel 4.14's embedded server cannot
 *                     serve routes on a port it picks itself)
 * @param maxBodyBytes the largest request body accepted ({@code EAM_HTTP_MAX_BODY_BYTES}, default 1 MiB; more is 413)
 * @param authMode     {@code off} or {@code basic} ({@code EAM_WRITE_AUTH_MODE}): basic asks every write for HTTP
 *                     Basic credentials equal to {@code authUser}/{@code authPass}
 */
public record HttpSettings(String host, int port, long maxBodyBytes, String authMode, String authUser,
    String authPass) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

  public HttpSettings {
    authMode = authMode == null || authMode.isBlank() ? "off" : authMode.trim().toLowerCase(Locale.ROOT);
    if (!authMode.equals("off") && !authMode.equals("basic")) {
      throw new IllegalArgumentException("EAM_WRITE_AUTH_MODE must be off or basic, got '" + authMode + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("EAM_HTTP_PORT / eam.http.port must be a port number 1-65535, got " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("EAM_HTTP_MAX_BODY_BYTES must be at least 1, got " + maxBodyBytes);
    }
  }

  public static HttpSettings defaults() {
    return new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, "off", null, null);
  }

  public boolean basicAuth() {
    return authMode.equals("basic");
  }

  /**
   * What stops {@code serve} before it listens: basic mode without a user or a password (the reference started
   * and answered 500 to every write).
   */
  public void requireUsable() {
    if (basicAuth() && (authUser == null || authUser.isEmpty() || authPass == null || authPass.isEmpty())) {
      throw new IllegalStateException("EAM_WRITE_AUTH_MODE=basic needs EAM_WRITE_AUTH_USER and EAM_WRITE_AUTH_PASS "
          + "(both non-empty); set them, or EAM_WRITE_AUTH_MODE=off");
    }
  }

  public HttpSettings withPort(int newPort) {
    return new HttpSettings(host, newPort, maxBodyBytes, authMode, authUser, authPass);
  }

  public HttpSettings withAuth(String mode, String user, String pass) {
    return new HttpSettings(host, port, maxBodyBytes, mode, user, pass);
  }

  @Override
  public String toString() { // never the password
    return "HttpSettings[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + ", authMode="
        + authMode + "]";
  }
}
