package org.relance.litigation.evidence.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.relance.contracts.CloudEvent;

@ApplicationScoped
public class EvidenceRepository {

  /** Every recorded event about the subject, for the tenant, as published. */
  public Uni<List<CloudEvent>> events(SqlClient c, String tenant, String subject) {
    return c.preparedQuery(
            "select envelope from evidence_events where subject = $1 and tenant = $2"
                + " order by business_date, event_time, source, sequence")
        .execute(Tuple.of(subject, tenant))
        .map(
            rows -> {
              List<CloudEvent> events = new ArrayList<>();
              rows.forEach(r -> events.add(CloudEvent.parse(r.getString("envelope"))));
              return events;
            });
  }
}
