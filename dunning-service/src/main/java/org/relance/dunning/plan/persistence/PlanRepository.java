package org.relance.dunning.plan.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.relance.contracts.Json;
import org.relance.dunning.cases.domain.PlanBook;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Segments;
import org.relance.platform.sql.JsonColumns;

/** Published plan versions and segment rules, per tenant. */
@ApplicationScoped
public class PlanRepository {

  /** A tenant's plans at one moment: its published versions over the built-in ones. */
  public record TenantPlans(List<DunningPlan> published, Segments segments) implements PlanBook {

    @Override
    public Optional<DunningPlan> find(String planId, int version) {
      Optional<DunningPlan> own =
          published.stream()
              .filter(p -> p.id().equals(planId) && p.version() == version)
              .findFirst();
      if (own.isPresent()) {
        return own;
      }
      return BuiltInPlans.find(planId).filter(p -> p.version() == version);
    }

    @Override
    public Optional<DunningPlan> latest(String planId) {
      Optional<DunningPlan> own =
          published.stream()
              .filter(p -> p.id().equals(planId))
              .max(Comparator.comparingInt(DunningPlan::version));
      return own.isPresent() ? own : BuiltInPlans.find(planId);
    }

    /** Every plan id the tenant can use, latest version each. */
    public List<DunningPlan> latestOfEach() {
      List<DunningPlan> all = new ArrayList<>();
      java.util.Set<String> ids = new java.util.TreeSet<>();
      BuiltInPlans.ALL.forEach(p -> ids.add(p.id()));
      published.forEach(p -> ids.add(p.id()));
      ids.forEach(id -> latest(id).ifPresent(all::add));
      return all;
    }

    public List<DunningPlan> versions(String planId) {
      List<DunningPlan> all = new ArrayList<>();
      BuiltInPlans.find(planId).ifPresent(all::add);
      published.stream().filter(p -> p.id().equals(planId)).forEach(all::add);
      all.sort(Comparator.comparingInt(DunningPlan::version));
      return all;
    }
  }

  public Uni<TenantPlans> load(SqlClient c, String tenant) {
    return c.preparedQuery(
            "select definition from dunning_plans where tenant = $1 order by plan_id, version")
        .execute(Tuple.of(tenant))
        .flatMap(
            rows -> {
              List<DunningPlan> plans = new ArrayList<>();
              rows.forEach(r -> plans.add(PlanCodec.plan(JsonColumns.read(r.getValue(0)))));
              return c.preparedQuery(
                      "select definition from dunning_segments where tenant = $1"
                          + " order by version desc limit 1")
                  .execute(Tuple.of(tenant))
                  .map(
                      seg ->
                          new TenantPlans(
                              plans,
                              seg.size() == 0
                                  ? Segments.BUILT_IN
                                  : PlanCodec.segments(
                                      JsonColumns.read(seg.iterator().next().getValue(0)))));
            });
  }

  /** Idempotent: the REST publication and the topic both write it. */
  public Uni<Void> savePlan(SqlClient c, JsonNode data) {
    return c.preparedQuery(
            "insert into dunning_plans (tenant, plan_id, version, definition, published_on, published_by)"
                + " values ($1, $2, $3, $4::text::jsonb, $5, $6) on conflict do nothing")
        .execute(
            Tuple.tuple(
                List.of(
                    data.get("tenant").asText(),
                    data.get("planId").asText(),
                    data.get("version").asInt(),
                    Json.write(data),
                    LocalDate.parse(data.get("publishedOn").asText()),
                    data.get("publishedBy").asText())))
        .replaceWithVoid();
  }

  public Uni<Void> saveSegments(SqlClient c, JsonNode data) {
    return c.preparedQuery(
            "insert into dunning_segments (tenant, version, definition, published_on, published_by)"
                + " values ($1, $2, $3::text::jsonb, $4, $5) on conflict do nothing")
        .execute(
            Tuple.tuple(
                List.of(
                    data.get("tenant").asText(),
                    data.get("version").asInt(),
                    Json.write(data),
                    LocalDate.parse(data.get("publishedOn").asText()),
                    data.get("publishedBy").asText())))
        .replaceWithVoid();
  }
}
