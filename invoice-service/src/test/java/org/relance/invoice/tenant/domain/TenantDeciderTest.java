package org.relance.invoice.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;

/** Specifications of a tenant's registration. */
class TenantDeciderTest {

  private static TenantProfile profile(String signatory) {
    return new TenantProfile(
        "acme",
        "Acme Industrie SAS",
        "552100554",
        null,
        new TenantProfile.Address(List.of("3 quai Saint-Antoine"), "69002", "Lyon", "FR"),
        "FR",
        "Europe/Paris",
        "fr",
        new TenantProfile.Signatory(signatory, "Directrice financière"),
        "recouvrement@acme.example");
  }

  @Test
  void a_tenant_is_registered_once() {
    assertThat(TenantDecider.register(Optional.empty(), profile("Claire"), "op"))
        .isEqualTo(new TenantEvent.Registered(profile("Claire"), "op"));
    Refusal again =
        catchThrowableOfType(
            Refusal.class,
            () -> TenantDecider.register(Optional.of(profile("Claire")), profile("Claire"), "op"));
    assertThat(again.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    assertThat(again.detail()).isEqualTo("tenant acme is already registered");
  }

  @Test
  void the_same_profile_again_records_nothing_and_a_new_one_is_an_update() {
    Optional<TenantProfile> current = Optional.of(profile("Claire"));

    assertThat(TenantDecider.update(current, profile("Claire"), "op")).isEmpty();
    assertThat(TenantDecider.update(current, profile("Marc"), "op"))
        .containsExactly(new TenantEvent.Updated(profile("Marc"), "op"));
    assertThat(
            catchThrowableOfType(
                    Refusal.class,
                    () -> TenantDecider.update(Optional.empty(), profile("Marc"), "op"))
                .kind())
        .isEqualTo(Refusal.Kind.NOT_FOUND);
  }

  @Test
  void a_french_creditor_is_named_by_a_siren_with_a_valid_check_digit() {
    assertThat(TenantProfile.isLegalIdOf("FR", "552100554")).isTrue();
    assertThat(TenantProfile.isLegalIdOf("FR", "552100555")).isFalse();
    assertThat(TenantProfile.isLegalIdOf("DE", "HRB 12345")).isTrue();
  }
}
