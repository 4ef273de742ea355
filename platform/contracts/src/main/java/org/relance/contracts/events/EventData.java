package org.relance.contracts.events;

/**
 * The {@code data} of an event, one record per event type, each mirroring its JSON Schema ({@code
 * schemas/v1/<Type>.json}; EventDataSchemaTest keeps the two in step). Services map their domain
 * events to and from these records; {@link org.relance.contracts.EventCodec} is the one place that
 * turns them into JSON and back.
 *
 * <p>Null components are left out of the JSON unless the component says {@code ALWAYS}: the
 * producers of version 1 wrote those as explicit nulls, and the canonical bytes (hence the hash
 * chains) must stay what they were.
 */
public sealed interface EventData
    permits CallOutcomeRecorded,
        CallTaskOpened,
        CaseEscalated,
        CreditHoldLifted,
        CreditHoldPlaced,
        DayStarted,
        DeadLetterDiscarded,
        DueDatePassed,
        DunningPaused,
        DunningPlanAssigned,
        DunningPlanPublished,
        DunningResumed,
        DunningSegmentsPublished,
        DunningStepSkipped,
        EarlyPaymentDiscountGranted,
        InvoiceDisputeResolved,
        InvoiceDisputed,
        InvoiceIssued,
        PaymentPlanAgreed,
        PaymentPlanDefaulted,
        PaymentReceived,
        PenaltyAssessed,
        PenaltyWaived,
        PromiseToPayBroken,
        PromiseToPayKept,
        PromiseToPayRecorded,
        RateRecorded,
        ReminderFailed,
        PersonalDataErased,
        ReminderRequested,
        ReminderSent,
        TenantRegistered,
        TenantUpdated {}
