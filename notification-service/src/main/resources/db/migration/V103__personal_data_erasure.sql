-- A debtor's personal data erased (PersonalDataErased): its dispatches keep what proves a message
-- left (ids, template, hash of the content, times) but lose the recipient, the content and the
-- clear values of the requests; this says when, so that views show "erased" in their place.
alter table dispatches add column personal_data_erased_at timestamptz;
