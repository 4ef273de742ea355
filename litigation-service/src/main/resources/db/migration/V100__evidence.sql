-- The evidence ledger: every event about an invoice, from every service, exactly as published
-- (the record value is kept byte for byte, so each chain can be re-verified at any time).
-- Rows cannot be changed or deleted; the whole ledger can be truncated and rebuilt from the
-- topics, which keep every record forever.
create table evidence_events (
    event_id        uuid primary key,
    subject         text        not null,
    tenant          text        not null,
    source          text        not null,
    type            text        not null,
    sequence        bigint      not null,
    business_date   date        not null,
    event_time      text        not null,
    hash            char(64)    not null,
    prevhash        char(64)    not null,
    envelope        text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    received_at     timestamptz not null default now()
);
-- The replay-stable order of an invoice's history.
create index evidence_events_history on evidence_events (subject, business_date, event_time, source, sequence);

create function evidence_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'evidence_events is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger evidence_no_update_delete
    before update or delete on evidence_events
    for each row execute function evidence_is_append_only();
