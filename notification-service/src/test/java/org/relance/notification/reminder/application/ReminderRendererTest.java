package org.relance.notification.reminder.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relance.notification.ReminderRequests.batch;
import static org.relance.notification.ReminderRequests.event;
import static org.relance.notification.ReminderRequests.registeredFormalNotice;
import static org.relance.notification.ReminderRequests.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Json;
import org.relance.contracts.events.Penalties;
import org.relance.contracts.events.TenantRegistered;
import org.relance.notification.reminder.application.ReminderRenderer.Rendered;

/** The templates as the debtor reads them, rendered by Qute outside Quarkus. */
class ReminderRendererTest {

  private static final LocalDate FEB_5 = LocalDate.parse("2026-02-05");

  private final ReminderRenderer renderer = new ReminderRenderer(engine(), "Relance Démo SAS");

  private static Engine engine() {
    return Engine.builder()
        .addDefaults()
        .removeStandaloneLines(true)
        .strictRendering(true)
        .addLocator(
            id ->
                Optional.ofNullable(
                        ReminderRendererTest.class
                            .getClassLoader()
                            .getResource("templates/" + id + ".txt"))
                    .map(
                        url ->
                            new TemplateLocation() {
                              @Override
                              public Reader read() {
                                try {
                                  return new InputStreamReader(
                                      url.openStream(), StandardCharsets.UTF_8);
                                } catch (java.io.IOException e) {
                                  throw new java.io.UncheckedIOException(e);
                                }
                              }

                              @Override
                              public Optional<Variant> getVariant() {
                                return Optional.empty();
                              }
                            }))
        .build();
  }

  private static ObjectNode invoice(String number, String dueDate, String amountDue) {
    return request(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "a@b.example", "x")
        .put("invoiceNumber", number)
        .put("dueDate", dueDate)
        .put("invoiceAmount", amountDue)
        .put("amountDue", amountDue);
  }

  private static ObjectNode template(ObjectNode request, String template) {
    return request.put("template", template);
  }

  @Test
  void one_message_for_a_batch_lists_every_invoice_with_its_due_date_and_amount_and_the_total() {
    ObjectNode first =
        template(invoice("F-2026-0001", "2026-02-04", "1200.00"), "friendly-reminder");
    ObjectNode second =
        template(invoice("F-2026-0007", "2026-02-04", "350.50"), "friendly-reminder");
    String batchId = batch(first, second);

    Rendered rendered = renderer.render(new RequestedReminder(event(first, FEB_5)), null);

    assertThat(rendered.subject()).isEqualTo("Rappel : factures F-2026-0001, F-2026-0007");
    assertThat(rendered.content())
        .contains("les factures suivantes restent à ce jour impayées")
        .containsPattern("F-2026-0001 +4 février 2026 +1\u00a0200,00\u00a0€")
        .containsPattern("F-2026-0007 +4 février 2026 +350,50\u00a0€")
        .containsPattern("Total +1\u00a0550,50\u00a0€")
        .contains("Référence : " + batchId)
        .doesNotContain(first.get("requestId").asText());
  }

  @Test
  void a_batch_message_is_the_same_whichever_of_its_requests_arrives_first() {
    ObjectNode first = template(invoice("F-2026-0001", "2026-02-04", "1200.00"), "second-reminder");
    ObjectNode second = template(invoice("F-2026-0002", "2026-01-28", "80.00"), "second-reminder");
    second.put("daysLate", 15);
    batch(first, second);

    Rendered fromFirst = renderer.render(new RequestedReminder(event(first, FEB_5)), null);
    Rendered fromSecond = renderer.render(new RequestedReminder(event(second, FEB_5)), null);

    assertThat(fromSecond.content()).isEqualTo(fromFirst.content());
    assertThat(fromSecond.subject()).isEqualTo(fromFirst.subject());
  }

  @Test
  void a_batch_of_one_reads_like_a_single_reminder() {
    ObjectNode only =
        template(invoice("F-2026-0001", "2026-02-04", "1200.00"), "friendly-reminder");
    batch(only);

    Rendered rendered = renderer.render(new RequestedReminder(event(only, FEB_5)), null);

    assertThat(rendered.subject()).isEqualTo("Rappel : facture F-2026-0001");
    assertThat(rendered.content())
        .contains(
            "la facture n° F-2026-0001 du 5 janvier 2026 d'un montant de 1\u00a0200,00\u00a0€")
        .doesNotContain("Total");
  }

