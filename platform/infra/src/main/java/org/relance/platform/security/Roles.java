package org.relance.platform.security;

import java.util.List;

/**
 * The roles of Relance's access tokens ({@code realm_access.roles}). The tenant roles act on the
 * tenant named by the token's {@code tenant} claim; {@link #OPERATOR} is platform-wide, carries no
 * tenant, and names a tenant in the path when it acts on one. The table of roles by endpoint is in
 * {@code docs/security.md}.
 */
public final class Roles {

  /** An ERP system (client credentials): invoices, payments and disputes of its tenant. */
  public static final String ERP = "erp";

  /** Promises, payment plans, pauses, plans and segments, waivers, disputes, retries. */
  public static final String CREDIT_MANAGER = "credit-manager";

  /** The work list and call outcomes. */
  public static final String COLLECTOR = "collector";

  /** Read-only, evidence files included. */
  public static final String VIEWER = "viewer";

  /** Platform-wide: rebuilds, the rate book, dead letters, tenants, the demo clock. */
  public static final String OPERATOR = "operator";

  /** Every role that belongs to a tenant: each may read (GET) its own tenant's resources. */
  public static final List<String> TENANT_ROLES = List.of(ERP, CREDIT_MANAGER, COLLECTOR, VIEWER);

  private Roles() {}
}
