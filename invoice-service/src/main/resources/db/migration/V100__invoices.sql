-- Read model of invoices, rebuilt from the event store (admin/ProjectionRebuild).
create table invoices (
    id              uuid        primary key,
    tenant          text        not null,
    invoice_number  text        not null,
    -- SHA-256 of the canonical content: an identical re-post is recognised, a different one is a 409.
    content_hash    char(64)    not null,
    debtor_id       text        not null,
    status          text        not null,
    currency        char(3)     not null,
    amount          numeric(19, 4) not null,
    outstanding     numeric(19, 4) not null,
    issue_date      date        not null,
    due_date        date        not null,
    due_date_passed boolean     not null,
    version         bigint      not null,
    updated_at      timestamptz not null default now(),
    unique (tenant, invoice_number)
);
-- The clock looks for open invoices whose due date has passed.
create index invoices_due on invoices (tenant, due_date) where not due_date_passed and outstanding > 0;

-- The business date of each tenant, moved only by DayStarted events of the clock stream.
create table business_clock (
    tenant     text primary key,
    today      date not null,
    zone       text not null,
    updated_at timestamptz not null default now()
);
