-- Who read personal data or an evidence file, and when: kept apart from the business log (the
-- event store), never published, readable by an operator (GET /api/v1/admin/access-log).
create table access_log (
    id          bigserial   primary key,
    at          timestamptz not null default now(),
    -- the actor of the token: a person's subject or a system's client id
    actor       text        not null,
    tenant      text,
    roles       text        not null,
    method      text        not null,
    path        text        not null,
    -- what was read: invoice, debtor, evidence, notifications, ...
    resource    text        not null,
    status      integer     not null
);
create index access_log_tenant_at on access_log (tenant, at);
create index access_log_actor_at on access_log (actor, at);
