package org.relance.notification.reminder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relance.notification.reminder.domain.FrenchFormat;
import org.relance.notification.reminder.domain.PostalAddress;
import org.relance.notification.reminder.domain.Templates;
import org.relance.notification.reminder.domain.Templates.Template;

/**
 * Renders a requested reminder in French with its Qute template ({@code templates/reminders/}).
 *
 * <p>A message of a batch is rendered from the batch alone (its invoices, the debtor, the batch id
 * as reference), never from the request that happens to arrive first: whichever request of the
 * batch sends it, the text — and so its SHA-256 — is the same.
 */
@ApplicationScoped
public class ReminderRenderer {

  /** What leaves: the template it came from, the subject line, the text and who signs it. */
  public record Rendered(Template template, String subject, String content, String creditor) {}

  private final Engine qute;
  private final String creditor;

  public ReminderRenderer(
      Engine qute,
      @ConfigProperty(name = "relance.creditor.name", defaultValue = "Relance") String creditor) {
    this.qute = qute;
    this.creditor = creditor;
  }

  /**
   * @param penalties for a formal notice, the penalties to quote ({@code asOf}, {@code interest},
   *     {@code indemnity}, {@code total}); null for the general wording
   * @throws IllegalArgumentException for a template this service does not know
   */
  public Rendered render(RequestedReminder request, JsonNode penalties) {
    return render(request, penalties, null);
  }

  /**
   * @param profile the creditor's identity as its tenant was registered (TenantRegistered): its
   *     legal name, address, registration number and signatory head and sign the message; null for
   *     a tenant this service has not learnt yet, which the configured name signs
   */
  public Rendered render(RequestedReminder request, JsonNode penalties, JsonNode profile) {
    Template template =
        Templates.find(request.templateId())
            .orElseThrow(
                () -> new IllegalArgumentException("unknown template " + request.templateId()));
    JsonNode d = request.data();
    String currency = request.currency();
    List<JsonNode> invoices = invoices(request);
    boolean several = invoices.size() > 1;

    Map<String, Object> data = new HashMap<>();
    String creditorName = profile == null ? creditor : profile.path("legalName").asText(creditor);
    data.put("creditor", creditorName);
    creditorIdentity(profile, data);
    data.put("reference", request.batchId().orElse(request.requestId()));
    data.put("debtorName", d.get("debtor").get("name").asText());
    data.put("batch", several);
    if (several) {
      data.put("invoiceTable", table(invoices, currency));
    } else {
      // one invoice: the request's own fields (a batch of one is this very request)
      data.put("invoiceNumber", request.invoiceNumber());
      data.put("issueDate", d.hasNonNull("issueDate") ? date(d.get("issueDate")) : "");
      data.put("dueDate", date(d.get("dueDate")));
      data.put("daysLate", d.get("daysLate").asInt());
      data.put("invoiceAmount", FrenchFormat.amount(d.get("invoiceAmount").asText(), currency));
      data.put("amountDue", FrenchFormat.amount(d.get("amountDue").asText(), currency));
      data.put(
          "partial",
          new BigDecimal(d.get("amountDue").asText())
                  .compareTo(new BigDecimal(d.get("invoiceAmount").asText()))
              != 0);
    }

    boolean letter = request.isPostal();
    data.put("letter", letter);
    data.put("registered", "REGISTERED_LETTER".equals(request.channel()));
    data.put(
        "addressLines",
        letter ? request.postalAddress().map(PostalAddress::block).orElse(List.of()) : List.of());
    data.put("noticeDate", FrenchFormat.date(request.businessDate().toString()));

    boolean deadline = d.hasNonNull("responseDeadline");
    data.put("responseDeadline", deadline ? date(d.get("responseDeadline")) : "");
    data.put(
        "deadlineDays",
        deadline
            ? ChronoUnit.DAYS.between(
                request.businessDate(), LocalDate.parse(d.get("responseDeadline").asText()))
            : 0L);

    boolean quoted = penalties != null && !penalties.isNull();
    data.put("penalties", quoted);
    if (quoted) {
      data.put("penaltiesAsOf", date(penalties.get("asOf")));
      data.put("interest", FrenchFormat.amount(penalties.get("interest").asText(), currency));
      data.put("indemnity", FrenchFormat.amount(penalties.get("indemnity").asText(), currency));
      data.put("penaltiesTotal", FrenchFormat.amount(penalties.get("total").asText(), currency));
    }

    String subject =
        template.subjectFor(invoices.stream().map(i -> i.get("invoiceNumber").asText()).toList());
    // without the final line break, which SMTP drops: the proof is the text the reader receives
    String content =
        qute.getTemplate("reminders/" + template.id()).data(data).render().stripTrailing();
    return new Rendered(template, subject, content, creditorName);
  }

