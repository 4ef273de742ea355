package org.relance.notification.reminder.application;

import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relance.contracts.events.Penalties;
import org.relance.contracts.events.ReminderRequested;
import org.relance.contracts.events.Signatory;
import org.relance.contracts.events.TenantAddress;
import org.relance.contracts.events.TenantRegistered;
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
   * @param penalties for a formal notice, the penalties to quote; null for the general wording
   * @throws IllegalArgumentException for a template this service does not know
   */
  public Rendered render(RequestedReminder request, Penalties penalties) {
    return render(request, penalties, null);
  }

  /**
   * @param profile the creditor's identity as its tenant was registered (TenantRegistered, or the
   *     TenantUpdated that replaced it): its legal name, address, registration number and signatory
   *     head and sign the message; null for a tenant this service has not learnt yet, which the
   *     configured name signs
   */
  public Rendered render(RequestedReminder request, Penalties penalties, TenantRegistered profile) {
    Template template =
        Templates.find(request.templateId())
            .orElseThrow(
                () -> new IllegalArgumentException("unknown template " + request.templateId()));
    ReminderRequested d = request.data();
    String currency = request.currency();
    Optional<List<ReminderRequested.Batch.Invoice>> batch =
        request.batch().map(ReminderRequested.Batch::invoices).filter(i -> i.size() > 1);
    boolean several = batch.isPresent();

    Map<String, Object> data = new HashMap<>();
    String creditorName =
        profile == null || profile.legalName() == null ? creditor : profile.legalName();
    data.put("creditor", creditorName);
    creditorIdentity(profile, data);
    data.put("reference", request.batchId().orElse(request.requestId()));
    data.put("debtorName", d.debtor().name());
    data.put("batch", several);
    if (several) {
      data.put("invoiceTable", table(batch.get(), currency));
    } else {
      // one invoice: the request's own fields (a batch of one is this very request)
      data.put("invoiceNumber", request.invoiceNumber());
      data.put("issueDate", d.issueDate() != null ? date(d.issueDate()) : "");
      data.put("dueDate", date(d.dueDate()));
      data.put("daysLate", d.daysLate());
      data.put("invoiceAmount", amount(d.invoiceAmount(), currency));
      data.put("amountDue", amount(d.amountDue(), currency));
      data.put("partial", d.amountDue().compareTo(d.invoiceAmount()) != 0);
    }

    boolean letter = request.isPostal();
    data.put("letter", letter);
    data.put("registered", "REGISTERED_LETTER".equals(request.channel()));
    data.put(
        "addressLines",
        letter ? request.postalAddress().map(PostalAddress::block).orElse(List.of()) : List.of());
    data.put("noticeDate", date(request.businessDate()));

    LocalDate deadline = d.responseDeadline();
    data.put("responseDeadline", deadline != null ? date(deadline) : "");
    data.put(
        "deadlineDays",
        deadline != null ? ChronoUnit.DAYS.between(request.businessDate(), deadline) : 0L);

    boolean quoted = penalties != null;
    data.put("penalties", quoted);
    if (quoted) {
      data.put("penaltiesAsOf", date(penalties.asOf()));
      data.put("interest", amount(penalties.interest(), currency));
      data.put("indemnity", amount(penalties.indemnity(), currency));
      data.put("penaltiesTotal", amount(penalties.total(), currency));
    }

    String subject =
        template.subjectFor(
            batch
                .map(invoices -> invoices.stream().map(i -> i.invoiceNumber()).toList())
                .orElse(List.of(request.invoiceNumber())));
    // without the final line break, which SMTP drops: the proof is the text the reader receives
    String content =
        qute.getTemplate("reminders/" + template.id()).data(data).render().stripTrailing();
    return new Rendered(template, subject, content, creditorName);
  }

  /** The creditor's address, registration number and signatory, empty without a profile. */
  private static void creditorIdentity(TenantRegistered profile, Map<String, Object> data) {
    List<String> lines = new ArrayList<>();
    String legalId = "";
    String signatoryName = "";
    String signatoryTitle = "";
    if (profile != null) {
      TenantAddress address = profile.address();
      if (address != null && address.lines() != null) {
        lines.addAll(address.lines());
      }
      lines.add(
          (orEmpty(address == null ? null : address.postalCode())
                  + " "
                  + orEmpty(address == null ? null : address.city()))
              .strip());
      String id = orEmpty(profile.legalId());
      legalId =
          "FR".equals(profile.country()) && id.matches("[0-9]{9}")
              ? "SIREN " + id.substring(0, 3) + " " + id.substring(3, 6) + " " + id.substring(6)
              : id;
      Signatory signatory = profile.signatory();
      signatoryName = signatory == null ? "" : orEmpty(signatory.name());
      signatoryTitle = signatory == null ? "" : orEmpty(signatory.title());
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

  /**
   * The invoices as a plain-text table under a header row: number, due date, amount due, and a last
   * row with the total; columns padded so they line up in a fixed-width font, amounts aligned on
   * the right.
   */
  private static List<Map<String, String>> table(
      List<ReminderRequested.Batch.Invoice> invoices, String currency) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Facture", "Échéance", "Reste dû"});
    for (ReminderRequested.Batch.Invoice i : invoices) {
      rows.add(
          new String[] {
            i.invoiceNumber(), date(i.dueDate()), FrenchFormat.amount(i.amountDue(), currency)
          });
    }
    BigDecimal sum =
        invoices.stream()
            .map(i -> new BigDecimal(i.amountDue()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    String total = FrenchFormat.amount(sum.toPlainString(), currency);
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

  private static String date(LocalDate date) {
    return FrenchFormat.date(date.toString());
  }

  private static String amount(BigDecimal amount, String currency) {
    return FrenchFormat.amount(amount.toPlainString(), currency);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String padRight(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }
}
