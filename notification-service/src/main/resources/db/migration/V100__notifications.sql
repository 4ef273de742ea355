-- notification-service keeps its decisions (ReminderSent, ReminderFailed) in the platform's event
-- store only. It looks a request's outcome up there by event id; its API lists an invoice's
-- outcomes by type.
create index event_store_type on event_store (type);
