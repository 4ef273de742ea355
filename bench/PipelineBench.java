import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a running stack (deploy/local/up.sh) from the outside, with the JDK only:
 *
 * <ol>
 *   <li>intake: N invoices posted by C concurrent clients — throughput and latency percentiles;
 *   <li>pipeline: one clock advance to the day after their due date, then the time until
 *       notification-service has sent the 2N reminders of the first two steps (courtesy notice, friendly email; read from its Prometheus counter),
 *       i.e. invoice-service's relay, dunning's day barrier and decisions, SMTP and proof.
 * </ol>
 *
 * <p>Run: {@code java bench/PipelineBench.java [invoices=1000] [concurrency=8]}. Each run uses a
 * fresh tenant, so it can be repeated on the same stack; the tenant's clock starts on
 * RELANCE_CLOCK_START_DATE (2026-01-05 on the local stack).
 */
public class PipelineBench {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final String INVOICE = System.getenv().getOrDefault("INVOICE_URL", "http://127.0.0.1:8081");
  static final String NOTIFICATION = System.getenv().getOrDefault("NOTIFICATION_URL", "http://127.0.0.1:8084");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String tenant = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    System.out.printf("tenant %s, %d invoices, %d concurrent clients%n", tenant, n, concurrency);

    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<Long>> calls = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String body = """
          {"invoiceNumber":"B-%d","debtor":{"id":"D-%d","name":"Débiteur %d SAS","email":"ap%d@%s.example"},
           "issueDate":"2026-01-05","dueDate":"2026-02-04","currency":"EUR","amount":"%d.00"}"""
          .formatted(i, i, i, i, tenant, 100 + i);
      calls.add(pool.submit(() -> {
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(post(INVOICE + "/api/v1/invoices", tenant, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
          throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
        }
        return System.nanoTime() - t0;
      }));
    }
    List<Long> latencies = new ArrayList<>();
    for (Future<Long> f : calls) {
      latencies.add(f.get());
    }
    double intakeSeconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Collections.sort(latencies);
    System.out.printf("intake: %d invoices in %.2f s = %.0f invoices/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        n, intakeSeconds, n / intakeSeconds, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
        latencies.get(latencies.size() - 1) / 1e6);

    double sentBefore = counter(NOTIFICATION, "relance_notifications_sent_total");
    long t0 = System.nanoTime();
    HttpResponse<String> advance = HTTP.send(post(INVOICE + "/api/v1/clock/advance", tenant, "{\"days\":31}"),
        HttpResponse.BodyHandlers.ofString());
    if (advance.statusCode() != 200) {
      throw new IllegalStateException("advance answered " + advance.statusCode() + ": " + advance.body());
    }
    double advanceSeconds = (System.nanoTime() - t0) / 1e9;
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    double sent;
    // the standard plan sends two reminders on the way to D+1: the courtesy notice (D-5) and the
    // friendly email (D+1)
    long expected = 2L * n;
    while ((sent = counter(NOTIFICATION, "relance_notifications_sent_total") - sentBefore) < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + sent + " of " + expected + " reminders sent after 10 minutes");
      }
      Thread.sleep(200);
    }
    double pipelineSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("clock advance of 31 days (%d DueDatePassed): %.2f s%n", n, advanceSeconds);
    System.out.printf("pipeline: %d reminders (courtesy notices and friendly emails) sent %.2f s after the advance began = %.0f reminders/s end to end%n",
        expected, pipelineSeconds, expected / pipelineSeconds);
  }

  static HttpRequest post(String url, String tenant, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("X-Relance-Tenant", tenant).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** Sum of every series of a Prometheus counter. */
  static double counter(String base, String name) throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  static double pct(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(index, 0)) / 1e6;
  }
}