  @Test
  void a_courtesy_notice_before_the_due_date_announces_the_due_date_and_reproaches_nothing() {
    ObjectNode notice =
        request(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "a@b.example",
                "courtesy-notice")
            .put("step", "COURTESY_NOTICE")
            .put("daysLate", -5);

    Rendered rendered =
        renderer.render(new RequestedReminder(event(notice, LocalDate.parse("2026-01-30"))), null);

    assertThat(rendered.subject()).isEqualTo("Échéance prochaine : facture F-2026-0001");
    assertThat(rendered.content())
        .contains("votre facture n° F-2026-0001 du 5 janvier 2026")
        .contains("arrive à échéance le 4 février 2026")
        .doesNotContain("impayée")
        .doesNotContain("retard");
  }

  @Test
  void a_second_reminder_is_firm_and_names_the_statutory_penalties() {
    ObjectNode second =
        request(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "a@b.example",
                "second-reminder")
            .put("daysLate", 8)
            .put("amountDue", "700.00");

    Rendered rendered =
        renderer.render(new RequestedReminder(event(second, LocalDate.parse("2026-02-12"))), null);

    assertThat(rendered.content())
        .contains("Malgré notre précédent rappel")
        .contains("reste impayée à ce jour pour un montant de 700,00\u00a0€, soit 8 jours")
        .contains("L441-10")
        .contains("40 euros")
        .contains("mise en demeure");
  }

  @Test
  void a_formal_notice_by_registered_letter_carries_the_address_the_deadline_and_the_penalties() {
    ObjectNode notice =
        registeredFormalNotice(
            UUID.randomUUID().toString(), UUID.randomUUID().toString(), "compta@dupont.example");
    var penalties =
        new Penalties(
            LocalDate.parse("2026-03-06"),
            new BigDecimal("11.98"),
            new BigDecimal("40.00"),
            new BigDecimal("51.98"),
            UUID.randomUUID());

    Rendered rendered =
        renderer.render(
            new RequestedReminder(event(notice, LocalDate.parse("2026-03-06"))), penalties);

    assertThat(rendered.subject()).isEqualTo("Mise en demeure de payer : facture F-2026-0001");
    assertThat(rendered.content())
        .contains("Dupont SARL\n12 rue de la Paix\nBâtiment B\n75002 Paris\n")
        .contains("Lettre recommandée avec accusé de réception")
        .contains("Le 6 mars 2026")
        .contains("MISE EN DEMEURE DE PAYER")
        .contains("la somme de 1\u00a0200,00\u00a0€ au titre du principal")
        .contains("au plus tard le 14 mars 2026, soit dans un délai de 8 jours")
        .contains("le 6 mars 2026, les pénalités s'élèvent à 11,98\u00a0€ d'intérêts")
        .contains("soit 51,98\u00a0€")
        .contains("article L441-10 du Code de commerce")
        .doesNotContain("\n\n\n");
  }

  @Test
  void a_formal_notice_by_email_has_no_address_block_nor_registered_mention() {
    ObjectNode notice =
        registeredFormalNotice(
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), "compta@dupont.example")
            .put("channel", "EMAIL");

    Rendered rendered =
        renderer.render(new RequestedReminder(event(notice, LocalDate.parse("2026-03-06"))), null);

    assertThat(rendered.content())
        .startsWith("Relance Démo SAS\n\nDupont SARL\n\nLe 6 mars 2026")
        .doesNotContain("recommandée")
        .doesNotContain("rue de la Paix")
        .contains(
            "auxquels s'ajoute l'indemnité forfaitaire pour frais de recouvrement de 40 euros");
  }

  @Test
  void the_registered_creditor_heads_and_signs_the_formal_notice() {
    ObjectNode notice =
        registeredFormalNotice(
            UUID.randomUUID().toString(), UUID.randomUUID().toString(), "compta@dupont.example");
    var profile =
        Json.convert(
            Json.parse(
                """
            {"tenant":"acme","legalName":"Acme Industrie SAS","legalId":"552100554",
             "address":{"lines":["3 quai Saint-Antoine"],"postalCode":"69002","city":"Lyon",
                        "country":"FR"},
             "country":"FR","timeZone":"Europe/Paris","language":"fr",
             "signatory":{"name":"Claire Dubois","title":"Directrice financière"},
             "contactEmail":"recouvrement@acme.example"}"""),
            TenantRegistered.class);

    Rendered rendered =
        renderer.render(
            new RequestedReminder(event(notice, LocalDate.parse("2026-03-06"))), null, profile);

    assertThat(rendered.content())
        .startsWith("Acme Industrie SAS\n3 quai Saint-Antoine\n69002 Lyon\nSIREN 552 100 554\n\n")
        .contains(
            "salutations distinguées.\n\nClaire Dubois, Directrice financière\nAcme Industrie SAS\n")
        .doesNotContain("Relance Démo SAS")
        .doesNotContain("\n\n\n");
    assertThat(rendered.creditor()).isEqualTo("Acme Industrie SAS");
  }
}
