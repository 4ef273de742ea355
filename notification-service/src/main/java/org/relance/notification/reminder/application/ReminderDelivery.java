package org.relance.notification.reminder.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.ext.mail.MailClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.contracts.events.EventData;
import org.relance.contracts.events.Penalties;
import org.relance.contracts.events.TenantRegistered;
import org.relance.notification.reminder.application.ReminderRenderer.Rendered;
import org.relance.notification.reminder.domain.Mask;
import org.relance.notification.reminder.domain.PostalAddress;
import org.relance.notification.reminder.domain.Proof;
import org.relance.notification.reminder.domain.ReminderOutcome;
import org.relance.notification.reminder.domain.SendWindow;
import org.relance.notification.reminder.persistence.Dispatches;
import org.relance.notification.reminder.persistence.ParkedRequests;
import org.relance.notification.reminder.persistence.ReminderEventCodec;
import org.relance.notification.reminder.persistence.SentBatches;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.personal.PersonalData;

/**
 * Delivers one requested reminder, once it may be sent, and records {@code ReminderSent} with the
 * proof (recipient, template and version, SHA-256 of the content, message id, time, the content
 * itself) or {@code ReminderFailed} with the reason.
 *
 * <p>Once per request: both outcome ids derive from the request id, and a request that already has
 * one is skipped. The Message-ID derives from the request id (from the batch id for a batch).
 *
 * <p>Never two mails for one step: each message is recorded in {@link Dispatches} (committed on its
 * own) before it is handed to the SMTP server and again once the server accepted it. A retry that
 * finds it accepted records ReminderSent from the kept proof without sending; one that finds it
 * still "sending" knows the service died between hand-off and record, and lists it in doubt for an
 * operator instead of sending it again.
 *
 * <p>Letters go by email to a post gateway's mailbox ({@code relance.notification.letter-gateway}),
 * which stands for a postal provider: no registered-mail API (AR24, Maileva) is integrated.
 */
@ApplicationScoped
public class ReminderDelivery {

  /** What {@link #deliver} did with a request. */
  public enum Outcome {
    /** The request already had its ReminderSent or ReminderFailed. */
    ALREADY_DONE,
    SENT,
    /** Another request of its batch had sent the message; its ReminderSent quotes that proof. */
    JOINED_BATCH,
    FAILED,
    /** Outside its send window: parked until the window opens, nothing recorded. */
    HELD,
    /**
     * An earlier attempt handed the message to the SMTP server and died before recording the
     * answer: not resent, listed for an operator.
     */
    IN_DOUBT
  }

  private static final Logger LOG = Logger.getLogger(ReminderDelivery.class);
  private static final int SMTP_ATTEMPTS = 5;
  private static final String CONTENT_TYPE = "text/plain; charset=UTF-8";

  private final EventStore store;
  private final MailClient mail;
  private final ReminderRenderer renderer;
  private final ParkedRequests parked;
  private final Dispatches dispatches;
  private volatile Instant lastSmtpFailure;
  private volatile String lastSmtpFailureReason;
  private final SentBatches batches;
  private final MeterRegistry registry;
  private final String from;
  private final String messageDomain;
  private final String letterGateway;
  private final boolean waitForPenalties;
  private final Duration maxWait;
  private final boolean respectSendWindow;

  private final org.relance.platform.security.TenantDirectory tenants;
  private final PersonalData personal;

