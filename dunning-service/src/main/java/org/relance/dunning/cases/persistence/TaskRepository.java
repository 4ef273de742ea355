package org.relance.dunning.cases.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.Json;
import org.relance.contracts.events.CallTaskOpened;
import org.relance.platform.sql.JsonColumns;

/** The collectors' work list, written in the transaction of the events it projects. */
@ApplicationScoped
public class TaskRepository {

  public record TaskRow(
      UUID taskId,
      UUID invoiceId,
      String invoiceNumber,
      String debtorId,
      String debtorName,
      String step,
      int attempt,
      LocalDate openedOn,
      String collector,
      BigDecimal amountDue,
      String currency,
      String status,
      String outcome,
      LocalDate closedOn,
      JsonNode contact) {}

  /** A task opened; the invoice's earlier open tasks expire (the plan moved on). */
  public Uni<Void> opened(SqlClient c, String tenant, CloudEvent event) {
    CallTaskOpened task = EventCodec.read(event, CallTaskOpened.class);
    return expireOpen(c, task.invoiceId(), task.openedOn())
        .flatMap(
            v ->
                c.preparedQuery(
                        "insert into call_tasks (task_id, tenant, invoice_id, invoice_number, debtor_id, debtor_name,"
                            + " step, attempt, opened_on, collector, amount_due, currency, contact)"
                            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb)"
                            + " on conflict do nothing")
                    .execute(
                        Tuple.tuple(
                            java.util.Arrays.asList(
                                task.taskId(),
                                tenant,
                                task.invoiceId(),
                                task.invoiceNumber(),
                                task.debtor().id(),
                                task.debtor().name(),
                                task.step(),
                                task.attempt(),
                                task.openedOn(),
                                task.collector(),
                                new BigDecimal(task.amountDue()),
                                task.currency(),
                                // the collector's contact card: the debtor as the task published it
                                Json.write(task.debtor())))))
        .replaceWithVoid();
  }

  public Uni<Void> expireOpen(SqlClient c, UUID invoiceId, LocalDate on) {
    return c.preparedQuery(
            "update call_tasks set status = 'EXPIRED', closed_on = $2 where invoice_id = $1 and status = 'OPEN'")
        .execute(Tuple.of(invoiceId, on))
        .replaceWithVoid();
  }

  public Uni<Void> outcome(SqlClient c, UUID taskId, String outcome, LocalDate on) {
    return c.preparedQuery(
            "update call_tasks set status = 'DONE', outcome = $2, closed_on = $3 where task_id = $1")
        .execute(Tuple.of(taskId, outcome, on))
        .replaceWithVoid();
  }

  public Uni<Void> flagContact(
      SqlClient c,
      String tenant,
      String debtorId,
      UUID taskId,
      LocalDate on,
      String actor,
      String note) {
    return c.preparedQuery(
            "insert into debtor_contact_flags (tenant, debtor_id, task_id, flagged_on, actor, note)"
                + " values ($1, $2, $3, $4, $5, $6) on conflict do nothing")
        .execute(Tuple.tuple(java.util.Arrays.asList(tenant, debtorId, taskId, on, actor, note)))
        .replaceWithVoid();
  }

  /**
   * Forgets an erased debtor's clear personal values in the work list: the phone, email and
   * contacts of its call tasks' contact cards (which then carry {@code "personal": {"disclosure":
   * "erased"}}) and the notes of the contacts flagged as wrong, which read {@link
   * DunningCodec#ERASED}. Done again, it changes nothing.
   */
  public Uni<Void> erasePersonalData(SqlClient c, String tenant, String debtorId) {
    return c.preparedQuery(
            "update call_tasks set contact = case when jsonb_typeof(contact) = 'object'"
                + " then contact - 'phone' - 'email' - 'contacts'"
                + "   || jsonb_build_object('personal', jsonb_build_object('disclosure', 'erased'))"
                + " else contact end where tenant = $1 and debtor_id = $2")
        .execute(Tuple.of(tenant, debtorId))
        .flatMap(
            v ->
                c.preparedQuery(
                        "update debtor_contact_flags set note = $3"
                            + " where tenant = $1 and debtor_id = $2 and note is not null")
                    .execute(Tuple.of(tenant, debtorId, DunningCodec.ERASED)))
        .replaceWithVoid();
  }

  public Uni<java.util.Optional<TaskRow>> find(SqlClient c, String tenant, UUID taskId) {
    return c.preparedQuery("select * from call_tasks where tenant = $1 and task_id = $2")
        .execute(Tuple.of(tenant, taskId))
        .map(
            rows ->
                rows.size() == 0
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(row(rows.iterator().next())));
  }

  /** Open tasks opened on or before {@code date}, oldest first; a collector sees their own. */
  public Uni<List<TaskRow>> open(SqlClient c, String tenant, String collector, LocalDate date) {
    return c.preparedQuery(
            "select * from call_tasks where tenant = $1 and status = 'OPEN' and opened_on <= $2"
                + " and ($3::text is null or collector = $3 or collector is null)"
                + " order by opened_on, invoice_number, attempt")
        .execute(Tuple.of(tenant, date, collector))
        .map(
            rows -> {
              List<TaskRow> list = new ArrayList<>();
              rows.forEach(r -> list.add(row(r)));
              return list;
            });
  }

  /** A contact a collector flagged as wrong. */
  public record ContactFlag(LocalDate flaggedOn, String actor, String note, UUID taskId) {}

  public Uni<List<ContactFlag>> contactFlags(SqlClient c, String tenant, String debtorId) {
    return c.preparedQuery(
            "select flagged_on, actor, note, task_id from debtor_contact_flags where tenant = $1 and debtor_id = $2"
                + " order by flagged_on")
        .execute(Tuple.of(tenant, debtorId))
        .map(
            rows -> {
              List<ContactFlag> list = new ArrayList<>();
              rows.forEach(
                  r ->
                      list.add(
                          new ContactFlag(
                              r.getLocalDate("flagged_on"),
                              r.getString("actor"),
                              r.getString("note"),
                              r.getUUID("task_id"))));
              return list;
            });
  }

  private static TaskRow row(io.vertx.mutiny.sqlclient.Row r) {
    return new TaskRow(
        r.getUUID("task_id"),
        r.getUUID("invoice_id"),
        r.getString("invoice_number"),
        r.getString("debtor_id"),
        r.getString("debtor_name"),
        r.getString("step"),
        r.getInteger("attempt"),
        r.getLocalDate("opened_on"),
        r.getString("collector"),
        r.getBigDecimal("amount_due"),
        r.getString("currency"),
        r.getString("status"),
        r.getString("outcome"),
        r.getLocalDate("closed_on"),
        JsonColumns.read(r.getValue("contact")));
  }
}
