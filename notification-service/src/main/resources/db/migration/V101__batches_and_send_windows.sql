-- One message per debtor: the requests of a batch (one per invoice, in each invoice's stream) share
-- one message. The first request of the batch to arrive sends it and keeps its proof here, in the
-- transaction that records its ReminderSent; the others find it and record their ReminderSent with
-- the same proof.
create table sent_batches (
    batch_id         uuid primary key,
    first_request_id uuid not null,
    proof            jsonb not null,
    sent_at          timestamptz not null default now()
);

-- A request may also wait for its send window: not_before is the window's next opening. A row
-- without it is a formal notice waiting for its penalties.
alter table parked_requests add column not_before timestamptz;
create index parked_requests_not_before on parked_requests (not_before) where not_before is not null;