  /** The creditor's address, registration number and signatory, empty without a profile. */
  private static void creditorIdentity(JsonNode profile, Map<String, Object> data) {
    List<String> lines = new ArrayList<>();
    String legalId = "";
    String signatoryName = "";
    String signatoryTitle = "";
    if (profile != null) {
      JsonNode address = profile.path("address");
      address.path("lines").forEach(l -> lines.add(l.asText()));
      lines.add(
          (address.path("postalCode").asText() + " " + address.path("city").asText()).strip());
      String id = profile.path("legalId").asText();
      legalId =
          "FR".equals(profile.path("country").asText()) && id.matches("[0-9]{9}")
              ? "SIREN " + id.substring(0, 3) + " " + id.substring(3, 6) + " " + id.substring(6)
              : id;
      signatoryName = profile.path("signatory").path("name").asText();
      signatoryTitle = profile.path("signatory").path("title").asText();
    }
    data.put("creditorLines", lines);
    data.put("creditorLegalId", legalId);
    data.put("signatoryName", signatoryName);
    data.put("signatoryTitle", signatoryTitle);
  }

  /** The email copy of a letter, for a debtor who also has an email address. */
  public String copyOfLetter(
      String letter, PostalAddress address, boolean registered, String creditorName) {
    return qute.getTemplate("reminders/letter-copy")
        .data("registered", registered)
        .data("address", address.oneLine())
        .data("letter", letter)
        .data("creditor", creditorName)
        .render()
        .stripTrailing();
  }

  /** The invoices the message is about, in the batch's order. */
  static List<JsonNode> invoices(RequestedReminder request) {
    List<JsonNode> invoices = new ArrayList<>();
    request.batch().ifPresent(b -> b.get("invoices").forEach(invoices::add));
    if (invoices.size() <= 1) {
      return List.of(request.data());
    }
    return invoices;
  }

  /**
   * The invoices as a plain-text table under a header row: number, due date, amount due, and a last
   * row with the total; columns padded so they line up in a fixed-width font, amounts aligned on
   * the right.
   */
  private static List<Map<String, String>> table(List<JsonNode> invoices, String currency) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Facture", "Échéance", "Reste dû"});
    for (JsonNode i : invoices) {
      rows.add(
          new String[] {
            i.get("invoiceNumber").asText(),
            date(i.get("dueDate")),
            FrenchFormat.amount(i.get("amountDue").asText(), currency)
          });
    }
    String total = FrenchFormat.amount(sum(invoices, "amountDue").toPlainString(), currency);
    int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    int w2 = Math.max(total.length(), rows.stream().mapToInt(r -> r[2].length()).max().orElse(0));
    List<Map<String, String>> table = new ArrayList<>();
    for (String[] r : rows) {
      table.add(
          Map.of(
              "number", padRight(r[0], w0),
              "dueDate", padRight(r[1], w1),
              "amountDue", padLeft(r[2], w2)));
    }
    table.add(
        Map.of(
            "number", padRight("Total", w0),
            "dueDate", padRight("", w1),
            "amountDue", padLeft(total, w2)));
    return table;
  }

  private static BigDecimal sum(List<JsonNode> invoices, String field) {
    return invoices.stream()
        .map(i -> new BigDecimal(i.get(field).asText()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static String date(JsonNode isoDate) {
    return FrenchFormat.date(isoDate.asText());
  }

  private static String padRight(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }
}
