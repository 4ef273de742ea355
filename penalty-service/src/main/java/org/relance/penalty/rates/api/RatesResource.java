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
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.penalty.rates.domain.RatePoint;
import org.relance.penalty.rates.domain.RateSeries;
import org.relance.penalty.rates.persistence.Rates;
import org.relance.platform.http.Fields;
import org.relance.platform.http.ProblemException;
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
  private final org.relance.penalty.assessment.messaging.PenaltyConsumer assessments;

  public RatesResource(
      Rates rates, org.relance.penalty.assessment.messaging.PenaltyConsumer assessments) {
    this.rates = rates;
    this.assessments = assessments;
  }

  @GET
  @Operation(
      summary =
          "Every rate series with its values, sources and verified-through date, and what is missing")
  @RolesAllowed({Roles.OPERATOR, Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public RatesView all() {
    var book = rates.current();
    return new RatesView(
        book.series().values().stream().map(SeriesView::of).toList(),
        book.missing(LocalDate.now(ZoneId.of("Europe/Paris"))));
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
    if (rates.current().find(series).isEmpty()) {
      throw ProblemException.notFound(
          "no rate series " + series + "; known: " + rates.current().series().keySet());
    }
    Fields f = new Fields(body);
    LocalDate from = f.date("effectiveFrom", true);
    BigDecimal percent = f.decimal("ratePercent", true);
    String source = f.text("source", true);
    LocalDate through = f.date("verifiedThrough", false);
    if (percent != null
        && (percent.compareTo(BigDecimal.valueOf(-5)) < 0
            || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
      f.fault("ratePercent", "must be between -5 and 100");
    }
    RateSeries current = rates.current().get(series);
    if (from != null
        && current.kind() == RateSeries.Kind.HALF_YEARLY
        && !from.equals(RateSeries.halfYearStart(from))) {
      f.fault("effectiveFrom", "a half-yearly rate takes effect on 1 January or 1 July");
    }
    if (through != null && from != null && through.isBefore(from)) {
      f.fault("verifiedThrough", "must not be before effectiveFrom");
    }
    f.throwIfInvalid();
    return rates
        .record(
            series,
            new RatePoint(from, percent, source),
            through,
            caller.actor(),
            LocalDate.now(ZoneId.of("Europe/Paris")))
        // assessments that waited for this rate are made now
        .call(
            book ->
                assessments
                    .redrivePending()
                    // the rate is recorded whatever happens here; the next event retries the rest
                    .onFailure()
                    .recoverWithItem(0))
        .map(book -> SeriesView.of(book.get(series)));
  }
}
