-- The erasure rules weigh each claim by its jurisdiction's limitation period, and look up a
-- debtor's invoices: the read model keeps the jurisdiction (not personal) and indexes the debtor.
alter table invoices add column jurisdiction char(2);
update invoices i
   set jurisdiction = e.envelope::jsonb -> 'data' ->> 'jurisdiction'
  from event_store e
 where e.stream_id = i.id::text and e.type = 'InvoiceIssued';
update invoices set jurisdiction = 'FR' where jurisdiction is null;
alter table invoices alter column jurisdiction set not null;
create index invoices_debtor on invoices (tenant, debtor_id);
