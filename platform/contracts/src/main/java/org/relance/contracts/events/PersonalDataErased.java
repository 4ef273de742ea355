package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A data subject's personal data was erased: the keys that opened it are destroyed, and every
 * service forgets the clear values it kept. Says who, when and why, and which invoices involve the
 * subject; never a personal value. Key: &lt;tenant&gt;/&lt;debtorId&gt;.
 *
 * @param override the operator erased despite a claim the creditor could still pursue (see {@code
 *     docs/personal-data.md}); the claims concerned are in {@code overridden}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalDataErased(
    String tenant,
    String subjectId,
    List<UUID> invoices,
    String erasedBy,
    String reason,
    LocalDate erasedOn,
    String erasedAt,
    int keyGenerations,
    boolean override,
    List<UUID> overridden)
    implements EventData {}
