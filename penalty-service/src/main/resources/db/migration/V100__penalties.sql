-- What penalty-service knows of each invoice, folded from invoice and dunning events (in any
-- arrival order), and the assessments still waiting for the invoice or for a rate.
create table penalty_cases (
    invoice_id uuid primary key,
    tenant     text,
    invoice    jsonb,
    payments   jsonb not null default '[]'::jsonb,
    pending    jsonb not null default '[]'::jsonb,
    updated_at timestamptz not null default now()
);
