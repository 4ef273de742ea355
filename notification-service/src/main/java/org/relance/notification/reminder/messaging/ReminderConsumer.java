package org.relance.notification.reminder.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.ext.mail.MailClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.notification.reminder.domain.FrenchFormat;
import org.relance.notification.reminder.domain.Templates;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;

/**
 * Renders each requested reminder (Qute, French), sends it through SMTP and records {@code
 * ReminderSent} with the proof: recipient, template and version, SHA-256 of the content, the
 * message id, the time, and the content itself.
 *
 * <p>Once per request: the ReminderSent id derives from the request id, and a request whose proof
 * is already stored is skipped. The message id also derives from the request id, so if the service
 * dies between the SMTP hand-off and its commit, the resend carries the same Message-ID and the
 * recipient's mail system (and a court) can tell it is the same message.
 */
@ApplicationScoped
public class ReminderConsumer {

  private static final Logger LOG = Logger.getLogger(ReminderConsumer.class);
  private static final int SMTP_ATTEMPTS = 5;

  private final IdempotentConsumer consumer;
  private final EventStore store;
  private final MailClient mail;
  private final Engine qute;
  private final MeterRegistry registry;
  private final String from;
  private final String creditor;
  private final String messageDomain;
  private final boolean waitForPenalties;
  private final java.time.Duration maxWait;
  private final io.vertx.mutiny.sqlclient.Pool pool;

