package org.relance.invoice.tenant.domain;

/** What happened to a tenant's registration; {@code by} is the operator who did it. */
public sealed interface TenantEvent {

  TenantProfile profile();

  record Registered(TenantProfile profile, String by) implements TenantEvent {}

  /** The whole new profile replaces the old one. */
  record Updated(TenantProfile profile, String by) implements TenantEvent {}
}
