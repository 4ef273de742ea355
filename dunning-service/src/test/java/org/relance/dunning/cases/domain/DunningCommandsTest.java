package org.relance.dunning.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;

/** What a credit manager may and may not record on an invoice's dunning. */
class DunningCommandsTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-02-06");

  private static DunningCase open() {
    return Scenario.invoice("1200.00", "2026-02-04").runThrough("2026-02-06").dunning();
  }

  private static CaseCommand.AgreePaymentPlan.Instalment inst(String date, String amount) {
    return new CaseCommand.AgreePaymentPlan.Instalment(
        LocalDate.parse(date), new BigDecimal(amount));
  }

  @Test
  void a_payment_plan_must_add_up_to_the_principal_outstanding() {
    assertThatThrownBy(
            () ->
                DunningCommands.paymentPlan(
                    open(),
                    new CaseCommand.AgreePaymentPlan(
                        UUID.randomUUID(),
                        List.of(inst("2026-03-01", "400.00"), inst("2026-04-01", "400.00")),
                        "cm",
                        null),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class,
            r -> {
              assertThat(r.violations().get(0).field()).isEqualTo("instalments");
              assertThat(r.getMessage()).contains("800.00").contains("1200.00 EUR");
            });
  }

  @Test
  void instalments_must_be_in_date_order_and_not_in_the_past() {
    assertThatThrownBy(
            () ->
                DunningCommands.paymentPlan(
                    open(),
                    new CaseCommand.AgreePaymentPlan(
                        UUID.randomUUID(),
                        List.of(inst("2026-04-01", "600.00"), inst("2026-03-01", "600.00")),
                        "cm",
                        null),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class,
            r -> assertThat(r.violations().get(0).field()).isEqualTo("instalments[1].dueDate"));
    assertThatThrownBy(
            () ->
                DunningCommands.paymentPlan(
                    open(),
                    new CaseCommand.AgreePaymentPlan(
                        UUID.randomUUID(), List.of(inst("2026-02-01", "1200.00")), "cm", null),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class,
            r -> assertThat(r.violations().get(0).field()).isEqualTo("instalments[0].dueDate"));
  }

  @Test
  void a_promise_in_the_past_or_above_the_outstanding_is_refused() {
    assertThatThrownBy(
            () ->
                DunningCommands.promise(
                    open(),
                    new CaseCommand.RecordPromise(
                        UUID.randomUUID(), TODAY.minusDays(1), null, "cm", null),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class,
            r -> assertThat(r.violations().get(0).field()).isEqualTo("promisedDate"));
    assertThatThrownBy(
            () ->
                DunningCommands.promise(
                    open(),
                    new CaseCommand.RecordPromise(
                        UUID.randomUUID(), TODAY.plusDays(5), new BigDecimal("1300"), "cm", null),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.violations().get(0).field()).isEqualTo("amount"));
  }

  @Test
  void a_second_promise_while_one_is_open_is_a_conflict() {
    DunningCase c = open();
    c =
        c.evolve(
            DunningCommands.promise(
                c,
                new CaseCommand.RecordPromise(
                    UUID.randomUUID(), TODAY.plusDays(10), null, "cm", null),
                TODAY));
    DunningCase withPromise = c;

    assertThatThrownBy(
            () ->
                DunningCommands.promise(
                    withPromise,
                    new CaseCommand.RecordPromise(
                        UUID.randomUUID(), TODAY.plusDays(5), null, "cm", null),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
  }

  @Test
  void a_pause_needs_a_reason_and_an_end_date_within_six_months() {
    assertThatThrownBy(
            () ->
                DunningCommands.pause(
                    open(),
                    new CaseCommand.Pause(UUID.randomUUID(), TODAY.plusDays(3), " ", "cm"),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.violations().get(0).field()).isEqualTo("reason"));
    assertThatThrownBy(
            () ->
                DunningCommands.pause(
                    open(),
                    new CaseCommand.Pause(UUID.randomUUID(), TODAY.plusDays(400), "long", "cm"),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.violations().get(0).field()).isEqualTo("until"));
  }

  @Test
  void nothing_is_agreed_on_a_paid_invoice() {
    DunningCase paid =
        Scenario.invoice("1200.00", "2026-02-04")
            .runThrough("2026-02-06")
            .paidDownTo("0.00")
            .dunning();

    assertThatThrownBy(
            () ->
                DunningCommands.pause(
                    paid,
                    new CaseCommand.Pause(UUID.randomUUID(), TODAY.plusDays(3), "why", "cm"),
                    TODAY))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
  }

  @Test
  void a_promise_on_a_call_needs_its_date() {
    Scenario s = Scenario.invoice("1200.00", "2026-02-04").runThrough("2026-02-19");
    UUID task = s.events(DunningEvent.CallTaskOpened.class).get(0).taskId();

    assertThatThrownBy(
            () ->
                DunningCommands.callOutcome(
                    s.dunning(),
                    new CaseCommand.RecordCallOutcome(
                        task, CallOutcome.PROMISE_TO_PAY, null, UUID.randomUUID(), "c", null),
                    LocalDate.parse("2026-02-19")))
        .isInstanceOfSatisfying(
            Refusal.class,
            r -> assertThat(r.violations().get(0).field()).isEqualTo("promisedDate"));
  }
}
