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
import org.relance.contracts.events.DunningPlanPublished;
import org.relance.contracts.events.DunningSegmentsPublished;
import org.relance.dunning.cases.domain.PlanBook;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Segments;
import org.relance.platform.sql.JsonColumns;

/** Published plan versions and segment rules, per tenant. */
@ApplicationScoped
public class PlanRepository {

  /** A tenant's plans at one moment: its published versions over the built-in ones. */
  public record TenantPlans(
      List<DunningPlan> published,
      List<LocalDate> publishedOn,
      List<Segments> segmentVersions,
      List<LocalDate> segmentsPublishedOn,
      List<DunningPlan> everyVersion)
      implements PlanBook {

    public TenantPlans(
        List<DunningPlan> published,
        List<LocalDate> publishedOn,
        List<Segments> segmentVersions,
        List<LocalDate> segmentsPublishedOn) {
      this(published, publishedOn, segmentVersions, segmentsPublishedOn, published);
    }

    /** The segment rules in force: the latest version. */
    public Segments segments() {
      return segmentVersions.isEmpty()
          ? Segments.BUILT_IN
          : segmentVersions.get(segmentVersions.size() - 1);
    }

    /**
     * The plans and rules as they were on {@code day}: a version published later does not choose
     * the plan of an invoice whose day is decided late (after downtime, or in a replay). Versions
     * named explicitly stay findable.
     */
    public TenantPlans asOf(LocalDate day) {
      List<DunningPlan> plans = new ArrayList<>();
      List<LocalDate> dates = new ArrayList<>();
      for (int i = 0; i < published.size(); i++) {
        if (!publishedOn.get(i).isAfter(day)) {
          plans.add(published.get(i));
          dates.add(publishedOn.get(i));
        }
      }
      List<Segments> segs = new ArrayList<>();
      List<LocalDate> segDates = new ArrayList<>();
      for (int i = 0; i < segmentVersions.size(); i++) {
        if (!segmentsPublishedOn.get(i).isAfter(day)) {
          segs.add(segmentVersions.get(i));
          segDates.add(segmentsPublishedOn.get(i));
        }
      }
      return new TenantPlans(plans, dates, segs, segDates, everyVersion);
    }

    @Override
    public Optional<DunningPlan> find(String planId, int version) {
      Optional<DunningPlan> own =
          everyVersion.stream()
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
            "select definition, published_on from dunning_plans where tenant = $1"
                + " order by plan_id, version")
        .execute(Tuple.of(tenant))
        .flatMap(
            rows -> {
              List<DunningPlan> plans = new ArrayList<>();
              List<LocalDate> dates = new ArrayList<>();
              rows.forEach(
                  r -> {
                    plans.add(PlanCodec.plan(JsonColumns.read(r.getValue(0))));
                    dates.add(r.getLocalDate(1));
                  });
              return c.preparedQuery(
                      "select definition, published_on from dunning_segments where tenant = $1"
                          + " order by version")
                  .execute(Tuple.of(tenant))
                  .map(
                      seg -> {
                        List<Segments> versions = new ArrayList<>();
                        List<LocalDate> segDates = new ArrayList<>();
                        seg.forEach(
                            r -> {
                              versions.add(PlanCodec.segments(JsonColumns.read(r.getValue(0))));
                              segDates.add(r.getLocalDate(1));
                            });
                        return new TenantPlans(plans, dates, versions, segDates);
                      });
            });
  }

  /** Idempotent: the REST publication and the topic both write it. */
  public Uni<Void> savePlan(SqlClient c, JsonNode data) {
    DunningPlanPublished plan = Json.convert(data, DunningPlanPublished.class);
    return c.preparedQuery(
            "insert into dunning_plans (tenant, plan_id, version, definition, published_on, published_by)"
                + " values ($1, $2, $3, $4::text::jsonb, $5, $6) on conflict do nothing")
        .execute(
            Tuple.tuple(
                List.of(
                    plan.tenant(),
                    plan.planId(),
                    plan.version(),
                    Json.write(data),
                    plan.publishedOn(),
                    plan.publishedBy())))
        .replaceWithVoid();
  }

  public Uni<Void> saveSegments(SqlClient c, JsonNode data) {
    DunningSegmentsPublished segments = Json.convert(data, DunningSegmentsPublished.class);
    return c.preparedQuery(
            "insert into dunning_segments (tenant, version, definition, published_on, published_by)"
                + " values ($1, $2, $3::text::jsonb, $4, $5) on conflict do nothing")
        .execute(
            Tuple.tuple(
                List.of(
                    segments.tenant(),
                    segments.version(),
                    Json.write(data),
                    segments.publishedOn(),
                    segments.publishedBy())))
        .replaceWithVoid();
  }
}
