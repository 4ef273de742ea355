package org.relance.dunning.cases.domain;

import org.relance.dunning.calendar.domain.BusinessCalendar;
import org.relance.dunning.plan.domain.Segments;

/**
 * What a day's decision needs beyond the case: the creditor's calendar, the plans, the segment
 * rules in force, and the debtor's payment history (for a plan not yet chosen).
 */
public record DayContext(
    BusinessCalendar calendar, PlanBook plans, Segments segments, int latePaymentsLast12Months) {}
