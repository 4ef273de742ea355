-- What dunning knows of each invoice, folded from invoice-service's and the other services'
-- events. Rebuilt by replaying the topics; the decisions themselves live in the event store.
create table dunning_cases (
    invoice_id       uuid primary key,
    -- null until InvoiceIssued arrives (a payment can arrive first: topics are not ordered).
    tenant           text,
    invoice          jsonb,
    -- invoice-service's business date when it issued the invoice: no day before it is decided,
    -- even when dunning catches up on past days after downtime.
    issued_on        date,
    -- outstanding principal after the last payment seen, null when none.
    paid_down_to     numeric(19, 4),
    -- the latest PenaltyAssessed, quoted in a formal notice.
    penalty          jsonb,
    -- requestId -> proof of sending (ReminderSent) or failure (ReminderFailed).
    deliveries       jsonb not null default '{}'::jsonb,
    status           text  not null default 'ACTIVE',
    last_decided_day date,
    updated_at       timestamptz not null default now()
);
create index dunning_cases_active on dunning_cases (tenant) where status = 'ACTIVE';

-- Clock ticks received and not yet decided, with the producer's watermark.
create table pending_days (
    tenant        text not null,
    day           date not null,
    tick_event_id uuid not null,
    watermark     text not null,
    primary key (tenant, day)
);

-- The last day whose decisions were taken, per tenant: dunning's business date.
create table dunning_clock (
    tenant text primary key,
    today  date not null
);
