-- Every message handed to the SMTP server, recorded (committed) before it is sent, so that a mail
-- the server accepted is never sent again:
--   SENDING   written before the hand-off; a crash of the service here leaves the dispatch in doubt
--   ACCEPTED  the server took it; the proof is kept until ReminderSent is recorded with it
--   IN_DOUBT  found SENDING by a later attempt: the service died between hand-off and record; not
--             resent automatically, listed for an operator (GET /api/v1/notifications/in-doubt)
--   RESEND    an operator asked for it to be sent again
--   RESOLVED  an operator marked it sent; its ReminderSent is recorded
-- A message the server refused is not kept (its ReminderFailed is recorded instead).
create table dispatches (
    message_id   text        primary key,
    request_id   uuid        not null,
    tenant       text        not null,
    invoice_id   text        not null,
    channel      text        not null,
    recipient    text,
    -- the requests this message answers (several for a debtor's batch), as their envelopes
    requests     jsonb       not null default '[]'::jsonb,
    penalties    jsonb,
    proof        jsonb       not null,
    status       text        not null check (status in ('SENDING', 'ACCEPTED', 'IN_DOUBT', 'RESEND', 'RESOLVED')),
    started_at   timestamptz not null default now(),
    accepted_at  timestamptz,
    resolved_at  timestamptz,
    resolved_by  text,
    resolution   text
);
create index dispatches_in_doubt on dispatches (status) where status = 'IN_DOUBT';
