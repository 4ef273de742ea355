-- The dunning engine (issue 3): disputes and payment dates on the case, plans and segment rules as
-- data, the collectors' work list, credit holds.

-- invoice-service's disputes of the invoice: [{disputeId, category, openedOn, resolvedOn}].
alter table dunning_cases add column disputes jsonb not null default '[]'::jsonb;
-- the day the principal was paid in full (for the debtor's payment history).
alter table dunning_cases add column paid_on date;
-- set when a payment closes the case: the day runner decides it once more (a promise kept is
-- recorded, a plan that dunns penalties alone reopens it), then clears it.
alter table dunning_cases add column closing boolean not null default false;
-- what the explain view and the dashboards show: the last step taken, what holds the plan.
alter table dunning_cases add column current_step text;
alter table dunning_cases add column hold_kind text;
-- the next day the case can have anything to decide, as far as dunning knows (its plan, its holds,
-- the calendar); null: decide it on the next day. Any new fact about the case resets it to null.
alter table dunning_cases add column next_decision_on date;
create index dunning_cases_debtor on dunning_cases (tenant, (invoice -> 'debtor' ->> 'id'));

-- Published plan versions (the built-in plans live in code). Written with the DunningPlanPublished
-- event, and from that topic by every instance; a version never changes.
create table dunning_plans (
    tenant       text not null,
    plan_id      text not null,
    version      int  not null,
    definition   jsonb not null,
    published_on date not null,
    published_by text not null,
    primary key (tenant, plan_id, version)
);

create table dunning_segments (
    tenant       text not null,
    version      int  not null,
    definition   jsonb not null,
    published_on date not null,
    published_by text not null,
    primary key (tenant, version)
);

-- The collectors' work list, projected from CallTaskOpened / CallOutcomeRecorded in the same
-- transaction as the events.
create table call_tasks (
    task_id        uuid primary key,
    tenant         text not null,
    invoice_id     uuid not null,
    invoice_number text not null,
    debtor_id      text not null,
    debtor_name    text not null,
    step           text not null,
    attempt        int  not null,
    opened_on      date not null,
    collector      text,
    amount_due     numeric(19, 4) not null,
    currency       char(3) not null,
    -- OPEN, DONE (outcome recorded) or EXPIRED (the plan moved on)
    status         text not null default 'OPEN',
    outcome        text,
    closed_on      date,
    contact        jsonb not null
);
create index call_tasks_open on call_tasks (tenant, opened_on) where status = 'OPEN';

-- Debtors whose contacts a collector found wrong, for the ERP to fix.
create table debtor_contact_flags (
    tenant     text not null,
    debtor_id  text not null,
    task_id    uuid not null primary key,
    flagged_on date not null,
    actor      text not null,
    note       text
);

-- Credit holds in force, projected from CreditHoldPlaced / CreditHoldLifted.
create table credit_holds (
    tenant     text not null,
    debtor_id  text not null,
    held       boolean not null,
    since      date not null,
    reasons    jsonb not null,
    primary key (tenant, debtor_id)
);

-- The last day dunning decided for a tenant, read from its own store (see CaseRepository.highWater).
create index event_store_tenant_day on event_store (tenant, business_date);
