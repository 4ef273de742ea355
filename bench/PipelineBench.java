import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Run from the repository root: {@code java bench/PipelineBench.java [invoices=1000]
 * [concurrency=8]}. Each run uses a fresh tenant, so it can be repeated on the same stack; the
 * tenant's clock starts on RELANCE_CLOCK_START_DATE (2026-01-05 on the local stack).
 *
 * <p>Requests carry access tokens of the local identity provider, from {@code
 * deploy/local/token.sh} (TOKEN_SH to use another script): the tenant's ERP posts the invoices,
 * the operator (a token without tenant) advances the tenant's clock. The script creates the client
 * {@code erp-<tenant>} in Keycloak on first use, so each run leaves one client there. Metrics are
 * read on the management port (API port + 1000), which needs no token.
 */
public class PipelineBench {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final String INVOICE = System.getenv().getOrDefault("INVOICE_URL", "http://127.0.0.1:8081");
  static final String NOTIFICATION = System.getenv().getOrDefault("NOTIFICATION_URL", "http://127.0.0.1:8084");
  static final String TOKEN_SH = System.getenv().getOrDefault("TOKEN_SH", "deploy/local/token.sh");
  /** Tokens of the run, by role and tenant (they live 15 minutes on the local stack). */
  static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String tenant = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    System.out.printf("tenant %s, %d invoices, %d concurrent clients%n", tenant, n, concurrency);
    // fetched before the clock starts: creating the tenant's ERP client is not intake
    String erp = token("erp", tenant);

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
        HttpResponse<String> r = HTTP.send(post(INVOICE + "/api/v1/invoices", erp, body), HttpResponse.BodyHandlers.ofString());
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

    String operator = token("operator", null);
    double sentBefore = counter(NOTIFICATION, "relance_notifications_sent_total");
    long t0 = System.nanoTime();
    HttpResponse<String> advance = HTTP.send(post(INVOICE + "/api/v1/tenants/" + tenant + "/clock/advance", operator, "{\"days\":31}"),
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

  static HttpRequest post(String url, String token, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** An access token for a role and a tenant (null: none, as the operator's), once per run. */
  static String token(String role, String tenant) {
    return TOKENS.computeIfAbsent(role + "|" + tenant, key -> {
      List<String> command = new ArrayList<>(List.of("bash", TOKEN_SH, role));
      if (tenant != null) {
        command.add(tenant);
      }
      try {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || out.isEmpty()) {
          throw new IllegalStateException(String.join(" ", command) + " gave no token (is the stack up? run from the repository root)");
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
  }

  /** Sum of every series of a Prometheus counter, read on the service's management port. */
  static double counter(String base, String name) throws Exception {
    URI api = URI.create(base);
    URI metrics = URI.create(api.getScheme() + "://" + api.getHost() + ":" + (api.getPort() + 1000) + "/q/metrics");
    String text = HTTP.send(HttpRequest.newBuilder(metrics).build(),
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
