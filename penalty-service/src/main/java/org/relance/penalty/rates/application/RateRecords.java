package org.relance.penalty.rates.application;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.relance.penalty.assessment.application.PenaltyAssessments;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RateRecording;

/** An operator records a rate value: it is an event, used at once. */
@ApplicationScoped
public class RateRecords {

  private final Rates rates;
  private final PenaltyAssessments assessments;

  public RateRecords(Rates rates, PenaltyAssessments assessments) {
    this.rates = rates;
    this.assessments = assessments;
  }

  /** Records the value, then makes the assessments that waited for it. */
  public Uni<RateBook> record(RateRecording recording) {
    return rates
        .record(recording)
        .call(
            book ->
                assessments
                    .redrivePending()
                    // the rate is recorded whatever happens here; the next event retries the rest
                    .onFailure()
                    .recoverWithItem(0));
  }
}
