-- notification-service keeps its decisions (ReminderSent, ReminderFailed) in the platform's event
-- store only. It looks a request's outcome up there by event id; its API lists an invoice's
-- outcomes by type.
create index event_store_type on event_store (type);

-- A formal notice waits here for the penalties assessed as of its own date (PenaltyAssessed with
-- trigger FORMAL_NOTICE and its request id); an assessment that comes first waits in
-- notice_penalties. Whichever arrives second sends the notice.
create table parked_requests (
    request_id uuid primary key,
    envelope   text not null,
    parked_at  timestamptz not null default now()
);
create table notice_penalties (
    request_id  uuid primary key,
    data        jsonb not null,
    received_at timestamptz not null default now()
);
