-- notification-service keeps its decisions (ReminderSent, ReminderFailed) in the platform's
-- event store only; this migration marks where its own tables will go.
create index event_store_type on event_store (type);
