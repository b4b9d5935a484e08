package io.quanteam.eam.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP load of {@code bench/api}, run as a single-file source (no benchmark jar):
 * {@code wait URL SECONDS [SINCE]} — polls URL until it answers 200, prints the milliseconds since SINCE (epoch
 * milliseconds: when the caller launched the daemon) or else since this program started;
 * {@code list URL COUNT} — COUNT sequential GETs after 200 of warm-up, prints p50/p99/max in ms;
 * {@code submit BASE COUNT THREADS FIRST} — COUNT distinct blueprints POSTed to BASE/jobs/blueprint on THREADS
 * keep-alive connections (titles from FIRST on), prints new jobs/s, p50/p99 ms and the answers that were not 201.
 */
public final class ApiLoad {
  private ApiLoad() {}

  public static void main(String[] args) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    switch (args[0]) {
      case "wait" -> {
        long start = System.nanoTime();
        long deadline = start + Long.parseLong(args[2]) * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
          try {
            if (http.send(HttpRequest.newBuilder(URI.create(args[1])).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
              // from SINCE (the caller's clock when it launched the daemon): this JVM's own start is not left out
              System.out.println(args.length > 3 ? System.currentTimeMillis() - Long.parseLong(args[3])
                  : (System.nanoTime() - start) / 1_000_000);
              return;
            }
          } catch (java.io.IOException e) {
            // not listening yet
          }
          Thread.sleep(10); // a poll, not a busy loop: the daemon starting needs the CPU
        }
        System.out.println("timeout");
        System.exit(1);
      }
      case "list" -> {
        int count = Integer.parseInt(args[2]);
        HttpRequest get = HttpRequest.newBuilder(URI.create(args[1])).build();
        for (int i = 0; i < 200; i++) {
          http.send(get, HttpResponse.BodyHandlers.ofString());
        }
        long[] t = new long[count];
        for (int i = 0; i < count; i++) {
          long s = System.nanoTime();
          HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
          t[i] = System.nanoTime() - s;
          if (r.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + r.statusCode() + ": " + r.body());
          }
        }
        Arrays.sort(t);
        System.out.printf("p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%d requests)%n", t[count / 2] / 1e6,
            t[(int) (count * 0.99)] / 1e6, t[count - 1] / 1e6, count);
      }
      case "submit" -> {
        String base = args[1];
        int count = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int first = Integer.parseInt(args[4]);
        URI uri = URI.create(base);
        String template = Files.readString(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
        // bodies made before the clock starts: the load generator shares the daemon's cores, so it does as little
        // as it can while measuring (a raw keep-alive socket per connection, not java.net.http: ~1 ms CPU a request)
        byte[][] requests = new byte[count][];
        for (int i = 0; i < count; i++) {
          byte[] body = template.replaceFirst("\"title\"\\s*:\\s*\"[^\"]*\"", "\"title\": \"api bench " + (first + i) + "\"")
              .getBytes(StandardCharsets.UTF_8);
          byte[] head = ("POST /jobs/blueprint?snapshot_id=demo_tiny HTTP/1.1\r\nHost: " + uri.getHost() + ":"
              + uri.getPort() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
          requests[i] = Arrays.copyOf(head, head.length + body.length);
          System.arraycopy(body, 0, requests[i], head.length, body.length);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> parts = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < threads; w++) {
          parts.add(pool.submit(() -> {
            long[] mine = new long[count];
            int n = 0;
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
              socket.setTcpNoDelay(true);
              socket.setSoTimeout(60_000); // a daemon that stops answering fails the run instead of hanging it
              OutputStream out = socket.getOutputStream();
              InputStream in = new BufferedInputStream(socket.getInputStream());
              for (int i; (i = next.getAndIncrement()) < count; ) {
                long s = System.nanoTime();
                out.write(requests[i]);
                out.flush();
                int status = readResponse(in);
                mine[n++] = System.nanoTime() - s;
                if (status != 201) {
                  errors.incrementAndGet();
                }
              }
            }
            return Arrays.copyOf(mine, n);
          }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : parts) {
          for (long v : f.get()) {
            all.add(v);
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] t = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%.0f new jobs/s  p50 %.2f ms  p99 %.2f ms  not-201 %d  (%d posts, %d connections, %.1f s)%n",
            count / seconds, t[t.length / 2] / 1e6, t[(int) (t.length * 0.99)] / 1e6, errors.get(), count, threads,
            seconds);
      }
      default -> throw new IllegalArgumentException("wait | list | submit");
    }
  }

  /** Reads one HTTP/1.1 response (a Content-Length or chunked body), returns its status. */
  private static int readResponse(InputStream in) throws java.io.IOException {
    String status = line(in);
    int length = 0;
    boolean chunked = false;
    for (String h; !(h = line(in)).isEmpty(); ) {
      if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
        chunked = h.toLowerCase(java.util.Locale.ROOT).contains("chunked");
      }
    }
    if (!chunked) {
      in.skipNBytes(length);
    } else {
      for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
        in.skipNBytes(size);
        line(in);
      }
      while (!line(in).isEmpty()) {
        // trailers
      }
    }
    return Integer.parseInt(status.substring(9, 12));
  }

  private static String line(InputStream in) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new java.io.EOFException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