  public ReminderDelivery(
      EventStore store,
      PersonalData personal,
      MailClient mail,
      ReminderRenderer renderer,
      org.relance.platform.security.TenantDirectory tenants,
      ParkedRequests parked,
      Dispatches dispatches,
      SentBatches batches,
      MeterRegistry registry,
      @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "relances@relance.local")
          String from,
      @ConfigProperty(
              name = "relance.notification.message-id-domain",
              defaultValue = "relance.local")
          String messageDomain,
      @ConfigProperty(
              name = "relance.notification.letter-gateway",
              defaultValue = "courrier@poste.relance.local")
          String letterGateway,
      @ConfigProperty(
              name = "relance.notification.formal-notice-waits-for-penalties",
              defaultValue = "true")
          boolean waitForPenalties,
      @ConfigProperty(name = "relance.notification.formal-notice-max-wait", defaultValue = "PT30M")
          Duration maxWait,
      @ConfigProperty(name = "relance.notification.respect-send-window")
          Optional<Boolean> respectSendWindow,
      @ConfigProperty(name = "relance.clock.manual", defaultValue = "false") boolean manualClock) {
    this.store = store;
    this.personal = personal;
    this.mail = mail;
    this.renderer = renderer;
    this.tenants = tenants;
    this.parked = parked;
    this.dispatches = dispatches;
    this.batches = batches;
    this.registry = registry;
    this.from = from;
    this.messageDomain = messageDomain;
    this.letterGateway = letterGateway;
    this.waitForPenalties = waitForPenalties;
    this.maxWait = maxWait;
    // With a simulated business clock (local stack, end-to-end tests) a whole month passes in
    // minutes of wall-clock time: wall-clock hours mean nothing there unless asked for.
    this.respectSendWindow = respectSendWindow.orElse(!manualClock);
  }

  /**
   * When the SMTP server last failed a hand-off, and why (email addresses masked); empty if it
   * never did.
   */
  public Optional<String> lastSmtpFailure(Duration within) {
    Instant at = lastSmtpFailure;
    return at == null || at.isBefore(Instant.now().minus(within))
        ? Optional.empty()
        : Optional.of(at + ": " + lastSmtpFailureReason);
  }

  /**
   * {@link #deliver(SqlConnection, RequestedReminder, Penalties)} of a request kept as received
   * (parked, or listed with a dispatch): its personal values are opened first, or found erased.
   */
  public Uni<Outcome> deliver(SqlConnection tx, CloudEvent stored, Penalties penalties) {
    return personal
        .open(stored)
        .flatMap(opened -> deliver(tx, new RequestedReminder(stored, opened), penalties));
  }

  /**
   * Sends the request now, or records why it cannot be sent, or parks it (as received, sealed)
   * until its send window opens. Parked rows are the caller's to delete once the outcome is not
   * {@link Outcome#HELD}.
   *
   * @param penalties for a formal notice, the penalties to quote; null for the general wording
   */
  public Uni<Outcome> deliver(SqlConnection tx, RequestedReminder r, Penalties penalties) {
    UUID sentId = id("ReminderSent", r.requestId());
    UUID failedId = id("ReminderFailed", r.requestId());
    return store
        .stored(tx, List.of(sentId, failedId))
        .flatMap(
            stored -> {
              if (!stored.isEmpty()) {
                return Uni.createFrom().item(Outcome.ALREADY_DONE);
              }
              Optional<String> batchId = r.batchId();
              if (batchId.isEmpty()) {
                return decide(tx, r, penalties);
              }
              return batches
                  .lock(tx, batchId.get())
                  .flatMap(locked -> batches.proof(tx, batchId.get()))
                  .flatMap(
                      proof ->
                          proof.isPresent()
                              ? record(tx, r, proof.get()).replaceWith(Outcome.JOINED_BATCH)
                              : decide(tx, r, penalties));
            })
        .invoke(outcome -> count(r, outcome, penalties));
  }

  private Uni<Outcome> decide(SqlConnection tx, RequestedReminder r, Penalties penalties) {
    Optional<String> refusal = r.refusal();
    if (refusal.isPresent()) {
      return fail(tx, r, refusal.get()).replaceWith(Outcome.FAILED);
    }
    Optional<Instant> hold =
        respectSendWindow
            ? r.sendWindow().flatMap(w -> w.holdUntil(Instant.now()))
            : Optional.empty();
    if (hold.isPresent()) {
      LOG.infof(
          "reminder %s held until %s: outside its send window %s",
          r.requestId(), hold.get(), r.sendWindow().map(SendWindow::toString).orElse(""));
      return parked.parkUntil(tx, r.event(), hold.get()).replaceWith(Outcome.HELD);
    }
    // the creditor's identity, as registered for the tenant, heads and signs the message
    return tenants
        .profile(tx, r.event().tenant())
        .flatMap(
            creditor ->
                decide(
                    tx,
                    r,
                    penalties,
                    renderer.render(
                        r,
                        penalties,
                        // the directory keeps the identity fields TenantRegistered and
                        // TenantUpdated share
                        creditor.map(p -> Json.convert(p, TenantRegistered.class)).orElse(null))));
  }

  private Uni<Outcome> decide(
      SqlConnection tx, RequestedReminder r, Penalties penalties, Rendered rendered) {
    String messageId = "<" + r.batchId().orElse(r.requestId()) + "@" + messageDomain + ">";
    return dispatches
        .find(messageId)
        .flatMap(
            known -> {
              String status = known.map(Dispatches.Dispatch::status).orElse("NEW");
              return switch (status) {
                // the server took it before; only its record was lost: record it, never resend
                case "ACCEPTED", "RESOLVED" ->
                    recordSent(tx, r, known.get().proof()).replaceWith(Outcome.SENT);
                // handed over by an attempt that died before the server's answer was recorded
                case "SENDING", "IN_DOUBT" ->
                    dispatches.inDoubt(messageId, r.event()).replaceWith(Outcome.IN_DOUBT);
                default -> send(tx, r, rendered, messageId, penalties);
              };
            });
  }

  /**
   * Records the dispatch, hands the message to the SMTP server, records the acceptance, then
   * ReminderSent: a failure after the acceptance never sends it again.
   */
  private Uni<Outcome> send(
      SqlConnection tx,
      RequestedReminder r,
      Rendered rendered,
      String messageId,
      Penalties penalties) {
    Proof proof =
        new Proof(
            r.channel(),
            recipientOf(r),
            rendered.template().id(),
            rendered.template().version(),
            HashChain.sha256Hex(rendered.content()),
            messageId,
            // Vert.x's SMTP client returns our own Message-ID, not the server's queue id: left
            // empty rather than repeat messageId as if the server had said it.
            null,
            CloudEvent.formatTime(Instant.now()),
            rendered.subject(),
            rendered.content(),
            CONTENT_TYPE);
    return dispatches
        .begin(
            messageId,
            r.event(),
            r.requestUuid(),
            r.event().tenant(),
            r.invoiceId(),
            r.channel(),
            recipientOf(r),
            penalties,
            proof)
        .flatMap(
            begun -> {
              if (!begun) {
                return dispatches.inDoubt(messageId, r.event()).replaceWith(Outcome.IN_DOUBT);
              }
              Uni<String> sent =
                  r.isPostal()
                      ? sendLetter(r, rendered, messageId)
                      : sendEmail(r, rendered, messageId);
              return sent.onFailure()
                  .call(e -> dispatches.notSent(messageId))
                  .map(
                      recipient ->
                          proof.acceptedFor(recipient, CloudEvent.formatTime(Instant.now())))
                  .call(accepted -> dispatches.accepted(messageId, accepted))
                  .flatMap(accepted -> recordSent(tx, r, accepted))
                  .replaceWith(Outcome.SENT);
            })
        .onFailure(SMTPException.class)
        .recoverWithUni(
            e -> {
              SMTPException smtp = (SMTPException) e;
              String reason =
                  smtp.isPermanent()
                      ? "SMTP refused the message: " + smtp.getMessage()
                      // retried a few times already; a mailbox full for days must not hold
                      // every other reminder of the partition behind it
                      : "temporary SMTP failure persisted after "
                          + SMTP_ATTEMPTS
                          + " attempts: "
                          + smtp.getMessage();
              return fail(tx, r, reason).replaceWith(Outcome.FAILED);
            });
  }

  /** ReminderSent for this request, and for a batch the proof its other requests will quote. */
  private Uni<Void> recordSent(SqlConnection tx, RequestedReminder r, Proof proof) {
    Uni<Void> recorded = record(tx, r, proof);
    return r.batchId().isEmpty()
        ? recorded
        : recorded.flatMap(
            v ->
                batches
                    .proof(tx, r.batchId().get())
                    .flatMap(
                        known ->
                            known.isPresent()
                                ? Uni.createFrom().voidItem()
                                : batches.record(tx, r.batchId().get(), r.requestId(), proof)));
  }

  private static String recipientOf(RequestedReminder r) {
    return r.isPostal()
        ? r.postalAddress().map(PostalAddress::oneLine).orElse(null)
        : r.emailRecipient().orElse(null);
  }

  /** Mails the reminder to the debtor; answers the recipient for the proof. */
  private Uni<String> sendEmail(RequestedReminder r, Rendered rendered, String messageId) {
    String to = r.emailRecipient().orElseThrow();
    return transmit(
            message(to, rendered.subject(), rendered.content(), messageId, headers(r, messageId)))
        .replaceWith(to);
  }

  /**
   * Hands the letter to the post gateway, then mails a copy of a formal notice to the debtor
   * ("copie par courriel") when there is an address for it. The letter is the proof: a copy that
   * does not go is logged, not recorded as a failure.
   */
  private Uni<String> sendLetter(RequestedReminder r, Rendered rendered, String messageId) {
    PostalAddress address = r.postalAddress().orElseThrow();
    MultiMap headers =
        headers(r, messageId)
            .add("X-Relance-Channel", r.channel())
            .add("X-Relance-Postal-Address", MailHeaders.encode(address.oneLine()));
    Uni<Void> letter =
        transmit(
            message(letterGateway, rendered.subject(), rendered.content(), messageId, headers));
    Optional<String> copyTo = r.isFormalNotice() ? r.debtorEmail() : Optional.empty();
    if (copyTo.isEmpty()) {
      return letter.replaceWith(address.oneLine());
    }
    String copyId = "<copie." + r.requestId() + "@" + messageDomain + ">";
    String copy =
        renderer.copyOfLetter(
            rendered.content(),
            address,
            "REGISTERED_LETTER".equals(r.channel()),
            rendered.creditor());
    return letter
        .flatMap(
            v ->
                transmit(
                        message(
                            copyTo.get(),
                            "Copie : " + rendered.subject(),
                            copy,
                            copyId,
                            headers(r, copyId).add("X-Relance-Copy-Of", messageId)))
                    .onFailure()
                    .recoverWithItem(
                        e -> {
                          LOG.warnf(
                              "email copy of letter %s to %s not sent: %s",
                              messageId, Mask.email(copyTo.get()), Mask.emails(e.getMessage()));
                          return null;
                        }))
        .replaceWith(address.oneLine());
  }

  private MultiMap headers(RequestedReminder r, String messageId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Message-ID", messageId);
    if (r.batchId().isPresent()) {
      // a batch message is the same whichever of its requests sent it
      return headers.add("X-Relance-Batch-Id", r.batchId().get());
    }
    return headers
        .add("X-Relance-Request-Id", r.requestId())
        .add("X-Relance-Invoice-Id", r.invoiceId());
  }

  private MailMessage message(
      String to, String subject, String content, String messageId, MultiMap headers) {
    return new MailMessage()
        .setFrom(from)
        .setTo(to)
        .setSubject(subject)
        .setText(content)
        .setHeaders(headers);
  }

  private Uni<Void> transmit(MailMessage message) {
    return mail.sendMail(message)
        .onFailure()
        .invoke(
            e -> {
              boolean permanent = e instanceof SMTPException smtp && smtp.isPermanent();
              registry
                  .counter("relance.smtp.failures", "kind", permanent ? "permanent" : "temporary")
                  .increment();
              lastSmtpFailure = Instant.now();
              // an SMTP reply quotes the address it refused: health shows it masked
              lastSmtpFailureReason = Mask.emails(e.getMessage());
            })
        .onFailure(t -> t instanceof SMTPException smtp && !smtp.isPermanent())
        .retry()
        .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10))
        .atMost(SMTP_ATTEMPTS - 1)
        .replaceWithVoid();
  }

  /** Appends the request's ReminderSent: its own ids, the message's proof. */
  private Uni<Void> record(SqlConnection tx, RequestedReminder r, Proof proof) {
    return append(
        tx,
        r,
        id("ReminderSent", r.requestId()),
        new ReminderOutcome.Sent(r.requestUuid(), r.invoiceUuid(), r.step(), proof));
  }

  private Uni<Void> fail(SqlConnection tx, RequestedReminder r, String reason) {
    // the reason (recorded sealed) may quote the address an SMTP server refused
    LOG.warnf("reminder %s not sent: %s", r.requestId(), Mask.emails(reason));
    return append(
        tx,
        r,
        id("ReminderFailed", r.requestId()),
        new ReminderOutcome.Failed(
            r.requestUuid(),
            r.invoiceUuid(),
            r.step(),
            r.channel(),
            r.emailRecipient().orElse(null),
            reason,
            CloudEvent.formatTime(Instant.now())));
  }

  private Uni<Void> append(
      SqlConnection tx, RequestedReminder r, UUID id, ReminderOutcome outcome) {
    CloudEvent request = r.event();
    EventData data = ReminderEventCodec.toData(outcome);
    return store
        .append(
            tx,
            request.subject(),
            EventStore.ANY_VERSION,
            List.of(
                new PendingEvent(
                        id,
                        EventCodec.typeOf(data),
                        request.subject(),
                        data,
                        request.tenant(),
                        r.businessDate(),
                        request.correlationid(),
                        request.id())
                    // the recipient and the content are the debtor's personal data
                    .about(r.debtorId())))
        .replaceWithVoid();
  }

  private void count(RequestedReminder r, Outcome outcome, Penalties penalties) {
    switch (outcome) {
      case SENT, JOINED_BATCH -> {
        registry
            .counter("relance.notifications.sent", "step", r.step(), "channel", r.channel())
            .increment();
        if (outcome == Outcome.JOINED_BATCH) {
          registry.counter("relance.notifications.batch.joined").increment();
        } else if (r.isFormalNotice() && waitForPenalties && penalties == null) {
          LOG.warnf(
              "formal notice %s sent without penalties: none assessed within %s",
              r.requestId(), maxWait);
          registry.counter("relance.notifications.sent.without.penalties").increment();
        }
      }
      case FAILED ->
          registry.counter("relance.notifications.failed", "channel", r.channel()).increment();
      case HELD -> registry.counter("relance.notifications.held").increment();
      case IN_DOUBT -> registry.counter("relance.notifications.in.doubt.found").increment();
      case ALREADY_DONE -> {}
    }
  }

  private static UUID id(String type, String requestId) {
    return UUID.nameUUIDFromBytes((type + "|" + requestId).getBytes(StandardCharsets.UTF_8));
  }
}
