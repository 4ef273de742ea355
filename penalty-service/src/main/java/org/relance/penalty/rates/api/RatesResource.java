package org.relance.penalty.rates.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.penalty.rates.application.RateRecords;
import org.relance.penalty.rates.application.Rates;
import org.relance.penalty.rates.domain.RatePoint;
import org.relance.penalty.rates.domain.RateRecording;
import org.relance.penalty.rates.domain.RateSeries;
import org.relance.platform.http.Fields;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

@Path("/api/v1/penalties/rates")
@Produces(MediaType.APPLICATION_JSON)
public class RatesResource {

  @Inject Caller caller;

  public record RatesView(List<SeriesView> series, List<String> missing) {}

  /** A series as the API shows it: rates as decimal strings, like every amount of the API. */
  public record SeriesView(
      String id, String name, String kind, String verifiedThrough, List<PointView> points) {
    static SeriesView of(RateSeries s) {
      return new SeriesView(
          s.id(),
          s.name(),
          s.kind().name(),
          s.verifiedThrough().toString(),
          s.points().stream()
              .map(
                  p ->
                      new PointView(
                          p.effectiveFrom().toString(),
                          p.ratePercent().toPlainString(),
                          p.source()))
              .toList());
    }
  }

  public record PointView(String effectiveFrom, String ratePercent, String source) {}

  private final Rates rates;
  private final RateRecords records;

  public RatesResource(Rates rates, RateRecords records) {
    this.rates = rates;
    this.records = records;
  }

  @GET
  @Operation(
      summary =
          "Every rate series with its values, sources and verified-through date, and what is missing")
  @RolesAllowed({Roles.OPERATOR, Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public RatesView all() {
    return new RatesView(
        rates.current().series().values().stream().map(SeriesView::of).toList(), rates.missing());
  }

  @POST
  @Path("/{series}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Record a rate value with its source (an event: no release needed, replays stay exact)")
  @RolesAllowed(Roles.OPERATOR)
  public Uni<SeriesView> record(
      @PathParam("series") String series,
      @RequestBody(content = @Content(schema = @Schema(implementation = RateRequest.class)))
          JsonNode body) {
    RateSeries current = rates.series(series);
    Fields f = new Fields(body);
    LocalDate from = f.date("effectiveFrom", true);
    BigDecimal percent = f.decimal("ratePercent", true);
    String source = f.text("source", true);
    LocalDate through = f.date("verifiedThrough", false);
    // the request's faults and the rules' are named together, as one 400
    RateRecording.faults(current, from, percent, through)
        .forEach(v -> f.fault(v.field(), v.reason()));
    f.throwIfInvalid();
    return records
        .record(
            new RateRecording(
                series, new RatePoint(from, percent, source), through, caller.actor()))
        .map(book -> SeriesView.of(book.get(series)));
  }
}