  public ReminderConsumer(
      IdempotentConsumer consumer,
      EventStore store,
      MailClient mail,
      Engine qute,
      MeterRegistry registry,
      @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "relances@relance.local")
          String from,
      @ConfigProperty(name = "relance.creditor.name", defaultValue = "Relance") String creditor,
      @ConfigProperty(
              name = "relance.notification.message-id-domain",
              defaultValue = "relance.local")
          String messageDomain,
      @ConfigProperty(
              name = "relance.notification.formal-notice-waits-for-penalties",
              defaultValue = "true")
          boolean waitForPenalties,
      @ConfigProperty(name = "relance.notification.formal-notice-max-wait", defaultValue = "PT30M")
          java.time.Duration maxWait,
      io.vertx.mutiny.sqlclient.Pool pool) {
    this.maxWait = maxWait;
    this.pool = pool;
    this.waitForPenalties = waitForPenalties;
    this.consumer = consumer;
    this.store = store;
    this.mail = mail;
    this.qute = qute;
    this.registry = registry;
    this.from = from;
    this.creditor = creditor;
    this.messageDomain = messageDomain;
  }

  @Incoming("reminders")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(
        record,
        (tx, event, where) ->
            event.eventType() == EventType.PENALTY_ASSESSED
                ? penaltiesAssessed(tx, event)
                : requested(tx, event));
  }

  /**
   * A formal notice quotes the penalties penalty-service computed as of the notice's own date: it
   * waits (parked) until that assessment has arrived, in whichever order the two come.
   */
  private Uni<Void> requested(SqlConnection tx, CloudEvent request) {
    JsonNode d = request.data();
    if (!waitForPenalties || !"FORMAL_NOTICE".equals(d.path("tone").asText())) {
      return send(tx, request, d.get("penalties"));
    }
    UUID requestId = UUID.fromString(d.get("requestId").asText());
    return lockNotice(tx, requestId)
        .flatMap(
            locked ->
                tx.preparedQuery("select data from notice_penalties where request_id = $1")
                    .execute(Tuple.of(requestId)))
        .flatMap(
            rows -> {
              if (rows.size() > 0) {
                return send(
                    tx,
                    request,
                    org.relance.platform.sql.JsonColumns.read(
                        rows.iterator().next().getValue("data")));
              }
              registry.counter("relance.notifications.parked").increment();
              return tx.preparedQuery(
                      "insert into parked_requests (request_id, envelope) values ($1, $2) on conflict do nothing")
                  .execute(Tuple.of(requestId, request.toJsonString()))
                  .replaceWithVoid();
            });
  }

  private Uni<Void> penaltiesAssessed(SqlConnection tx, CloudEvent assessed) {
    JsonNode d = assessed.data();
    if (!"FORMAL_NOTICE".equals(d.path("trigger").asText()) || !d.hasNonNull("requestId")) {
      return Uni.createFrom().voidItem();
    }
    UUID requestId = UUID.fromString(d.get("requestId").asText());
    var penalties =
        org.relance.contracts.Json.object()
            .put("asOf", d.get("asOf").asText())
            .put("interest", d.get("interest").asText())
            .put("indemnity", d.get("indemnity").asText())
            .put("total", d.get("total").asText())
            .put("penaltyEventId", assessed.id());
    return lockNotice(tx, requestId)
        .flatMap(
            locked ->
                tx.preparedQuery("select envelope from parked_requests where request_id = $1")
                    .execute(Tuple.of(requestId)))
        .flatMap(
            rows -> {
              Uni<Void> sent =
                  rows.size() == 0
                      ? Uni.createFrom().voidItem()
                      : send(
                          tx,
                          CloudEvent.parse(rows.iterator().next().getString("envelope")),
                          penalties);
              return sent.flatMap(
                      v ->
                          tx.preparedQuery(
                                  "insert into notice_penalties (request_id, data) values ($1, $2::text::jsonb)"
                                      + " on conflict do nothing")
                              .execute(
                                  Tuple.of(requestId, org.relance.contracts.Json.write(penalties))))
                  .flatMap(
                      v ->
                          tx.preparedQuery("delete from parked_requests where request_id = $1")
                              .execute(Tuple.of(requestId)))
                  .replaceWithVoid();
            });
  }

  /**
   * The request and its assessment may be handled at once by two instances: each would see nothing
   * of the other and the notice would stay parked. An advisory lock (which takes no transaction id,
   * so events stay the first write) puts them in order.
   */
  private Uni<Void> lockNotice(SqlConnection tx, UUID requestId) {
    return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of("notice:" + requestId))
        .replaceWithVoid();
  }

  /**
   * A formal notice waits for its penalties only so long: past {@code
   * relance.notification.formal-notice-max-wait} (a missing rate, say) it is sent with the general
   * wording on penalties rather than never.
   */
  @io.quarkus.scheduler.Scheduled(
      every = "${relance.notification.parked-sweep-interval:60s}",
      delayed = "10s",
      concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> sendOverdueParkedNotices() {
    return pool.withConnection(
            c ->
                c.preparedQuery(
                        "select request_id from parked_requests where parked_at < now() - $1::interval"
                            + " order by parked_at limit 100")
                    .execute(Tuple.of(maxWait.toSeconds() + " seconds")))
        .onItem()
        .transformToMulti(rows -> io.smallrye.mutiny.Multi.createFrom().iterable(rows))
        .onItem()
        .transformToUniAndConcatenate(
            row -> {
              UUID requestId = row.getUUID("request_id");
              return pool.withTransaction(
                  tx ->
                      lockNotice(tx, requestId)
                          .flatMap(
                              v ->
                                  tx.preparedQuery(
                                          "select envelope from parked_requests where request_id = $1")
                                      .execute(Tuple.of(requestId)))
                          .flatMap(
                              still -> {
                                if (still.size() == 0) {
                                  return Uni.createFrom().voidItem();
                                }
                                LOG.warnf(
                                    "formal notice %s sent without penalties: none assessed within %s",
                                    requestId, maxWait);
                                registry
                                    .counter("relance.notifications.sent.without.penalties")
                                    .increment();
                                return send(
                                        tx,
                                        CloudEvent.parse(
                                            still.iterator().next().getString("envelope")),
                                        null)
                                    .flatMap(
                                        sent ->
                                            tx.preparedQuery(
                                                    "delete from parked_requests where request_id = $1")
                                                .execute(Tuple.of(requestId)))
                                    .replaceWithVoid();
                              }));
            })
        .collect()
        .asList()
        .replaceWithVoid();
  }

  private Uni<Void> send(SqlConnection tx, CloudEvent request, JsonNode penalties) {
    JsonNode d = request.data();
    String requestId = d.get("requestId").asText();
    UUID sentId = id("ReminderSent", requestId);
    UUID failedId = id("ReminderFailed", requestId);
    return tx.preparedQuery("select 1 from event_store where event_id = any($1)")
        .execute(Tuple.of(new UUID[] {sentId, failedId}))
        .flatMap(
            rows -> {
              if (rows.size() > 0) {
                return Uni.createFrom().voidItem(); // this request already has its outcome
              }
              var template = Templates.find(d.get("template").asText());
              String channel = d.get("channel").asText();
              if (!"EMAIL".equals(channel)) {
                return fail(
                    tx,
                    request,
                    failedId,
                    "channel " + channel + " is not delivered yet (only EMAIL)");
              }
              if (!d.hasNonNull("recipient")) {
                return fail(tx, request, failedId, "the debtor has no email address");
              }
              if (template.isEmpty()) {
                return fail(
                    tx, request, failedId, "unknown template " + d.get("template").asText());
              }
              String subject = template.get().subject().formatted(d.get("invoiceNumber").asText());
              String content = render(template.get().id(), d, penalties);
              String messageId = "<" + requestId + "@" + messageDomain + ">";
              MailMessage message =
                  new MailMessage()
                      .setFrom(from)
                      .setTo(d.get("recipient").asText())
                      .setSubject(subject)
                      .setText(content)
                      .setHeaders(
                          MultiMap.caseInsensitiveMultiMap()
                              .add("Message-ID", messageId)
                              .add("X-Relance-Request-Id", requestId)
                              .add("X-Relance-Invoice-Id", d.get("invoiceId").asText()));
              return mail.sendMail(message)
                  .onFailure(t -> t instanceof SMTPException smtp && !smtp.isPermanent())
                  .retry()
                  .withBackOff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10))
                  .atMost(SMTP_ATTEMPTS - 1)
                  .flatMap(
                      result -> {
                        var data = Json.object();
                        data.put("requestId", requestId);
                        data.put("invoiceId", d.get("invoiceId").asText());
                        data.put("step", d.get("step").asText());
                        data.put("channel", channel);
                        data.put("recipient", d.get("recipient").asText());
                        data.put("templateId", template.get().id());
                        data.put("templateVersion", template.get().version());
                        data.put("contentSha256", HashChain.sha256Hex(content));
                        data.put("messageId", messageId);
                        // Vert.x's SMTP client returns our own Message-ID, not the server's
                        // queue id: left empty rather than repeat messageId as if the server
                        // had said it.
                        data.putNull("providerMessageId");
                        data.put("sentAt", CloudEvent.formatTime(Instant.now()));
                        data.put("subject", subject);
                        data.put("content", content);
                        data.put("contentType", "text/plain; charset=UTF-8");
                        return store.append(
                            tx,
                            request.subject(),
                            EventStore.ANY_VERSION,
                            List.of(
                                new PendingEvent(
                                    sentId,
                                    EventType.REMINDER_SENT,
                                    request.subject(),
                                    data,
                                    request.tenant(),
                                    LocalDate.parse(request.businessdate()),
                                    request.correlationid(),
                                    request.id())));
                      })
                  .invoke(
                      appended ->
                          registry
                              .counter(
                                  "relance.notifications.sent",
                                  "step",
                                  d.get("step").asText(),
                                  "channel",
                                  channel)
                              .increment())
                  .replaceWithVoid()
                  .onFailure(SMTPException.class)
                  .recoverWithUni(
                      e -> {
                        SMTPException smtp = (SMTPException) e;
                        if (smtp.isPermanent()) {
                          return fail(
                              tx,
                              request,
                              failedId,
                              "SMTP refused the message: " + smtp.getMessage());
                        }
                        // retried a few times above; a mailbox full for days must not hold
                        // every other reminder of the partition behind it
                        return fail(
                            tx,
                            request,
                            failedId,
                            "temporary SMTP failure persisted after "
                                + SMTP_ATTEMPTS
                                + " attempts: "
                                + smtp.getMessage());
                      });
            });
  }

  private Uni<Void> fail(SqlConnection tx, CloudEvent request, UUID failedId, String reason) {
    JsonNode d = request.data();
    LOG.warnf("reminder %s not sent: %s", d.get("requestId").asText(), reason);
    var data = Json.object();
    data.put("requestId", d.get("requestId").asText());
    data.put("invoiceId", d.get("invoiceId").asText());
    data.put("step", d.get("step").asText());
    data.put("channel", d.get("channel").asText());
    if (d.hasNonNull("recipient")) {
      data.put("recipient", d.get("recipient").asText());
    } else {
      data.putNull("recipient");
    }
    data.put("reason", reason);
    data.put("failedAt", CloudEvent.formatTime(Instant.now()));
    registry
        .counter("relance.notifications.failed", "channel", d.get("channel").asText())
        .increment();
    return store
        .append(
            tx,
            request.subject(),
            EventStore.ANY_VERSION,
            List.of(
                new PendingEvent(
                    failedId,
                    EventType.REMINDER_FAILED,
                    request.subject(),
                    data,
                    request.tenant(),
                    LocalDate.parse(request.businessdate()),
                    request.correlationid(),
                    request.id())))
        .replaceWithVoid();
  }

  private String render(String template, JsonNode d, JsonNode p) {
    String currency = d.get("currency").asText();
    Map<String, Object> data = new HashMap<>();
    data.put("creditor", creditor);
    data.put("requestId", d.get("requestId").asText());
    data.put("debtorName", d.get("debtor").get("name").asText());
    data.put("invoiceNumber", d.get("invoiceNumber").asText());
    data.put(
        "issueDate",
        d.hasNonNull("issueDate") ? FrenchFormat.date(d.get("issueDate").asText()) : "");
    data.put("dueDate", FrenchFormat.date(d.get("dueDate").asText()));
    data.put("daysLate", d.get("daysLate").asInt());
    data.put("invoiceAmount", FrenchFormat.amount(d.get("invoiceAmount").asText(), currency));
    data.put("amountDue", FrenchFormat.amount(d.get("amountDue").asText(), currency));
    data.put(
        "partial",
        new java.math.BigDecimal(d.get("amountDue").asText())
                .compareTo(new java.math.BigDecimal(d.get("invoiceAmount").asText()))
            != 0);
    data.put(
        "responseDeadline",
        d.hasNonNull("responseDeadline")
            ? FrenchFormat.date(d.get("responseDeadline").asText())
            : "");
    data.put("penalties", p != null && !p.isNull());
    if (p != null && !p.isNull()) {
      data.put("penaltiesAsOf", FrenchFormat.date(p.get("asOf").asText()));
      data.put("interest", FrenchFormat.amount(p.get("interest").asText(), currency));
      data.put("indemnity", FrenchFormat.amount(p.get("indemnity").asText(), currency));
      data.put("penaltiesTotal", FrenchFormat.amount(p.get("total").asText(), currency));
    }
    return qute.getTemplate("reminders/" + template).data(data).render();
  }

  private static UUID id(String type, String requestId) {
    return UUID.nameUUIDFromBytes((type + "|" + requestId).getBytes(StandardCharsets.UTF_8));
  }
}
