-- The tenants an operator registered, with the creditor's identity (TenantRegistered, then
-- TenantUpdated): written by invoice-service when it records them, by every other service when it
-- consumes them. A token whose tenant is not here is refused (403).
create table tenants (
    tenant        text        primary key,
    profile       jsonb       not null,
    -- the sequence of the event in the tenant's stream: TenantRegistered and TenantUpdated travel
    -- on two topics, which Kafka does not order against each other; the newer one wins
    version       bigint      not null,
    registered_at timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
